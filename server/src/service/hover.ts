/**
 * Hovers, dispatched on the YAML path under the cursor: a VM shows its estimate breakdown, a link its
 * RTT and per-stream throughput, a wave its schedule against the window, a site its vSphere limits,
 * any other key the schema's description. Runbook text is escaped (markdown.ts) everywhere.
 */
import type { Hover, Position } from 'vscode-languageserver-types';
import type { Analysis } from '../engine/analyze';
import type { LinkEstimate, ThroughputEstimate, VmEstimate } from '../engine/estimate/types';
import type { Link, Site, Step, Vm, Wave } from '../engine/model';
import { formatBitRate, formatByteRate, formatBytes, formatDuration, formatDurationRange, formatMilliseconds } from '../../../shared/src/units/quantity';
import type { Span } from '../engine/text';
import {
  MAX_SWITCHOVER_SECONDS, MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SECOND, concurrencyLimits, endOfGeneralSupport, licenseTier, parseVsphereVersion, vmotionCapabilities,
  type SocketBufferBehaviour, type VsphereVersion,
} from '../engine/vsphere';
import { blocks, escapeMarkdown, inlineCode, table } from './markdown';
import { dateText, formatLocalTime } from '../../../shared/src/units/time';
import { waveFitLabel } from '../../../shared/src/timeline/layout';
import { describeKey } from './schemaDescription';
import { throttledBySdps } from '../engine/rules/support/lookup';
import { formatStunSeconds } from '../engine/rules/support/format';
import { locate, type PathSegment } from './yamlPath';

function markdown(value: string, analysis: Analysis, span: Span | undefined): Hover {
  return span
    ? { contents: { kind: 'markdown', value }, range: analysis.lineIndex.rangeOf(span) }
    : { contents: { kind: 'markdown', value } };
}

function title(kind: string, id: string, name: string | undefined): string {
  return `**${kind} ${inlineCode(id)}**${name ? ` ${escapeMarkdown(name)}` : ''}`;
}

function explanationList(lines: readonly string[]): string | undefined {
  return lines.length ? lines.map((l) => `- ${escapeMarkdown(l)}`).join('\n') : undefined;
}

function throughputText(t: ThroughputEstimate): string {
  return `${formatByteRate(t.bytesPerSecond)} (${formatBitRate(t.bytesPerSecond)})`;
}

/**
 * The VM hover, most important first: the total and whether it fits its window (and, when the VM
 * fails, why); for a VM whose pre-copy cannot converge, once and in order, what happens without SDPS,
 * what SDPS does and what to do; then the figures; the formula details last.
 */
export function vmHoverMarkdown(vm: Vm, estimate: VmEstimate | undefined, analysis?: Analysis): string {
  const heading = title('VM', vm.id, vm.name?.value);
  if (!estimate) {
    return blocks(heading, 'No estimate for this VM: it needs to be in a wave whose link has a bandwidth (see the diagnostics).');
  }
  const failsAtSwitchover = estimate.switchoverSeconds > MAX_SWITCHOVER_SECONDS;
  const sdps = analysis !== undefined && throttledBySdps(estimate, analysis.model, analysis.options);
  const total = estimate.lowSeconds === estimate.highSeconds
    ? `**Total ≈ ${formatDuration(estimate.totalSeconds)}**`
    : `**Total ≈ ${formatDurationRange(estimate.lowSeconds, estimate.highSeconds)}** (likely ${formatDuration(estimate.totalSeconds)})`;
  const summary = `${total} · ${fitText(analysis, vm.id)}`;
  const todo = '**What to do:** lower the workload during the window, raise the bandwidth or the migration share, or lower the wave concurrency.';
  let story: string | undefined;
  if (estimate.sdpsGuestSpeed !== undefined) {
    // SDPS engaged (vSphere 5.0+): the estimate is the throttled migration that completes.
    story = [
      `**Without SDPS:** pre-copy would never converge (dirty rate ${formatByteRate(estimate.dirtyRateBytesPerSecond)} ≥ throughput ${formatByteRate(estimate.throughput.bytesPerSecond)}), and the residual would cross in a long switchover.`,
      `**What SDPS does:** from vSphere 5.0, ESX slows the guest's vCPUs until pre-copy converges: here the guest runs at about ${Math.round(estimate.sdpsGuestSpeed * 100)} % of its speed while it migrates, and the switchover stays short. The total above is that throttled migration.`,
      todo,
    ].join('\n\n');
  } else if (estimate.memoryConverges === false) {
    const without = `**Without SDPS:** pre-copy never converges (dirty rate ${formatByteRate(estimate.dirtyRateBytesPerSecond)} ≥ throughput ${formatByteRate(estimate.throughput.bytesPerSecond)}); the switchover would take ${formatStunSeconds(estimate.switchoverSeconds)}` +
      (failsAtSwitchover ? `, above ESX's ${MAX_SWITCHOVER_SECONDS} s limit, so ESX would fail the migration and keep the VM on the source.` : '.');
    const does = sdps
      ? '**What SDPS does:** from vSphere 5.0, ESX slows the guest\'s vCPUs until pre-copy converges, so the migration completes with a short switchover but the VM runs throttled while it migrates.'
      : '**No SDPS here:** it needs vSphere 5.0 or later at both ends, so nothing slows the guest.';
    story = [without, does, todo].join('\n\n');
  } else if (failsAtSwitchover) {
    story = [
      `**Fails:** switchover ${formatStunSeconds(estimate.switchoverSeconds)} exceeds ESX's ${MAX_SWITCHOVER_SECONDS} s limit: ESX fails the migration and keeps the VM on the source.`,
      '**What to do:** cut the dirty rate or hot set during the window, give it more bandwidth, or move it cold or by replication.',
    ].join('\n\n');
  }
  const rows: [string, string][] = [
    ['Memory pre-copy', `${formatDuration(estimate.memorySeconds)} in ${estimate.rounds} round${estimate.rounds === 1 ? '' : 's'}` +
      (estimate.sdpsGuestSpeed !== undefined ? ` (SDPS: guest slowed to about ${Math.round(estimate.sdpsGuestSpeed * 100)} % of its speed)` : estimate.converges ? '' : ' (does not converge)')],
    // Without SDPS (vSphere 4.x) a non-converging VM's stun is what an un-throttled guest would need.
    ['Switchover (stun)', estimate.memoryConverges === false && estimate.sdpsGuestSpeed === undefined
      ? `${formatDuration(estimate.switchoverSeconds)} if not throttled (no SDPS before vSphere 5.0)`
      : `${formatDurationRange(estimate.switchoverLowSeconds, estimate.switchoverHighSeconds)}${estimate.vgpuSeconds > 0 ? ` (vGPU frame buffer ${formatDuration(estimate.vgpuSeconds)})` : ''}`],
    ['Disk', estimate.diskBytes > 0 ? `${formatBytes(estimate.diskBytes)} in ${formatDuration(estimate.diskSeconds)} (${estimate.storage})` : `none (${estimate.storage})`],
  ];
  if (estimate.seedSeconds > 0) rows.push(['Replica seed (before the window)', formatDuration(estimate.seedSeconds)]);
  if (estimate.setupSeconds > 0) rows.push(['Setup + completion', `${formatDuration(estimate.setupSeconds)} + ${formatDuration(estimate.completionSeconds)} (${estimate.moveKind})`]);
  rows.push(
    ['Memory', formatBytes(estimate.memoryBytes)],
    ['Dirty rate', `${formatByteRate(estimate.dirtyRateBytesPerSecond)} (${estimate.dirtyRateSource})`],
    ['Throughput per stream', `${throughputText(estimate.throughput)}${estimate.throughput.explanation ? `: ${estimate.throughput.explanation}` : ''}`],
    ['Limited by', estimate.limitedBy],
  );
  // The details say each thing once: the throughput is in the table, and the switchover limit and
  // SDPS in the lines above.
  const details = estimate.explanation
    .filter((line) => !/^throughput\b/i.test(line))
    // The range's drivers have their own list above; SDPS is explained in the story.
    .filter((line) => !/^range:/i.test(line))
    .filter((line) => !(story !== undefined && /^SDPS:/.test(line)))
    .filter((line) => !(story !== undefined && /^switchover above \d+ s\b/i.test(line)))
    .map((line) => (story !== undefined ? line.replace(/;\s*vSphere 5\+ would slow the guest \(SDPS[^)]*\) instead/, '') : line));
  return blocks(
    heading,
    summary,
    story,
    table(['Estimate', 'Value'], rows),
    estimate.rangeDrivers.length ? `What drives the range:\n\n${explanationList(estimate.rangeDrivers)}` : undefined,
    explanationList(details) ? `How it is computed:\n\n${explanationList(details)}` : undefined,
    estimate.usedDefaults ? '_Some inputs were missing; defaults stood in (named above)._' : undefined,
  );
}

/** `fits wave 1's window (closes 06:00)` / `ends 8 h 55 min after wave 4's window closes` / `no window`. */
function fitText(analysis: Analysis | undefined, vmId: string): string {
  if (!analysis) return 'not scheduled';
  for (const wave of analysis.estimate.schedule.waves) {
    const placed = wave.vms.find((v) => v.vmId === vmId);
    if (!placed) continue;
    const name = `wave ${wave.index + 1}`;
    if (wave.windowStartEpochMs === undefined || wave.windowSeconds === undefined) return `${name} has no window`;
    const closes = wave.windowStartEpochMs + wave.windowSeconds * 1000;
    const closing = formatLocalTime(closes, wave.utcOffsetMinutes);
    if (placed.endEpochMs <= closes) return `fits ${name}'s window (ends ${clock(formatLocalTime(placed.endEpochMs, wave.utcOffsetMinutes))}, the window closes ${clock(closing)})`;
    return `**does not fit**: ends ${formatDuration((placed.endEpochMs - closes) / 1000)} after ${name}'s window closes (${clock(closing)})`;
  }
  return 'not in a scheduled wave';
}

/** `2027-02-06 23:12 -06:00` -> `23:12` (the date and offset are in the wave hover). */
function clock(local: string): string {
  return /^\d{4}-\d\d-\d\d \d\d:\d\d/.test(local) ? local.slice(11, 16) : local;
}

export function linkHoverMarkdown(link: Link, estimate: LinkEstimate | undefined): string {
  const heading = title('Link', link.id, link.from && link.to ? `${link.from.value} → ${link.to.value}` : undefined);
  if (!estimate) return blocks(heading, 'No estimate for this link: it needs a bandwidth and an RTT or a distance (see the diagnostics).');
  const rows: [string, string][] = [
    ['RTT', `${formatMilliseconds(estimate.rttSeconds)} (${/^(derived|given)\b/i.test(estimate.rttSource) ? '' : estimate.rttDerived ? 'derived: ' : 'given: '}${estimate.rttSource})`],
  ];
  if (estimate.bandwidthBytesPerSecond !== undefined) rows.push(['Bandwidth', formatBitRate(estimate.bandwidthBytesPerSecond)]);
  if (estimate.usableBytesPerSecond !== undefined) rows.push(['Usable for migrations', formatBitRate(estimate.usableBytesPerSecond)]);
  if (estimate.bandwidthDelayProductBytes !== undefined) {
    rows.push(['Bandwidth-delay product', `${formatBytes(estimate.bandwidthDelayProductBytes)} must be in flight to fill the link`]);
  }
  const tcp = estimate.perStream.tcp;
  const wan = estimate.perStream['wan-optimized'];
  const perStream = table3(['Per stream', 'tcp', 'wan-optimized'], [
    ['Throughput', throughputText(tcp), throughputText(wan)],
    ['Limited by', tcp.limitedBy, wan.limitedBy],
    ['Why', tcp.explanation, wan.explanation],
    ['Concurrent streams', String(tcp.concurrentStreams), String(wan.concurrentStreams)],
  ]);
  return blocks(heading, table(['Link', 'Value'], rows), perStream);
}

function table3(header: readonly [string, string, string], rows: readonly (readonly [string, string, string])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
  return [line(header), '| --- | --- | --- |', ...rows.map(line)].join('\n');
}

export function waveHoverMarkdown(analysis: Analysis, wave: Wave): string {
  const schedule = analysis.estimate.schedule.waves.find((w) => w.index === wave.index);
  const heading = `**Wave ${wave.index + 1}**${wave.name ? ` ${escapeMarkdown(wave.name.value)}` : ''}`;
  if (!schedule) return blocks(heading, 'Not scheduled: the wave needs a link, VMs with estimates and a window (see the diagnostics).');
  const rows: [string, string][] = [
    ['Duration', waveFitLabel(schedule)],
    ['Fits the window', schedule.fits === undefined ? 'no window given' : schedule.fits ? 'yes, even at the high end' : (schedule.lowOverrunSeconds ?? schedule.overrunSeconds) > 0 ? `no, overruns by ${formatDuration(schedule.lowOverrunSeconds ?? schedule.overrunSeconds)} even at the low end` : `only at the low end: the high end overruns by ${formatDuration(schedule.highOverrunSeconds ?? 0)}`],
    ['Starts', formatLocalTime(schedule.startEpochMs, schedule.utcOffsetMinutes)],
    ['Ends', formatLocalTime(schedule.endEpochMs, schedule.utcOffsetMinutes)],
  ];
  if (schedule.windowStartEpochMs !== undefined && schedule.windowSeconds !== undefined) {
    rows.push(['Window', `${formatLocalTime(schedule.windowStartEpochMs, schedule.utcOffsetMinutes)} for ${formatDuration(schedule.windowSeconds)}`]);
  }
  rows.push(['VMs', String(schedule.vms.length)], ['Concurrency', String(schedule.concurrency)]);
  if (schedule.linkId) rows.push(['Link', schedule.linkId]);
  return blocks(heading, table(['Schedule', 'Value'], rows));
}

/** A step: its start and end in the schedule (best and worst case) and what it waits for. */
export function stepHoverMarkdown(analysis: Analysis, wave: Wave, step: Step): string {
  const heading = `**${step.phase === 'rollback' ? 'Rollback step' : step.phase === 'before' ? 'Before step' : 'After step'} ${inlineCode(step.id.value)}**${step.title ? ` ${escapeMarkdown(step.title.value)}` : ''}`;
  const schedule = analysis.estimate.schedule.waves.find((w) => w.index === wave.index);
  const rows: [string, string][] = [];
  if (step.owner) rows.push(['Owner', step.owner.value]);
  rows.push(['Kind', step.kind?.value ?? 'manual (default)']);
  if (step.duration) {
    const d = step.duration.value;
    rows.push(['Duration', d.range ? `${formatDuration(Math.min(d.bestSeconds, d.worstSeconds))} best, ${formatDuration(Math.max(d.bestSeconds, d.worstSeconds))} worst` : formatDuration(d.bestSeconds)]);
  }
  if (schedule && step.phase === 'rollback' && schedule.rollback) {
    const r = schedule.rollback;
    const placed = r.steps.find((s) => s.stepId === step.id.value);
    if (placed) rows.push(['In a rollback', `${formatDuration(placed.startSeconds)} to ${formatDuration(placed.endSeconds)} after the reverse migration (worst case)`]);
    rows.push(['Rollback from the last point', `${formatDuration(r.seconds)}: reverse migration ${formatDuration(r.reverseMigrationSeconds)} + rollback steps ${formatDuration(r.stepsSeconds)}`]);
    if (r.pointOfNoReturnEpochMs !== undefined) rows.push(['Point of no return', formatLocalTime(r.pointOfNoReturnEpochMs, schedule.utcOffsetMinutes)]);
  }
  const placed = schedule?.steps?.find((s) => s.stepId === step.id.value && s.phase === step.phase);
  if (schedule && placed) {
    const at = (ms: number): string => formatLocalTime(ms, schedule.utcOffsetMinutes);
    const pair = (best: number, worst: number): string => (best === worst ? at(best) : `${at(best)} (worst ${at(worst)})`);
    rows.push(['Starts', pair(placed.bestStartEpochMs, placed.worstStartEpochMs)], ['Ends', pair(placed.bestEndEpochMs, placed.worstEndEpochMs)]);
    rows.push(['Waits for', placed.waitsFor.length > 0 ? placed.waitsFor.join(', ') : 'nothing (starts with its phase)']);
    if (placed.instances !== undefined) rows.push(['Copies', `${placed.instances} (one per VM, ${schedule.concurrency} at a time)`]);
  }
  const extra = step.kind?.value === 'script' && step.command ? `Runs: ${inlineCode(step.command.value)}` : step.kind?.value === 'check' && step.expect ? `Passes when: ${escapeMarkdown(step.expect.value)}` : undefined;
  return blocks(heading, table(['Step', 'Value'], rows), extra, step.fromDefaults ? '_From `defaults.steps`._' : undefined);
}

const SOCKET_BUFFER_WORDS: Record<SocketBufferBehaviour, string> = {
  fixed: 'fixed socket buffer',
  'rtt-resized': 'socket buffers resized from the RTT (Metro vMotion)',
  dynamic: 'dynamically resized socket buffers',
};

function generalSupportText(version: VsphereVersion): string {
  const ends = endOfGeneralSupport(version);
  if (ends === undefined) return version.major >= 8 ? 'current (no end date stored)' : 'no date stored';
  return `${ends <= Date.now() ? 'ended' : 'until'} ${dateText(ends, 0)} (RB303, docs/diagnostics.md)`;
}

export function siteHoverMarkdown(analysis: Analysis, site: Site): string {
  const heading = title('Site', site.id, site.name?.value);
  const versionText = site.vsphere?.value ?? analysis.model.defaults.vsphere?.value ?? analysis.options.defaultVsphereVersion;
  const versionFrom = site.vsphere ? 'given' : analysis.model.defaults.vsphere ? 'from defaults' : 'from the runbook.defaultVsphereVersion setting';
  const version = parseVsphereVersion(versionText);
  if (!version) return blocks(heading, `vSphere version ${inlineCode(versionText)} is not recognised; write e.g. "7.0 U2".`);
  const caps = vmotionCapabilities(version, site.license?.value);
  const rows: [string, string][] = [
    ['vSphere', `${version.text} (${versionFrom})`],
    ['License', site.license ? `${site.license.value}${licenseTier(site.license.value) !== site.license.value ? ` (counts as ${licenseTier(site.license.value)})` : ''}` : 'not given; assuming enterprise-plus'],
    ['General support', generalSupportText(version)],
    ['Max vMotion RTT', `${formatMilliseconds(caps.maxRttSeconds)} (${caps.maxRttSource})`],
    ['Socket buffer', caps.socketBuffer === 'fixed'
      ? `${SOCKET_BUFFER_WORDS.fixed} of ${formatBytes(caps.fixedSocketBufferBytes)} (docs/sources.md 1.2)`
      : `${SOCKET_BUFFER_WORDS[caps.socketBuffer]} (docs/sources.md 1.2)`],
    ['Per-stream cap', caps.streamCapBytesPerSecond !== undefined ? `${formatBitRate(caps.streamCapBytesPerSecond)} (${caps.streamCapSource ?? ''})` : 'none (multi-stream vMotion, docs/sources.md 1.5)'],
    ['Cross-vCenter vMotion', caps.crossVcenter ? 'yes (docs/sources.md 1.7)' : 'no, from 6.0 (docs/sources.md 1.7)'],
    ['Min bandwidth per vMotion', `${formatBitRate(MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SECOND)} (docs/sources.md 1.3)`],
    ['Max switchover', `${MAX_SWITCHOVER_SECONDS} s, then ESX fails the migration (docs/sources.md 1.6)`],
  ];
  if (site.vmotionNicBytesPerSecond) {
    const limits = concurrencyLimits(site.vmotionNicBytesPerSecond.value);
    rows.push(['Concurrent vMotions', `${limits.vmotionPerHost} per host, ${limits.vmotionPerHostNetwork} per host network on a ${formatBitRate(site.vmotionNicBytesPerSecond.value)} NIC (${limits.source})`]);
    rows.push(['Concurrent Storage vMotions', `${limits.storageVmotionPerHost} per host, ${limits.storageVmotionPerDatastore} per datastore`]);
  }
  return blocks(heading, table(['Limit', 'Value'], rows));
}

function keyHover(path: readonly PathSegment[]): string | undefined {
  const info = describeKey(path);
  if (!info) return undefined;
  const key = path[path.length - 1];
  return blocks(`**${inlineCode(String(key))}**${info.title ? ` ${escapeMarkdown(info.title)}` : ''}`, info.markdown);
}

/** Null when there is nothing to say at `position` (positions past the end are clamped). */
export function doHover(analysis: Analysis, position: Position): Hover | null {
  const offset = analysis.lineIndex.offsetAt(position);
  const at = locate(analysis.document, offset);
  const { path, onKey } = at;
  const { model, estimate } = analysis;
  const [section, id] = path;
  // A nested key inside an entry also gets its own description above the entry's summary.
  const nested = onKey && path.length > 2 ? keyHover(path) : undefined;
  const vmHover = (vmId: string): Hover | null => {
    const vm = model.vms.get(vmId);
    return vm ? markdown(blocks(nested, vmHoverMarkdown(vm, estimate.vms.get(vmId), analysis)), analysis, at.span) : null;
  };
  const linkHover = (linkId: string): Hover | null => {
    const link = model.links.get(linkId);
    return link ? markdown(blocks(nested, linkHoverMarkdown(link, estimate.links.get(linkId))), analysis, at.span) : null;
  };
  const siteHover = (siteId: string): Hover | null => {
    const site = model.sites.get(siteId);
    return site ? markdown(blocks(nested, siteHoverMarkdown(analysis, site)), analysis, at.span) : null;
  };

  let hover: Hover | null = null;
  if (section === 'vms' && typeof id === 'string') {
    // A dependency's id shows the dependency.
    hover = path[2] === 'depends_on' && !onKey && at.scalar !== undefined ? vmHover(at.scalar) ?? vmHover(id) : vmHover(id);
  } else if (section === 'links' && typeof id === 'string') {
    hover = (path[2] === 'from' || path[2] === 'to') && !onKey && at.scalar !== undefined ? siteHover(at.scalar) ?? linkHover(id) : linkHover(id);
  } else if (section === 'sites' && typeof id === 'string') {
    hover = siteHover(id);
  } else if (section === 'waves' && typeof id === 'number') {
    if (path[2] === 'vms' && !onKey && at.scalar !== undefined) hover = vmHover(at.scalar);
    else if (path[2] === 'link' && !onKey && at.scalar !== undefined) hover = linkHover(at.scalar);
    else if ((path[2] === 'before' || path[2] === 'after' || path[2] === 'rollback') && typeof path[3] === 'number') {
      const wave = model.waves.find((w) => w.index === id);
      const step = wave?.steps[path[2]].filter((s) => !s.fromDefaults)[path[3]];
      // A step's depends_on item naming a VM shows that VM.
      if (wave && step) {
        hover = path[4] === 'depends_on' && !onKey && at.scalar !== undefined && model.vms.has(at.scalar)
          ? vmHover(at.scalar)
          : markdown(blocks(nested && path.length > 4 ? keyHover(path) : undefined, stepHoverMarkdown(analysis, wave, step)), analysis, at.span);
      }
    }
    if (!hover) {
      const wave = model.waves.find((w) => w.index === id);
      if (wave) hover = markdown(blocks(nested, waveHoverMarkdown(analysis, wave)), analysis, at.span);
    }
  }
  if (hover) return hover;
  if (onKey) {
    const text = keyHover(path);
    if (text) return markdown(text, analysis, at.span);
  }
  return null;
}
