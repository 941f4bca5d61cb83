/**
 * Resolves one VM's inputs from the runbook (given values, else its workload profile, else the
 * plan's defaults) and estimates its migration. Every default that stands in is named in the
 * explanation, so the hover says what was assumed. The explanation is built on first read: for
 * thousands of VMs the number formatting would cost more than the model.
 */
import { storageStrategyOf, type Link, type RunbookModel, type StorageStrategy, type Transport, type Vm, type WorkloadProfile } from '../model';
import { formatByteRate, formatBytes, formatDuration } from '../../../../shared/src/units/quantity';
import { DEFAULT_RPO_SECONDS } from './disk';
import type { LinkRtt } from './link';
import { estimateMigration, type MigrationResult } from './migration';
import type { PrecopyStop } from './precopy';
import { DEFAULT_WORKLOAD, WORKLOAD_PROFILES_TABLE } from './profiles';
import type { ThroughputEstimate, ThroughputLimit, VmEstimate } from './types';

/** Where a VM migrates: its wave, the link, how many migrations share it, and the stream rate. */
export interface Placement {
  readonly waveIndex?: number;
  readonly link?: Link;
  readonly transport: Transport;
  readonly rtt: LinkRtt;
  readonly throughput: ThroughputEstimate;
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

/**
 * Estimates by VM model entry. The model keeps an unchanged VM's entry across edits (model.ts), so
 * after a keystroke only the edited VM, and VMs whose context changed, are estimated again. The
 * context is everything else estimateVm reads, as text: keep the two in step.
 */
export class VmEstimateMemo {
  private readonly byVm = new WeakMap<Vm, { readonly context: string; readonly estimate: VmEstimate }>();

  estimate(model: RunbookModel, vm: Vm, placement: Placement, context: string): VmEstimate {
    const hit = this.byVm.get(vm);
    if (hit && hit.context === context) return hit.estimate;
    const estimate = estimateVm(model, vm, placement);
    this.byVm.set(vm, { context, estimate });
    return estimate;
  }
}

/** What estimateVm reads besides the VM itself, as one string (computed once per placement). */
export function estimateContext(model: RunbookModel, placement: Placement): string {
  const { waveIndex, link, transport, rtt, throughput, notes } = placement;
  return intern(JSON.stringify([
    waveIndex ?? null, link?.id ?? null, transport, rtt, throughput, notes,
    model.defaults.workload?.value ?? null, model.storage?.strategy?.value ?? null, model.storage?.rpoSeconds?.value ?? null,
  ]));
}

/** One string object per distinct context, so the thousands of comparisons per analysis compare pointers. */
const INTERNED = new Map<string, string>();
function intern(context: string): string {
  const known = INTERNED.get(context);
  if (known !== undefined) return known;
  if (INTERNED.size > 10_000) INTERNED.clear();
  INTERNED.set(context, context);
  return context;
}

export function estimateVm(model: RunbookModel, vm: Vm, placement: Placement): VmEstimate {
  const { link, transport, rtt, throughput } = placement;
  const profileName: WorkloadProfile = vm.workload?.value ?? model.defaults.workload?.value ?? DEFAULT_WORKLOAD;
  const profile = WORKLOAD_PROFILES_TABLE[profileName];
  const memoryGiven = vm.memoryBytes !== undefined || vm.activeMemoryBytes !== undefined;
  const memoryBytes = vm.activeMemoryBytes?.value ?? vm.memoryBytes?.value ?? 0;
  const dirtyGiven = vm.dirtyRateBytesPerSecond !== undefined;
  const dirty = vm.dirtyRateBytesPerSecond?.value ?? profile.dirtyRateBytesPerSecond;
  const hotSet = vm.hotSetBytes?.value ?? profile.hotSetBytes;
  const storage = storageStrategyOf(model, vm);
  const needsDisk = storage === 'storage-vmotion' || storage === 'replication-async';
  const changeRate = vm.diskChangeRateBytesPerSecond?.value ?? profile.diskChangeRateBytesPerSecond;
  const changeDefaulted = needsDisk && vm.diskUsedBytes !== undefined && vm.diskChangeRateBytesPerSecond === undefined;
  const rpoSeconds = model.storage?.rpoSeconds?.value ?? DEFAULT_RPO_SECONDS;
  const rpoDefaulted = storage === 'replication-async' && model.storage?.rpoSeconds === undefined;
  const usedDefaults =
    placement.notes.length > 0 || rtt.defaulted || !memoryGiven || !dirtyGiven || changeDefaulted || rpoDefaulted || (needsDisk && vm.diskUsedBytes === undefined);

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

  const explain = (): string[] => {
    const lines: string[] = [...placement.notes];
    lines.push(`throughput (${transport}${link ? ` over ${link.id}` : ''}): ${throughput.explanation}`);
    lines.push(`RTT ${rtt.source}`);
    if (!memoryGiven) lines.push('memory not given: memory pre-copy not estimated (add `memory:`)');
    else if (vm.activeMemoryBytes) lines.push(`memory to copy: active_memory ${formatBytes(memoryBytes)}`);
    if (!dirtyGiven) lines.push(`dirty rate ASSUMED from workload '${profileName}': ${formatByteRate(dirty)} (measure it; docs/estimates.md)`);
    if (vm.hotSetBytes === undefined && memoryBytes > 0) lines.push(`hot set ASSUMED from workload '${profileName}': ${formatBytes(hotSet)}`);
    if (changeDefaulted) lines.push(`disk change rate ASSUMED from workload '${profileName}': ${formatByteRate(changeRate)}`);
    if (rpoDefaulted) lines.push(`RPO not given: assumed ${formatDuration(rpoSeconds)} (HCX Bulk delta sync, docs/sources.md 5.2)`);
    lines.push(...result.describe());
    return lines;
  };

  let limitedBy: string;
  if (throughput.limitedBy === 'unknown') limitedBy = LIMIT_WORDS.unknown;
  else if (!result.precopy.converges && memoryBytes > 0) limitedBy = `dirty rate ${formatByteRate(dirty)} >= throughput ${formatByteRate(throughput.bytesPerSecond)}: pre-copy does not converge`;
  else if (!result.disk.converges) limitedBy = `disk change rate ${formatByteRate(changeRate)} >= throughput: disk copy does not converge`;
  else limitedBy = `${result.disk.diskSeconds > result.memorySeconds ? 'disk copy' : 'memory copy'}, ${LIMIT_WORDS[throughput.limitedBy]}`;

  return new LazyVmEstimate(vm.id, placement, storage, memoryBytes, dirty, dirtyGiven ? 'given' : `workload '${profileName}'`, hotSet, result, limitedBy, usedDefaults, explain);
}

/**
 * A VM estimate whose explanation is formatted on first read (a prototype getter keeps the object
 * shape shared, so 5,000 of them stay cheap). `toJSON` includes the explanation; an object spread
 * does not, so read `explanation` explicitly when copying.
 */
class LazyVmEstimate implements VmEstimate {
  readonly waveIndex?: number;
  readonly throughput: ThroughputEstimate;
  readonly rounds: number;
  readonly converges: boolean;
  readonly setupSeconds: number;
  readonly memorySeconds: number;
  readonly switchoverSeconds: number;
  readonly diskBytes: number;
  readonly diskSeconds: number;
  readonly seedSeconds: number;
  readonly totalSeconds: number;
  readonly bytesSent: number;
  readonly residualBytes: number;
  readonly precopyStop: PrecopyStop;
  readonly memoryConverges: boolean;
  readonly diskConverges: boolean;
  readonly estimable: boolean;
  readonly linkId?: string;
  #explain: (() => string[]) | undefined;
  #explanation: string[] | undefined;

  constructor(
    readonly vmId: string,
    placement: Placement,
    readonly storage: StorageStrategy,
    readonly memoryBytes: number,
    readonly dirtyRateBytesPerSecond: number,
    readonly dirtyRateSource: string,
    readonly hotSetBytes: number,
    result: MigrationResult,
    readonly limitedBy: string,
    readonly usedDefaults: boolean,
    explain: () => string[],
  ) {
    this.waveIndex = placement.waveIndex;
    this.throughput = placement.throughput;
    this.rounds = result.precopy.rounds;
    this.converges = result.converges;
    this.setupSeconds = result.setupSeconds;
    this.memorySeconds = result.memorySeconds;
    this.switchoverSeconds = result.switchoverSeconds;
    this.diskBytes = result.disk.diskBytes;
    this.diskSeconds = result.disk.diskSeconds;
    this.seedSeconds = result.disk.seedSeconds;
    this.totalSeconds = result.totalSeconds;
    this.bytesSent = result.bytesSent;
    this.residualBytes = result.precopy.residualBytes;
    this.precopyStop = result.precopy.stop;
    this.memoryConverges = result.precopy.converges;
    this.diskConverges = result.disk.converges;
    this.estimable = placement.throughput.limitedBy !== 'unknown';
    this.linkId = placement.link?.id;
    this.#explain = explain;
  }

  get explanation(): readonly string[] {
    if (this.#explanation === undefined) {
      this.#explanation = this.#explain ? this.#explain() : [];
      this.#explain = undefined;
    }
    return this.#explanation;
  }

  toJSON(): VmEstimate {
    return { ...this, explanation: this.explanation };
  }
}
