/**
 * Text of imported VM entries, waves and a new runbook. Sizes are formatted by quantity.ts
 * (`16 GiB`, `1.21 TiB`); every text from the export is written as a safe YAML scalar or comment.
 */
import { formatBytes } from '../../shared/src/units/quantity';
import { formatScalar } from '../../server/src/engine/yamlEdit';
import type { InventoryVm } from './inventory';
import { firstReleaseRunning } from '../../server/src/engine/vsphere';

/** C0/C1 controls and DEL: YAML cannot hold them raw. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const HAS_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** A YAML scalar that reads back as exactly `value`: plain when safe, else double-quoted. */
export function yamlScalar(value: string): string {
  if (!HAS_CONTROL.test(value)) return formatScalar(value);
  return JSON.stringify(value).replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text for a comment: one line, and never a suppression directive. */
export function commentText(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ').replace(/runbook-disable/gi, 'runbook_disable').trim();
}

export interface DesiredSizes {
  readonly memory?: string;
  /** vMemory Consumed: the memory the guest has touched (what vMotion sends). */
  readonly activeMemory?: string;
  /** `disk: X` when provisioned and used are the same (or only one is known). */
  readonly disk?: { readonly provisioned: string; readonly used: string };
}

/** The quantities an inventory VM should have in the runbook. */
export function desiredSizes(vm: InventoryVm): DesiredSizes {
  const provisioned = vm.provisionedBytes ?? vm.inUseBytes;
  const used = vm.inUseBytes ?? vm.provisionedBytes;
  return {
    memory: vm.memoryBytes === undefined ? undefined : formatBytes(vm.memoryBytes),
    // vMemory Consumed, never above the VM's memory (a VM's overhead is counted apart).
    activeMemory: vm.consumedMemoryBytes === undefined ? undefined : formatBytes(vm.memoryBytes === undefined ? vm.consumedMemoryBytes : Math.min(vm.consumedMemoryBytes, vm.memoryBytes)),
    disk: provisioned === undefined || used === undefined ? undefined : { provisioned: formatBytes(provisioned), used: formatBytes(used) },
  };
}

export function diskText(disk: { readonly provisioned: string; readonly used: string }): string {
  return disk.provisioned === disk.used ? disk.provisioned : `{ provisioned: ${disk.provisioned}, used: ${disk.used} }`;
}

/** The inventory facts the format has no key for, as a comment after the VM's key. */
export function inventoryComment(vm: InventoryVm): string {
  const parts = [
    vm.cluster !== undefined ? `cluster ${vm.cluster}` : undefined,
    vm.folder !== undefined ? `folder ${vm.folder}` : undefined,
    vm.cpus !== undefined ? `${vm.cpus} vCPU` : undefined,
    vm.os,
    vm.powerState === 'on' ? undefined : vm.powerState === 'off' ? 'powered off' : 'suspended',
    vm.template ? 'template' : undefined,
  ].filter((p): p is string => p !== undefined && p !== '');
  return parts.length > 0 ? `  # ${commentText(parts.join(', '))}` : '';
}

/** A block VM entry: `key:` at `column`, its keys at `childColumn`, lines joined by `eol`. */
export function vmEntryLines(id: string, vm: InventoryVm, column: number, childColumn: number): string[] {
  const pad = ' '.repeat(column);
  const child = ' '.repeat(childColumn);
  const sizes = desiredSizes(vm);
  const lines = [`${pad}${yamlScalar(id)}:${inventoryComment(vm)}`, `${child}name: ${yamlScalar(vm.name)}`];
  if (sizes.memory !== undefined) lines.push(`${child}memory: ${sizes.memory}`);
  if (sizes.activeMemory !== undefined) lines.push(`${child}active_memory: ${sizes.activeMemory}  # vMemory Consumed`);
  if (sizes.disk !== undefined) lines.push(`${child}disk: ${diskText(sizes.disk)}`);
  if (vm.host !== undefined) lines.push(`${child}host: ${yamlScalar(vm.host)}`);
  for (const [key, value] of eligibility(vm)) lines.push(`${child}${key}: ${value}`);
  return lines;
}

/**
 * The eligibility keys the vInfo row carries (docs/import.md): the hardware version (`vmx-19` ->
 * `hardware_version: 19`), the EVC mode the VM needs, and Fault Tolerance when it is on. An empty
 * or unreadable cell gives no key.
 */
export function eligibility(vm: InventoryVm): [string, string][] {
  const out: [string, string][] = [];
  const hw = vm.hwVersion !== undefined ? /^\s*(?:vmx-?)?(\d{1,3})\s*$/i.exec(vm.hwVersion) : null;
  if (hw) out.push(['hardware_version', hw[1]]);
  if (vm.evc !== undefined && /^[A-Za-z0-9_-]+$/.test(vm.evc)) out.push(['evc', vm.evc]);
  const features = [...(vm.ftState !== undefined && FT_ON.has(vm.ftState.toLowerCase()) ? ['fault-tolerance'] : []), ...(vm.deviceFeatures ?? [])];
  if (features.length > 0) out.push(['features', `[${features.join(', ')}]`]);
  return out;
}

/** vSphere's FaultToleranceState values for a VM with FT turned on (`notConfigured`, `disabled`: off). */
const FT_ON = new Set(['enabled', 'needsecondary', 'starting', 'running']);

/** A flow VM entry for a flow-style `vms` map: `id: { name: ..., memory: ... }`. */
export function vmEntryFlow(id: string, vm: InventoryVm): string {
  const sizes = desiredSizes(vm);
  const parts = [`name: ${yamlScalar(vm.name)}`];
  if (sizes.memory !== undefined) parts.push(`memory: ${sizes.memory}`);
  if (sizes.activeMemory !== undefined) parts.push(`active_memory: ${sizes.activeMemory}`);
  if (sizes.disk !== undefined) parts.push(`disk: ${diskText(sizes.disk)}`);
  if (vm.host !== undefined) parts.push(`host: ${yamlScalar(vm.host)}`);
  for (const [key, value] of eligibility(vm)) parts.push(`${key}: ${value}`);
  return `${yamlScalar(id)}: { ${parts.join(', ')} }`;
}

export interface PlannedVm {
  readonly id: string;
  readonly vm: InventoryVm;
}

/**
 * Splits VMs into waves of at most `waveSize`, keeping each cluster's VMs together (clusters in
 * the order they first appear, VMs in export order), so a wave rarely spans clusters.
 */
export function splitIntoWaves(vms: readonly PlannedVm[], waveSize: number): PlannedVm[][] {
  const byCluster = new Map<string, PlannedVm[]>();
  for (const p of vms) {
    const key = p.vm.cluster ?? '';
    const list = byCluster.get(key);
    if (list) list.push(p);
    else byCluster.set(key, [p]);
  }
  const ordered = [...byCluster.values()].flat();
  const waves: PlannedVm[][] = [];
  for (let i = 0; i < ordered.length; i += waveSize) waves.push(ordered.slice(i, i + waveSize));
  return waves;
}

/** Block wave items: `- name: ...` at `dashColumn`, keys at `dashColumn + 2`. */
export function waveLines(name: string, link: string | undefined, vms: readonly PlannedVm[], dashColumn: number): string[] {
  const pad = ' '.repeat(dashColumn);
  const child = ' '.repeat(dashColumn + 2);
  const lines = [`${pad}- name: ${yamlScalar(name)}`];
  if (link !== undefined) lines.push(`${child}link: ${yamlScalar(link)}`);
  lines.push(`${child}# TODO: window: { start: "2027-01-09T22:00:00-05:00", duration: 8h }`);
  lines.push(`${child}vms: [${vms.map((p) => yamlScalar(p.id)).join(', ')}]`);
  return lines;
}

export function waveFlow(name: string, link: string | undefined, vms: readonly PlannedVm[]): string {
  const parts = [`name: ${yamlScalar(name)}`];
  if (link !== undefined) parts.push(`link: ${yamlScalar(link)}`);
  parts.push(`vms: [${vms.map((p) => yamlScalar(p.id)).join(', ')}]`);
  return `{ ${parts.join(', ')} }`;
}

export interface NewRunbookInput {
  readonly fileName: string;
  readonly source: string;
  readonly vms: readonly PlannedVm[];
  readonly waveSize: number;
  /** Summary lines for the header comment (skipped counts, filter). */
  readonly notes: readonly string[];
  /** The source site as the vHost sheet shows the VMs' hosts (deviceSheets.ts readHostFacts). */
  readonly sourceHosts?: { readonly release?: string; readonly evc?: string; readonly hosts: number };
}

const SOURCE_SITE = 'source';
const TARGET_SITE = 'target';
const LINK = 'source-target';

/**
 * The placeholder release: 7.0, or the first release that runs the newest hardware version in the
 * export (a vmx-19 VM runs on 7.0 U2 or later, KB 2007240), so the draft does not claim sites that
 * could not run its own VMs (RB231).
 */
function draftVsphere(vms: readonly PlannedVm[]): string {
  let newest = 0;
  for (const p of vms) {
    const hw = eligibility(p.vm).find(([key]) => key === 'hardware_version');
    if (hw) newest = Math.max(newest, Number(hw[1]));
  }
  const release = newest > 17 ? firstReleaseRunning(newest) : undefined;
  return release ?? '7.0';
}

/** A complete, schema-valid runbook whose sites, link and windows are TODO placeholders. */
export function renderNewRunbook(input: NewRunbookInput): string {
  const datacenters = [...new Set(input.vms.map((p) => p.vm.datacenter).filter((d): d is string => d !== undefined))];
  const sourceName = datacenters.length === 1 ? datacenters[0] : datacenters.length > 1 ? datacenters.join(' + ') : 'TODO source site';
  const out: string[] = [
    `# Migration runbook drafted by \`runbook import rvtools\` from ${commentText(input.fileName)} (${commentText(input.source)}).`,
    ...input.notes.map((n) => `# ${commentText(n)}`),
    '# TODO: every line marked TODO is a placeholder; put in the real sites, link and windows, then',
    '# run `runbook check`. Dirty rates are not in an inventory: each VM uses the default workload',
    '# profile (RB301, information) until its dirty_rate is measured and set.',
    'runbook: 1',
    `name: ${yamlScalar(`Migration from ${sourceName}`)}  # TODO: name the plan`,
    'purpose: planned-move',
    '',
    'defaults:',
    `  vsphere: "${draftVsphere(input.vms)}"  # TODO: the vSphere version of the sites`,
    '',
    'sites:',
    `  ${SOURCE_SITE}:  # TODO: the source data centre${datacenters.length > 0 ? ` (Datacenter ${commentText(datacenters.join(', '))} in the export)` : ''}`,
    `    name: ${yamlScalar(sourceName)}`,
    ...(input.sourceHosts?.release ? [`    vsphere: "${input.sourceHosts.release}"  # vHost ESX Version: the oldest of the VMs' ${input.sourceHosts.hosts} host${input.sourceHosts.hosts === 1 ? '' : 's'}`] : []),
    ...(input.sourceHosts?.evc ? [`    evc: ${input.sourceHosts.evc}  # vHost Current EVC of the VMs' hosts`] : []),
    `  ${TARGET_SITE}:  # TODO: the target data centre`,
    '    name: TODO target site',
    '',
    'links:',
    `  ${LINK}:  # TODO: the WAN link between the sites`,
    `    from: ${SOURCE_SITE}`,
    `    to: ${TARGET_SITE}`,
    '    bandwidth: 10 Gbps  # TODO: the line rate',
    '    rtt: 1 ms  # TODO: the measured round trip',
    '',
    'storage:',
    '  strategy: storage-vmotion  # TODO: shared | storage-vmotion | replication-async | replication-sync',
    '',
    'vms:',
  ];
  for (const p of input.vms) out.push(...vmEntryLines(p.id, p.vm, 2, 4));
  out.push('', `# A proposed split into waves of up to ${input.waveSize} VMs, each cluster's VMs together.`, 'waves:');
  splitIntoWaves(input.vms, input.waveSize).forEach((wave, i) => out.push(...waveLines(`Wave ${i + 1}`, LINK, wave, 2)));
  return `${out.join('\n')}\n`;
}
