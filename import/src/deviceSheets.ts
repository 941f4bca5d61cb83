/**
 * Eligibility facts from the per-device sheets of an RVTools workbook (docs/import.md): vDisk
 * (physical-mode RDMs, SCSI bus sharing) and vCD (a connected CD drive). Optional: a workbook
 * without these sheets, or with other headers, gives nothing. Read only for workbooks imported
 * from their default vInfo sheet.
 */
import { normalizeHeader } from './columns';
import { readXlsx } from './readXlsx';
import { ImportError, type Cell, type Table } from './table';

/** The `features` items these sheets can show (format.md, VM eligibility). */
export type DeviceFeature = 'rdm-physical' | 'shared-bus-scsi' | 'local-iso';

function column(table: Table, ...names: string[]): number | undefined {
  const wanted = new Set(names.map(normalizeHeader));
  const i = table.headers.findIndex((h) => wanted.has(normalizeHeader(h)));
  return i >= 0 ? i : undefined;
}

function text(cell: Cell | undefined): string {
  return cell === null || cell === undefined ? '' : String(cell).trim();
}

function truthy(cell: Cell | undefined): boolean {
  return cell === true || /^(true|yes|1)$/i.test(text(cell));
}

async function sheet(bytes: Uint8Array, fileName: string, name: string): Promise<Table | undefined> {
  try {
    return await readXlsx(bytes, fileName, name);
  } catch (error) {
    if (error instanceof ImportError) return undefined; // no such sheet, or an empty one
    throw error;
  }
}

/** VM name -> the device features its vDisk and vCD rows show. */
export async function readDeviceFeatures(bytes: Uint8Array, fileName: string): Promise<Map<string, Set<DeviceFeature>>> {
  const out = new Map<string, Set<DeviceFeature>>();
  const add = (vm: string, feature: DeviceFeature): void => {
    if (vm === '') return;
    let set = out.get(vm);
    if (!set) out.set(vm, (set = new Set()));
    set.add(feature);
  };
  const disks = await sheet(bytes, fileName, 'vDisk');
  if (disks) {
    const vm = column(disks, 'VM');
    // "Raw Comp. Mode": physicalMode / virtualMode (vSphere's VirtualDiskCompatibilityMode).
    const mode = column(disks, 'Raw Comp. Mode', 'Raw Com. Mode', 'Compatibility Mode');
    // "Shared Bus": noSharing / physicalSharing / virtualSharing (vSphere's VirtualSCSISharing).
    const bus = column(disks, 'Shared Bus');
    if (vm !== undefined) {
      for (const row of disks.rows) {
        const name = text(row.cells[vm]);
        if (mode !== undefined && /physical/i.test(text(row.cells[mode]))) add(name, 'rdm-physical');
        if (bus !== undefined && /^(physical|virtual)sharing$/i.test(text(row.cells[bus]))) add(name, 'shared-bus-scsi');
      }
    }
  }
  const cds = await sheet(bytes, fileName, 'vCD');
  if (cds) {
    const vm = column(cds, 'VM');
    const connected = column(cds, 'Connected');
    if (vm !== undefined && connected !== undefined) {
      // A connected CD drive is backed by an ISO or a host device the other site cannot see.
      for (const row of cds.rows) if (truthy(row.cells[connected])) add(text(row.cells[vm]), 'local-iso');
    }
  }
  return out;
}

/** What the vHost sheet says of one ESXi host: its release and the EVC mode its cluster runs. */
export interface HostFacts {
  /** `7.0 U3` (`VMware ESXi 7.0.3 build-...`); 6.x versions name no update (`6.7.0`), so `6.7`. */
  readonly release?: string;
  /** vHost `Current EVC` (e.g. `intel-cascadelake`); absent when EVC is off. */
  readonly evc?: string;
}

/** `VMware ESXi 7.0.3 build-21930508` -> `7.0 U3`; `VMware ESXi 6.7.0 build-...` -> `6.7`. */
export function esxRelease(version: string): string | undefined {
  const m = /ESXi?\s+(\d+)\.(\d+)(?:\.(\d+))?/i.exec(version);
  if (!m) return undefined;
  const update = Number(m[3] ?? 0);
  return `${m[1]}.${m[2]}${update > 0 ? ` U${update}` : ''}`;
}

/** Host name -> its release and EVC mode, from the workbook's vHost sheet (empty without it). */
export async function readHostFacts(bytes: Uint8Array, fileName: string): Promise<Map<string, HostFacts>> {
  const out = new Map<string, HostFacts>();
  const hosts = await sheet(bytes, fileName, 'vHost');
  if (!hosts) return out;
  const host = column(hosts, 'Host');
  const version = column(hosts, 'ESX Version');
  const evc = column(hosts, 'Current EVC');
  if (host === undefined) return out;
  for (const row of hosts.rows) {
    const name = text(row.cells[host]);
    if (name === '') continue;
    const release = version !== undefined ? esxRelease(text(row.cells[version])) : undefined;
    const mode = evc !== undefined ? text(row.cells[evc]) : '';
    out.set(name, { release, evc: /^[A-Za-z0-9_-]+$/.test(mode) ? mode : undefined });
  }
  return out;
}

/**
 * VM name -> vMemory `Consumed` in bytes (MiB in the sheet): the host memory backing the guest,
 * that is the pages it has touched (after page sharing; ballooned or swapped-out pages are not
 * counted, so it is a low estimate then). vMotion does not send pages the guest never touched
 * (docs/estimates.md 3.3), so this is what the import writes as `active_memory`. vMemory `Active`
 * (the recently-used working set, sampled) is smaller and not what a migration sends: not used.
 */
export async function readConsumedMemory(bytes: Uint8Array, fileName: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const memory = await sheet(bytes, fileName, 'vMemory');
  if (!memory) return out;
  const vm = column(memory, 'VM');
  const consumed = column(memory, 'Consumed', 'Consumed MiB', 'Consumed MB');
  if (vm === undefined || consumed === undefined) return out;
  for (const row of memory.rows) {
    const name = text(row.cells[vm]);
    const cell = row.cells[consumed];
    const mib = typeof cell === 'number' ? cell : Number(text(cell).replace(/,/g, ''));
    if (name !== '' && Number.isFinite(mib) && mib >= 0 && text(cell) !== '') out.set(name, mib * 1024 * 1024);
  }
  return out;
}
