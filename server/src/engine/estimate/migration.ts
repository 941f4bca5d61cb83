/**
 * One VM's migration, from resolved numbers to phase times (docs/sources.md 7.5-7.6):
 *   total = setup + disk + memory pre-copy + switchover + completion
 *   switchover = residual / R + base + 5 x RTT + vGPU frame buffer copy
 * Setup and completion: fixedTime.ts. When the guest dirties memory at least as fast as the
 * migration sends it (rho >= 1) and the hosts have SDPS (vSphere 5.0+), the migration is timed as
 * vSphere runs it: the guest is slowed until pre-copy converges (see SDPS_RHO).
 * Constants without a published source are ASSUMPTIONS, checked against measurements.yaml in
 * calibration.test.ts and listed in docs/estimates.md.
 */
import type { StorageStrategy } from '../model';
import { formatByteRate, formatBytes, formatDuration, formatMilliseconds } from '../../../../shared/src/units/quantity';
import { MAX_SWITCHOVER_SECONDS } from '../vsphere';
import { describeDisk, diskPhase, type DiskInput, type DiskResult } from './disk';
import { fixedTime, type FixedTime, type Level } from './fixedTime';
import { precopy, type PrecopyResult } from './precopy';

/**
 * SDPS (Stun During Page Send, vSphere 5.0+): "If the rate at which the pages are dirtied exceeds
 * the transmission rate, the source vCPUs will be placed in a sleep state to decrease the rate at
 * which pages are dirtied and to allow the vMotion process to complete" (yellow-bricks 2012,
 * docs/sources.md 1.6; VMware's vSphere 5 vMotion whitepaper, "Stun During Page Send"). No source gives
 * when exactly it engages or how far it slows the guest. ASSUMPTIONS:
 * - It engages when pre-copy does not converge on its own (the round or volume bound of
 *   precopy.ts is reached: every rho >= 1, and rho near 1): pre-copy first runs as usual up to that
 *   bound (likely and high: 3 x memory sent; low: after the first full pass), then the rest is
 *   pre-copied with the guest's dirtying held to SDPS_RHO x R, so it converges and the stun is short.
 * - SDPS_RHO: likely 0.5, low 0.25, high 0.6 (0.6 keeps the throttled tail inside the bounds).
 * Engaging at the bound, not at rho = 1, keeps "more dirtying is never faster" true: a guest just
 * under the link rate that converges slowly is never timed slower than one that is throttled.
 * The guest's speed while throttled (SDPS_RHO x R / D) is shown as the slowdown.
 */
/**
 * The range of the stream's rate and of the switchover overhead, around the likely values:
 * - rate: the link-share term assumes 0.95 payload efficiency; the low end of the time takes 1.0 (no
 *   overhead beyond the headers; also a fixed ~0.5 MB buffer "around" its size), the high end 0.8
 *   (docs/sources.md 3.4: "add 20-30% for protocol overhead"; 7.4: efficiency ~0.75-0.85). ASSUMPTION.
 * - switchover overhead (the 20 ms base and the 5 round trips, both ASSUMPTIONS): x 0.5 to x 3, as
 *   for the fixed time.
 */
export const RATE_RANGE: Readonly<Record<Level, number>> = { low: 1 / 0.95, likely: 1, high: 0.8 / 0.95 };
export const SWITCHOVER_OVERHEAD_RANGE: Readonly<Record<Level, number>> = { low: 0.5, likely: 1, high: 3 };

export const SDPS_RHO: Readonly<Record<Level, number>> = { low: 0.25, likely: 0.5, high: 0.6 };
/**
 * Fixed part of the stun: device state, resume on the destination. ASSUMPTION: 20 ms, below the
 * KVM rows' 26-29 ms downtimes and Clark's 60 ms Quake 3 downtime (measurements.yaml).
 */
export const SWITCHOVER_BASE_SECONDS = 0.02;
/**
 * Round trips inside the stun (stop + final dirty sync, device state, commit, activation; Clark's
 * stop-and-copy / commitment / activation, docs/sources.md 2.1). ASSUMPTION: 5, the count that puts the
 * Amsterdam - San Diego VM Turntable row (1-2 s downtime at ~1,000x LAN RTT) in range.
 */
export const SWITCHOVER_ROUND_TRIPS = 5;

export interface MigrationInput {
  readonly memoryBytes: number;
  readonly dirtyRateBytesPerSecond: number;
  readonly hotSetBytes: number;
  readonly storage: StorageStrategy;
  readonly diskUsedBytes?: number;
  readonly diskChangeRateBytesPerSecond: number;
  readonly rpoSeconds: number;
  /** Payload rate of this migration's stream. */
  readonly bytesPerSecond: number;
  readonly rttSeconds: number;
  /** Pre-copy stop target; vSphere's 0.5 s when undefined. */
  readonly precopyStopSeconds?: number;
  /** Setup and completion; the same-vCenter likely figures at this RTT when undefined. */
  readonly fixed?: FixedTime;
  /** Storage-side ceiling of a Storage vMotion copy (KB 431479). */
  readonly dataMoverBytesPerSecond?: number;
  /** vGPU frame buffer copied during the stun (vgpu.ts), seconds. */
  readonly vgpuStunSeconds?: number;
  /** True when the hosts slow a non-converging guest (SDPS, vSphere 5.0+); false for 4.x. */
  readonly sdps?: boolean;
  /** Guest dirty rate SDPS holds to, as a fraction of R (SDPS_RHO). */
  readonly sdpsRho?: number;
  /** SDPS engages after the first full pass instead of at the volume bound (the low end of the range). */
  readonly sdpsEarly?: boolean;
  /** Range level: scales the rate (RATE_RANGE) and the switchover overhead (SWITCHOVER_OVERHEAD_RANGE). */
  readonly level?: Level;
}

export interface MigrationResult {
  readonly precopy: PrecopyResult;
  readonly disk: DiskResult;
  readonly setupSeconds: number;
  readonly completionSeconds: number;
  readonly memorySeconds: number;
  readonly switchoverSeconds: number;
  /** SDPS engaged: the guest ran at this fraction of its speed during pre-copy (undefined: not throttled). */
  readonly sdpsGuestSpeed?: number;
  readonly vgpuSeconds: number;
  readonly switchoverOverheadSeconds: number;
  readonly totalSeconds: number;
  readonly bytesSent: number;
  readonly converges: boolean;
  /** Pre-copy converging without SDPS (false when the guest had to be slowed). */
  readonly memoryConverges: boolean;
  /** Formula lines in words and numbers; built on demand (formatting costs more than the model). */
  describe(): string[];
}

export function switchoverOverheadSeconds(rttSeconds: number): number {
  return SWITCHOVER_BASE_SECONDS + SWITCHOVER_ROUND_TRIPS * Math.max(0, rttSeconds);
}

export function estimateMigration(input: MigrationInput): MigrationResult {
  const level = input.level ?? 'likely';
  const r = input.bytesPerSecond * RATE_RANGE[level];
  const diskInput: DiskInput = {
    strategy: input.storage,
    usedBytes: input.diskUsedBytes,
    changeRateBytesPerSecond: input.diskChangeRateBytesPerSecond,
    rpoSeconds: input.rpoSeconds,
    bytesPerSecond: r,
    dataMoverBytesPerSecond: input.dataMoverBytesPerSecond,
  };
  const disk = diskPhase(diskInput);
  const dirty = Math.max(0, input.dirtyRateBytesPerSecond);
  const base = { memoryBytes: input.memoryBytes, hotSetBytes: input.hotSetBytes, bytesPerSecond: r, stopSeconds: input.precopyStopSeconds };
  const free = precopy({ ...base, dirtyRateBytesPerSecond: dirty });
  // SDPS: pre-copy that does not converge on its own ends with the guest slowed (see SDPS_RHO).
  const throttled = input.sdps === true && r > 0 && input.memoryBytes > 0 && (free.stop === 'round-cap' || free.stop === 'volume-cap');
  const sdpsRho = input.sdpsRho ?? SDPS_RHO.likely;
  const pre = throttled ? sdpsPrecopy(free, { ...input, bytesPerSecond: r }, dirty, sdpsRho) : free;
  const sdpsGuestSpeed = throttled && dirty > 0 ? (sdpsRho * r) / dirty : undefined;
  const fixed = input.fixed ?? fixedTime('same-vcenter', input.rttSeconds);
  const overhead = switchoverOverheadSeconds(input.rttSeconds) * SWITCHOVER_OVERHEAD_RANGE[level];
  const vgpuSeconds = Math.max(0, input.vgpuStunSeconds ?? 0);
  const residualSeconds = r > 0 ? pre.residualBytes / r : 0;
  const switchoverSeconds = residualSeconds + overhead + vgpuSeconds;
  const totalSeconds = fixed.setupSeconds + disk.diskSeconds + pre.seconds + switchoverSeconds + fixed.completionSeconds;
  const describe = (): string[] => {
    const lines = describeDisk(diskInput, disk);
    if (r > 0 && input.memoryBytes > 0) {
      lines.push(
        `memory: ${formatBytes(input.memoryBytes)} at ${formatByteRate(r)}, dirty ${formatByteRate(dirty)} (rho = D/R = ${free.rho.toFixed(2)}): ${pre.rounds} pre-copy round${pre.rounds === 1 ? '' : 's'}, ${formatBytes(pre.bytesSent)} sent in ${formatDuration(pre.seconds)}`,
      );
      if (sdpsGuestSpeed !== undefined || throttled) {
        lines.push(
          `SDPS: pre-copy does not converge on its own, so vSphere slows the guest's vCPUs until it does (docs/sources.md 1.6); ASSUMED after ${input.sdpsEarly ? 'the first pass' : `${formatBytes(free.bytesSent)} sent`}, dirtying held to ${formatByteRate(sdpsRho * r)} (${Math.round(sdpsRho * 100)} % of R): the guest runs at about ${Math.round(100 * Math.min(1, sdpsGuestSpeed ?? 1))} % of its speed for ${formatDuration(pre.seconds - (input.sdpsEarly ? input.memoryBytes / r : free.seconds))}`,
        );
      }
      lines.push(stopLine(pre, input.hotSetBytes, r, input.sdps === true));
    }
    lines.push(
      `switchover: ${formatBytes(pre.residualBytes)} / ${formatByteRate(r > 0 ? r : 0)} = ${residualSeconds < 1 ? formatMilliseconds(residualSeconds) : formatDuration(residualSeconds)} + ${formatMilliseconds(SWITCHOVER_BASE_SECONDS)} + ${SWITCHOVER_ROUND_TRIPS} x ${formatMilliseconds(input.rttSeconds)} RTT${vgpuSeconds > 0 ? ` + ${formatDuration(vgpuSeconds)} vGPU frame buffer copy (stunned)` : ''} = ${formatDuration(switchoverSeconds)}`,
    );
    if (switchoverSeconds > MAX_SWITCHOVER_SECONDS) {
      lines.push(`switchover above ${MAX_SWITCHOVER_SECONDS} s: ESX would fail the migration and keep the VM on the source (docs/sources.md 1.6, KB 2141355)`);
    }
    lines.push(
      `total: ${formatDuration(fixed.setupSeconds)} setup + ${formatDuration(disk.diskSeconds)} disk + ${formatDuration(pre.seconds)} memory + ${formatDuration(switchoverSeconds)} switchover + ${formatDuration(fixed.completionSeconds)} completion = ${formatDuration(totalSeconds)}`,
    );
    return lines;
  };
  return {
    precopy: pre,
    disk,
    setupSeconds: fixed.setupSeconds,
    completionSeconds: fixed.completionSeconds,
    memorySeconds: pre.seconds,
    switchoverSeconds,
    switchoverOverheadSeconds: overhead,
    sdpsGuestSpeed: throttled ? Math.min(1, sdpsGuestSpeed ?? 1) : undefined,
    vgpuSeconds,
    totalSeconds,
    bytesSent: disk.diskBytes + pre.bytesSent + pre.residualBytes,
    // Pre-copy converging on its own: SDPS makes the migration complete, but it is still flagged (RB203).
    converges: free.converges && disk.converges,
    memoryConverges: free.converges,
    describe,
  };
}

/** Pre-copy up to the bound (or the first pass), then the residual pre-copied with the guest held to sdpsRho x R. */
function sdpsPrecopy(free: PrecopyResult, input: MigrationInput, dirty: number, sdpsRho: number): PrecopyResult {
  const r = input.bytesPerSecond;
  const m = Math.max(0, input.memoryBytes);
  const first = input.sdpsEarly === true;
  const head = first
    ? { rounds: 1, seconds: m / r, bytesSent: m, residualBytes: Math.min(m, Math.max(dirty * (m / r), Math.min(input.hotSetBytes, m))) }
    : free;
  const tail = precopy({ memoryBytes: head.residualBytes, dirtyRateBytesPerSecond: Math.min(dirty, sdpsRho * r), hotSetBytes: input.hotSetBytes, bytesPerSecond: r, stopSeconds: input.precopyStopSeconds });
  return {
    rounds: head.rounds + tail.rounds,
    seconds: head.seconds + tail.seconds,
    bytesSent: head.bytesSent + tail.bytesSent,
    residualBytes: tail.residualBytes,
    converges: tail.converges,
    stop: tail.stop,
    rho: free.rho,
  };
}

function stopLine(pre: PrecopyResult, hotSetBytes: number, r: number, sdps: boolean): string {
  switch (pre.stop) {
    case 'target':
      return pre.rho >= 1
        ? `dirty rate >= throughput: pre-copy cannot shrink the dirty set; the whole ${formatBytes(pre.residualBytes)} fits the stop target only because it is small`
        : `stops when the residual ${formatBytes(pre.residualBytes)} takes <= the stop target to send (docs/sources.md 1.6: 0.5 s)`;
    case 'hot-set':
      return `residual stuck at the hot set ${formatBytes(hotSetBytes)} (${formatDuration(hotSetBytes / r)} to send, above the 0.5 s stop target; docs/sources.md 2.2 WWS floor)`;
    case 'round-cap':
    case 'volume-cap':
      return `does NOT converge (rho = ${pre.rho.toFixed(2)}): stopped at ${pre.stop === 'round-cap' ? '29 rounds' : '3 x memory sent'} (Xen caps, docs/sources.md 2.1)${sdps ? '' : '; no SDPS before vSphere 5.0, so the residual crosses in the stun'}`;
    default:
      return 'no memory to copy';
  }
}
