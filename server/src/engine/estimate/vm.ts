/**
 * Resolves one VM's inputs from the runbook (given values, else its workload profile, else the
 * plan's defaults) and estimates its migration. Every default that stands in is named in the
 * explanation, so the hover says what was assumed.
 */
import { storageStrategyOf, type Link, type RunbookModel, type Vm, type WorkloadProfile } from '../model';
import type { EngineOptions } from '../options';
import { formatByteRate, formatBytes, formatDuration } from '../quantity';
import { DEFAULT_RPO_SECONDS } from './disk';
import { linkRtt, streamInputOf, transportOf } from './link';
import { estimateMigration } from './migration';
import { DEFAULT_WORKLOAD, WORKLOAD_PROFILES_TABLE } from './profiles';
import { streamThroughput } from './throughput';
import type { ThroughputLimit, VmEstimate } from './types';

/** Where a VM migrates: its wave, the link, and how many migrations share it. */
export interface Placement {
  readonly waveIndex?: number;
  readonly link?: Link;
  readonly concurrentStreams: number;
  /** Why this link / concurrency, when not simply the wave's own (e.g. "not in any wave"). */
  readonly notes: readonly string[];
}

const LIMIT_WORDS: Record<ThroughputLimit, string> = {
  'link-share': 'link bandwidth share',
  window: 'TCP window / RTT',
  loss: 'packet loss (Mathis)',
  'stream-cap': 'vMotion per-stream CPU cap',
  unknown: 'unknown bandwidth',
};

export function estimateVm(model: RunbookModel, vm: Vm, placement: Placement, options: EngineOptions): VmEstimate {
  const lines: string[] = [...placement.notes];
  let usedDefaults = placement.notes.length > 0;
  const link = placement.link;
  const transport = transportOf(model, link);
  const throughput = streamThroughput(streamInputOf(model, link, transport, placement.concurrentStreams, options));
  const rtt = linkRtt(link);
  if (rtt.defaulted) usedDefaults = true;
  lines.push(`throughput (${transport}${link ? ` over ${link.id}` : ''}): ${throughput.explanation}`);
  lines.push(`RTT ${rtt.source}`);

  const profileName: WorkloadProfile = vm.workload?.value ?? model.defaults.workload?.value ?? DEFAULT_WORKLOAD;
  const profileSource = vm.workload ? 'its workload' : model.defaults.workload ? 'defaults.workload' : 'default';
  const profile = WORKLOAD_PROFILES_TABLE[profileName];

  const memoryBytes = vm.activeMemoryBytes?.value ?? vm.memoryBytes?.value ?? 0;
  if (vm.memoryBytes === undefined && vm.activeMemoryBytes === undefined) {
    usedDefaults = true;
    lines.push('memory not given: memory pre-copy not estimated (add `memory:`)');
  } else if (vm.activeMemoryBytes) {
    lines.push(`memory to copy: active_memory ${formatBytes(memoryBytes)}`);
  }

  let dirtyRateSource = 'given';
  const dirty = vm.dirtyRateBytesPerSecond?.value ?? profile.dirtyRateBytesPerSecond;
  if (vm.dirtyRateBytesPerSecond === undefined) {
    usedDefaults = true;
    dirtyRateSource = `workload '${profileName}' (${profileSource}; assumed ${formatByteRate(dirty)})`;
    lines.push(`dirty rate ASSUMED from workload '${profileName}': ${formatByteRate(dirty)} (measure it; docs/estimates.md)`);
  }
  const hotSet = vm.hotSetBytes?.value ?? profile.hotSetBytes;
  if (vm.hotSetBytes === undefined && memoryBytes > 0) lines.push(`hot set ASSUMED from workload '${profileName}': ${formatBytes(hotSet)}`);

  const storage = storageStrategyOf(model, vm);
  const needsDisk = storage === 'storage-vmotion' || storage === 'replication-async';
  const changeRate = vm.diskChangeRateBytesPerSecond?.value ?? profile.diskChangeRateBytesPerSecond;
  if (needsDisk && vm.diskUsedBytes && vm.diskChangeRateBytesPerSecond === undefined) {
    usedDefaults = true;
    lines.push(`disk change rate ASSUMED from workload '${profileName}': ${formatByteRate(changeRate)}`);
  }
  if (needsDisk && vm.diskUsedBytes === undefined) usedDefaults = true;
  const rpoSeconds = model.storage?.rpoSeconds?.value ?? DEFAULT_RPO_SECONDS;
  if (storage === 'replication-async' && model.storage?.rpoSeconds === undefined) {
    usedDefaults = true;
    lines.push(`RPO not given: assumed ${formatDuration(rpoSeconds)} (HCX Bulk delta sync, domain.md 5.2)`);
  }

  const result = estimateMigration({
    memoryBytes,
    dirtyRateBytesPerSecond: dirty,
    hotSetBytes: hotSet,
    storage,
    diskUsedBytes: vm.diskUsedBytes?.value,
    diskChangeRateBytesPerSecond: changeRate,
    rpoSeconds,
    bytesPerSecond: throughput.bytesPerSecond,
    rttSeconds: rtt.rttSeconds,
  });
  lines.push(...result.lines);

  let limitedBy: string;
  if (throughput.limitedBy === 'unknown') limitedBy = LIMIT_WORDS.unknown;
  else if (!result.precopy.converges && memoryBytes > 0) limitedBy = `dirty rate ${formatByteRate(dirty)} >= throughput ${formatByteRate(throughput.bytesPerSecond)}: pre-copy does not converge`;
  else if (!result.disk.converges) limitedBy = `disk change rate ${formatByteRate(changeRate)} >= throughput: disk copy does not converge`;
  else {
    const dominant = result.disk.diskSeconds > result.memorySeconds ? 'disk copy' : 'memory copy';
    limitedBy = `${dominant} at ${formatByteRate(throughput.bytesPerSecond)}, limited by ${LIMIT_WORDS[throughput.limitedBy]}`;
  }

  return {
    vmId: vm.id,
    waveIndex: placement.waveIndex,
    storage,
    throughput,
    memoryBytes,
    dirtyRateBytesPerSecond: dirty,
    dirtyRateSource,
    rounds: result.precopy.rounds,
    converges: result.converges,
    setupSeconds: result.setupSeconds,
    memorySeconds: result.memorySeconds,
    switchoverSeconds: result.switchoverSeconds,
    diskBytes: result.disk.diskBytes,
    diskSeconds: result.disk.diskSeconds,
    seedSeconds: result.disk.seedSeconds,
    totalSeconds: result.totalSeconds,
    bytesSent: result.bytesSent,
    limitedBy,
    explanation: lines,
    usedDefaults,
    hotSetBytes: hotSet,
    residualBytes: result.precopy.residualBytes,
    precopyStop: result.precopy.stop,
    memoryConverges: result.precopy.converges,
    diskConverges: result.disk.converges,
    estimable: throughput.limitedBy !== 'unknown',
    linkId: link?.id,
  };
}
