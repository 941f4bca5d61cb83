/**
 * Resolves one VM's inputs from the runbook (given values, else its workload profile, else the
 * plan's defaults) and estimates its migration. Every default that stands in is named in the
 * explanation, so the hover says what was assumed. The explanation is built on first read: for
 * thousands of VMs the number formatting would cost more than the model.
 */
import { methodOf, storageStrategyOf, type Link, type LinkCalibration, type RunbookModel, type StorageStrategy, type Transport, type Vm, type Wave, type WorkloadProfile } from '../model';
import { calibrate, calibrationSourceText, usableCalibration } from './linkCalibration';
import type { EngineOptions } from '../options';
import { formatByteRate, formatBytes, formatDuration } from '../../../../shared/src/units/quantity';
import { DEFAULT_RPO_SECONDS } from './disk';
import { fixedTime, FIXED_TIME, type Level, type MoveKind } from './fixedTime';
import { hostSideOf, linkVsphere, transportOf, vmotionEncrypted, type LinkRtt, type LinkVsphere, type StreamRates } from './link';
import { estimateMigration, SDPS_RHO, type MigrationResult } from './migration';
import type { PrecopyStop } from './precopy';
import { ACTIVE_MEMORY_FRACTION, DATA_MOVER_BYTES_PER_SECOND, UNKNOWN_WORKLOAD, WORKLOAD_PROFILES_TABLE } from './profiles';
import type { ThroughputEstimate, ThroughputLimit, VmEstimate } from './types';
import { vgpuStunSeconds } from './vgpu';

/** Where a VM migrates: its wave, the link, how many migrations share it, and the stream rate. */
export interface Placement {
  readonly waveIndex?: number;
  readonly wave?: Wave;
  readonly link?: Link;
  readonly transport: Transport;
  readonly rtt: LinkRtt;
  /** The wave's stream rate (host NIC of the sites or the wave, compression credited if any). */
  readonly throughput: ThroughputEstimate;
  /** Migrations sharing the link at once, and sharing one host. */
  readonly streams: number;
  readonly migrationsPerHost: number;
  readonly rates: StreamRates;
  readonly options: EngineOptions;
  /** The link's vMotion behaviour (weaker end), computed once per placement. */
  readonly vs: LinkVsphere;
  /** Why this link / concurrency, when not simply the wave's own (e.g. "not in any wave"). */
  readonly notes: readonly string[];
}

/**
 * The placement of a wave's VMs (or of VMs in no wave, `wave` undefined): `streams` migrations share
 * the link, spread over the wave's `hosts` (else the members' distinct `host` values, else one host:
 * the host NIC and vmknics are then shared by all of them).
 */
export function makePlacement(
  model: RunbookModel,
  rates: StreamRates,
  options: EngineOptions,
  link: Link | undefined,
  streams: number,
  wave: Wave | undefined,
  members: Iterable<string>,
  notes: string[],
): Placement {
  const transport = transportOf(model, link);
  let hosts = wave?.hosts && wave.hosts.value >= 1 ? Math.floor(wave.hosts.value) : 0;
  if (hosts === 0) {
    const distinct = new Set<string>();
    for (const id of members) {
      const h = model.vms.get(id)?.host?.value;
      if (h !== undefined) distinct.add(h);
    }
    hosts = Math.max(1, distinct.size);
  }
  const migrationsPerHost = Math.max(1, Math.ceil(streams / hosts));
  const host = hostSideOf(model, link, wave, undefined, migrationsPerHost);
  const vs = linkVsphere(model, link, options);
  // The wave's rate credits compression when the default vMotion is not encrypted; a VM that says otherwise gets its own.
  const { throughput, rtt } = rates.of(link, transport, streams, host, !vmotionEncrypted(model, undefined, vs).encrypted);
  return { waveIndex: wave?.index, wave, link, transport, rtt, throughput, streams, migrationsPerHost, rates, options, notes, vs };
}

const LIMIT_WORDS: Record<ThroughputLimit, string> = {
  'link-share': 'link bandwidth share',
  window: 'TCP window / RTT',
  loss: 'packet loss (Mathis)',
  'stream-cap': 'vMotion vmknic CPU ceiling',
  'host-nic': 'host vMotion NIC',
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

/**
 * The kind of move, for the fixed time: HCX when the VM moves live through HCX (`method:` hcx-vmotion or hcx-rav),
 * cross-vCenter when the link's two sites name different vCenters, else same vCenter.
 */
export function moveKindOf(model: RunbookModel, link: Link | undefined, vm?: Vm, wave?: Wave): MoveKind {
  // HCX Bulk's cutover is timed by method.ts (issue 17); the live HCX paths take HCX's fixed time here.
  const method = vm ? methodOf(model, vm, wave) : undefined;
  if (method === 'hcx-vmotion' || method === 'hcx-rav') return 'hcx';
  const a = link?.from ? model.sites.get(link.from.value)?.vcenter?.value : undefined;
  const b = link?.to ? model.sites.get(link.to.value)?.vcenter?.value : undefined;
  return a !== undefined && b !== undefined && a !== b ? 'cross-vcenter' : 'same-vcenter';
}

/** What estimateVm reads besides the VM itself, as one string (computed once per placement). */
export function estimateContext(model: RunbookModel, placement: Placement, intern: (context: string) => string = (c) => c): string {
  const { waveIndex, link, transport, rtt, throughput, notes, streams, migrationsPerHost, wave } = placement;
  const ends = [link?.from?.value, link?.to?.value].map((id) => (id === undefined ? undefined : model.sites.get(id)));
  return intern(JSON.stringify([
    waveIndex ?? null, link?.id ?? null, transport, rtt, throughput, notes, streams, migrationsPerHost,
    wave?.vmotionNicBytesPerSecond?.value ?? null, link?.compressionRatio?.value ?? null, wave?.method?.value ?? null, model.method?.value ?? null,
    // Order-free: everything read from the two ends is symmetric (the weaker end, the slower NIC), so
    // the reversed link of a rollback has the same context and reuses the forward estimate.
    ends.map((s) => JSON.stringify([s?.vsphere?.value, s?.vcenter?.value, s?.license?.value, s?.vmotionNicBytesPerSecond?.value, s?.vmotionNics?.value, s?.vmotionVmknics?.value])).sort(),
    model.defaults.workload?.value ?? null, model.defaults.vsphere?.value ?? null, model.defaults.encryptedVmotion?.value ?? null,
    model.storage?.strategy?.value ?? null, model.storage?.rpoSeconds?.value ?? null, model.storage?.datastoreTypes?.value ?? null,
    calibrationKey(link?.calibration, link?.bandwidthBytesPerSecond?.value, placement.options.ignoreCalibration === true),
  ]));
}


/** What of a link's calibration the estimate reads (linkCalibration.ts). */
function calibrationKey(c: LinkCalibration | undefined, bandwidth: number | undefined, ignored: boolean): unknown {
  if (!c || ignored) return null;
  return [c.rateFactor?.value ?? null, c.fixedSeconds?.value ?? null, c.scale?.value ?? null, c.spreadFraction, c.moves ?? null, c.source ?? null,
    c.measuredEpochMs?.value ?? null, bandwidth ?? null];
}

const LEVELS: readonly Level[] = ['low', 'likely', 'high'];

export function estimateVm(model: RunbookModel, vm: Vm, placement: Placement): VmEstimate {
  const { link, transport, rtt, vs } = placement;
  // Encrypted vMotion (6.5+, opportunistic by default) cannot be compressed by a WAN optimizer.
  const enc = vmotionEncrypted(model, vm, vs);
  const compressionGiven = transport === 'wan-optimized' && (link?.compressionRatio?.value ?? 1) > 1;
  let throughput = placement.throughput;
  const waveCompresses = !vmotionEncrypted(model, undefined, vs).encrypted;
  if ((compressionGiven && enc.encrypted === waveCompresses) || vm.vmotionNicBytesPerSecond !== undefined) {
    const host = hostSideOf(model, link, placement.wave, vm, placement.migrationsPerHost);
    throughput = placement.rates.of(link, transport, placement.streams, host, !enc.encrypted).throughput;
  }
  const kind = moveKindOf(model, link, vm, placement.wave);

  const stated: WorkloadProfile | undefined = vm.workload?.value ?? model.defaults.workload?.value;
  const workloadKnown = stated !== undefined || vm.dirtyRateBytesPerSecond !== undefined;
  const profileAt = (level: Level) => WORKLOAD_PROFILES_TABLE[stated ?? UNKNOWN_WORKLOAD[level]];
  const profileName: WorkloadProfile = stated ?? UNKNOWN_WORKLOAD.likely;
  const profile = profileAt('likely');
  const memoryGiven = vm.memoryBytes !== undefined || vm.activeMemoryBytes !== undefined;
  const activeGiven = vm.activeMemoryBytes !== undefined;
  const configured = vm.activeMemoryBytes?.value ?? vm.memoryBytes?.value ?? 0;
  const memoryAt = (level: Level) => (activeGiven ? configured : configured * ACTIVE_MEMORY_FRACTION[level]);
  const memoryBytes = memoryAt('likely');
  const dirtyGiven = vm.dirtyRateBytesPerSecond !== undefined;
  const dirty = vm.dirtyRateBytesPerSecond?.value ?? profile.dirtyRateBytesPerSecond;
  const hotSet = vm.hotSetBytes?.value ?? profile.hotSetBytes;
  const storage = storageStrategyOf(model, vm);
  const needsDisk = storage === 'storage-vmotion' || storage === 'replication-async';
  const diskUnknown = needsDisk && vm.diskUsedBytes === undefined;
  const changeRate = vm.diskChangeRateBytesPerSecond?.value ?? profile.diskChangeRateBytesPerSecond;
  const changeDefaulted = needsDisk && vm.diskUsedBytes !== undefined && vm.diskChangeRateBytesPerSecond === undefined;
  const rpoSeconds = model.storage?.rpoSeconds?.value ?? DEFAULT_RPO_SECONDS;
  const rpoDefaulted = storage === 'replication-async' && model.storage?.rpoSeconds === undefined;
  const datastoreTypes = model.storage?.datastoreTypes?.value ?? 'different';
  const usedDefaults = placement.notes.length > 0 || rtt.defaulted || !memoryGiven || !dirtyGiven || changeDefaulted || rpoDefaulted || diskUnknown;
  const sdps = vs.version.major >= 5;

  const run = (level: Level): MigrationResult => {
    const p = profileAt(level);
    return estimateMigration({
      memoryBytes: memoryAt(level),
      dirtyRateBytesPerSecond: vm.dirtyRateBytesPerSecond?.value ?? p.dirtyRateBytesPerSecond,
      hotSetBytes: vm.hotSetBytes?.value ?? p.hotSetBytes,
      storage,
      diskUsedBytes: vm.diskUsedBytes?.value,
      diskChangeRateBytesPerSecond: vm.diskChangeRateBytesPerSecond?.value ?? p.diskChangeRateBytesPerSecond,
      rpoSeconds,
      bytesPerSecond: throughput.bytesPerSecond,
      rttSeconds: rtt.rttSeconds,
      fixed: fixedTime(kind, rtt.rttSeconds, level),
      dataMoverBytesPerSecond: storage === 'storage-vmotion' ? DATA_MOVER_BYTES_PER_SECOND[datastoreTypes][level] : undefined,
      vgpuStunSeconds: vgpuStunSeconds(vm.vgpuMemoryBytes?.value, vs.version, level),
      sdps,
      sdpsRho: SDPS_RHO[level],
      sdpsEarly: level === 'low',
      level,
    });
  };
  const [low, result, high] = LEVELS.map(run);
  const lowSeconds = Math.min(low.totalSeconds, result.totalSeconds);
  const highSeconds = diskUnknown ? Infinity : Math.max(high.totalSeconds, result.totalSeconds);

  const driversOf = (): string[] => {
  const drivers: string[] = [];
  if (!workloadKnown) drivers.push(`workload unknown: dirty rate ${formatByteRate(profileAt('low').dirtyRateBytesPerSecond)}-${formatByteRate(profileAt('high').dirtyRateBytesPerSecond)} (profiles ${UNKNOWN_WORKLOAD.low}-${UNKNOWN_WORKLOAD.high}, likely ${UNKNOWN_WORKLOAD.likely})`);
  if (memoryGiven && !activeGiven && configured > 0) drivers.push(`active memory unknown: ${formatBytes(memoryAt('low'))}-${formatBytes(memoryAt('high'))} sent (untouched pages are not sent; likely ${Math.round(ACTIVE_MEMORY_FRACTION.likely * 100)} %)`);
  drivers.push(`fixed time (${kind}): ${formatDuration(fixedTime(kind, rtt.rttSeconds, 'low').setupSeconds + fixedTime(kind, rtt.rttSeconds, 'low').completionSeconds)}-${formatDuration(fixedTime(kind, rtt.rttSeconds, 'high').setupSeconds + fixedTime(kind, rtt.rttSeconds, 'high').completionSeconds)} (${FIXED_TIME[kind].source})`);
  if (storage === 'storage-vmotion' && vm.diskUsedBytes !== undefined && result.disk.copyBytesPerSecond < throughput.bytesPerSecond) drivers.push(`storage data mover ${formatByteRate(DATA_MOVER_BYTES_PER_SECOND[datastoreTypes].high)}-${formatByteRate(DATA_MOVER_BYTES_PER_SECOND[datastoreTypes].low)} (${datastoreTypes} datastore types, KB 431479)`);
  if (result.sdpsGuestSpeed !== undefined) drivers.push(`SDPS: engaging after the first pass (low) or at the pre-copy bound, guest held to ${Math.round(SDPS_RHO.low * 100)}-${Math.round(SDPS_RHO.high * 100)} % of the transmission rate (ASSUMPTION)`);
  if (result.vgpuSeconds > 0) drivers.push(`vGPU frame buffer copy ${formatDuration(low.vgpuSeconds)}-${formatDuration(high.vgpuSeconds)}`);
  drivers.push('stream efficiency 0.8-1.0 (likely 0.95) and switchover overhead x 0.5-3 (ASSUMPTIONS)');
  if (diskUnknown) drivers.push('disk size unknown: no upper bound (add `disk:`)');
  return drivers;
  };

  const explain = (): string[] => {
    const lines: string[] = [...placement.notes];
    lines.push(`throughput (${transport}${link ? ` over ${link.id}` : ''}): ${throughput.explanation}`);
    if (transport === 'wan-optimized' && compressionGiven) {
      lines.push(
        enc.encrypted
          ? `compression ${link?.compressionRatio?.value} NOT credited: vMotion is encrypted (encrypted_vmotion ${enc.setting}${enc.defaulted ? `, the default from vSphere 6.5` : ''}; docs/sources.md 1.7), so the optimizer can only terminate TCP`
          : `compression ${link?.compressionRatio?.value} credited: vMotion is not encrypted (${enc.setting}${vs.version.major < 6 || (vs.version.major === 6 && vs.version.minor < 5) ? `, ${vs.text} has no encrypted vMotion` : ''})`,
      );
    }
    lines.push(`RTT ${rtt.source}`);
    if (!memoryGiven) lines.push('memory not given: memory pre-copy not estimated (add `memory:`)');
    else if (activeGiven) lines.push(`memory to copy: active_memory ${formatBytes(memoryBytes)}`);
    else lines.push(`memory to copy ASSUMED ${Math.round(ACTIVE_MEMORY_FRACTION.likely * 100)} % of ${formatBytes(configured)} (untouched pages are not sent; give active_memory; docs/estimates.md)`);
    if (!dirtyGiven) lines.push(`dirty rate ${workloadKnown ? '' : 'ASSUMED '}from workload '${profileName}'${workloadKnown ? '' : ' (no workload given: range idle-heavy)'}: ${formatByteRate(dirty)} (measure it; docs/estimates.md)`);
    if (vm.hotSetBytes === undefined && memoryBytes > 0) lines.push(`hot set ASSUMED from workload '${profileName}': ${formatBytes(hotSet)}`);
    if (changeDefaulted) lines.push(`disk change rate ASSUMED from workload '${profileName}': ${formatByteRate(changeRate)}`);
    if (rpoDefaulted) lines.push(`RPO not given: assumed ${formatDuration(rpoSeconds)} (the documented default, docs/format.md)`);
    lines.push(...result.describe());
    lines.push(`range: ${formatDuration(lowSeconds)} to ${Number.isFinite(highSeconds) ? formatDuration(highSeconds) : 'open (no upper bound)'}, from: ${driversOf().join('; ')}`);
    return lines;
  };

  let limitedBy: string;
  if (throughput.limitedBy === 'unknown') limitedBy = LIMIT_WORDS.unknown;
  else if (!result.precopy.converges && memoryBytes > 0 && result.sdpsGuestSpeed === undefined) limitedBy = `dirty rate ${formatByteRate(dirty)} >= throughput ${formatByteRate(throughput.bytesPerSecond)}: pre-copy does not converge`;
  else if (result.sdpsGuestSpeed !== undefined) limitedBy = `dirty rate ${formatByteRate(dirty)} >= throughput ${formatByteRate(throughput.bytesPerSecond)}: guest slowed by SDPS, ${LIMIT_WORDS[throughput.limitedBy]}`;
  else if (result.disk.diskSeconds > result.memorySeconds && result.disk.copyBytesPerSecond < throughput.bytesPerSecond) limitedBy = 'disk copy, storage data mover';
  else limitedBy = `${result.disk.diskSeconds > result.memorySeconds ? 'disk copy' : 'memory copy'}, ${LIMIT_WORDS[throughput.limitedBy]}`;

  // A calibrated link (measured moves, docs/calibration.md) replaces the model's rate and fixed time.
  const calibration = link?.calibration;
  const calibrated = link && usableCalibration(calibration) && throughput.limitedBy !== 'unknown' && placement.options.ignoreCalibration !== true
    ? calibrate(result, highSeconds, link, calibration) : undefined;
  const explainAll = calibrated ? (): string[] => [...explain(), calibrated.line] : explain;
  const driversAll = calibrated ? (): string[] => [calibrated.driver, ...driversOf().filter((d) => !/workload|fixed time|efficiency|active memory/.test(d))] : driversOf;
  return new LazyVmEstimate(vm.id, placement, throughput, storage, memoryBytes, dirty, dirtyGiven ? 'given' : workloadKnown ? `workload '${profileName}'` : `workload range ${UNKNOWN_WORKLOAD.low}-${UNKNOWN_WORKLOAD.high}, likely '${profileName}'`, hotSet, calibrated?.result ?? result, {
    lowSeconds: calibrated?.lowSeconds ?? lowSeconds,
    highSeconds: calibrated?.highSeconds ?? highSeconds,
    switchoverLowSeconds: Math.min(low.switchoverSeconds, result.switchoverSeconds),
    switchoverHighSeconds: Math.max(high.switchoverSeconds, result.switchoverSeconds),
    rangeDrivers: driversAll,
    diskUnknown,
    encrypted: enc.encrypted,
    moveKind: kind,
  }, calibrated ? `${limitedBy}; ${calibrationSourceText(calibration as LinkCalibration)}` : limitedBy, usedDefaults, explainAll);
}

interface RangePart {
  readonly lowSeconds: number;
  readonly highSeconds: number;
  readonly switchoverLowSeconds: number;
  readonly switchoverHighSeconds: number;
  /** Formatted on first read, like the explanation. */
  readonly rangeDrivers: () => string[];
  readonly diskUnknown: boolean;
  readonly encrypted: boolean;
  readonly moveKind: MoveKind;
}

/**
 * A VM estimate whose explanation is formatted on first read (a prototype getter keeps the object
 * shape shared, so 5,000 of them stay cheap). `toJSON` includes the explanation; an object spread
 * does not, so read `explanation` explicitly when copying.
 */
class LazyVmEstimate implements VmEstimate {
  readonly waveIndex?: number;
  readonly rounds: number;
  readonly converges: boolean;
  readonly setupSeconds: number;
  readonly completionSeconds: number;
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
  readonly lowSeconds: number;
  readonly highSeconds: number;
  readonly switchoverLowSeconds: number;
  readonly switchoverHighSeconds: number;
  readonly diskUnknown: boolean;
  readonly encrypted: boolean;
  readonly moveKind: MoveKind;
  readonly sdpsGuestSpeed?: number;
  readonly vgpuSeconds: number;
  #explain: (() => string[]) | undefined;
  #explanation: string[] | undefined;
  #drivers: (() => string[]) | undefined;
  #driverList: string[] | undefined;

  constructor(
    readonly vmId: string,
    placement: Placement,
    readonly throughput: ThroughputEstimate,
    readonly storage: StorageStrategy,
    readonly memoryBytes: number,
    readonly dirtyRateBytesPerSecond: number,
    readonly dirtyRateSource: string,
    readonly hotSetBytes: number,
    result: MigrationResult,
    range: RangePart,
    readonly limitedBy: string,
    readonly usedDefaults: boolean,
    explain: () => string[],
  ) {
    this.waveIndex = placement.waveIndex;
    this.rounds = result.precopy.rounds;
    this.converges = result.converges;
    this.setupSeconds = result.setupSeconds;
    this.completionSeconds = result.completionSeconds;
    this.memorySeconds = result.memorySeconds;
    this.switchoverSeconds = result.switchoverSeconds;
    this.diskBytes = result.disk.diskBytes;
    this.diskSeconds = result.disk.diskSeconds;
    this.seedSeconds = result.disk.seedSeconds;
    this.totalSeconds = result.totalSeconds;
    this.bytesSent = result.bytesSent;
    this.residualBytes = result.precopy.residualBytes;
    this.precopyStop = result.precopy.stop;
    this.memoryConverges = result.memoryConverges;
    this.diskConverges = result.disk.converges;
    this.estimable = throughput.limitedBy !== 'unknown';
    this.linkId = placement.link?.id;
    this.lowSeconds = range.lowSeconds;
    this.highSeconds = range.highSeconds;
    this.switchoverLowSeconds = range.switchoverLowSeconds;
    this.switchoverHighSeconds = range.switchoverHighSeconds;
    this.#drivers = range.rangeDrivers;
    this.diskUnknown = range.diskUnknown;
    this.encrypted = range.encrypted;
    this.moveKind = range.moveKind;
    this.sdpsGuestSpeed = result.sdpsGuestSpeed;
    this.vgpuSeconds = result.vgpuSeconds;
    this.#explain = explain;
  }

  get rangeDrivers(): readonly string[] {
    if (this.#driverList === undefined) {
      this.#driverList = this.#drivers ? this.#drivers() : [];
      this.#drivers = undefined;
    }
    return this.#driverList;
  }

  get explanation(): readonly string[] {
    if (this.#explanation === undefined) {
      this.#explanation = this.#explain ? this.#explain() : [];
      this.#explain = undefined;
    }
    return this.#explanation;
  }

  toJSON(): VmEstimate {
    return { ...this, explanation: this.explanation, rangeDrivers: this.rangeDrivers };
  }
}
