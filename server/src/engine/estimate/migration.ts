/**
 * One VM's migration, from resolved numbers to phase times (docs/sources.md 7.5-7.6):
 *   total = setup + disk + memory pre-copy + switchover
 *   switchover = residual / R + base + 5 x RTT
 * Constants without a published source are ASSUMPTIONS, checked against measurements.yaml in
 * migration.calibration.test.ts and listed in docs/estimates.md.
 */
import type { StorageStrategy } from '../model';
import { formatByteRate, formatBytes, formatDuration, formatMilliseconds } from '../../../../shared/src/units/quantity';
import { MAX_SWITCHOVER_SECONDS } from '../vsphere';
import { describeDisk, diskPhase, type DiskInput, type DiskResult } from './disk';
import { precopy, type PrecopyResult } from './precopy';

/**
 * Per-migration setup before the first byte: destination VM creation, checks, handshakes.
 * ASSUMPTION: 1.5 s, between the Hyper-V 1-VM row (7 s total - 4.5 s of copy = 2.5 s) and the KVM
 * idle row read as 1 GiB (2.07 s - 0.9 s of copy = 1.2 s), measurements.yaml.
 */
export const SETUP_SECONDS = 1.5;
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
}

export interface MigrationResult {
  readonly precopy: PrecopyResult;
  readonly disk: DiskResult;
  readonly setupSeconds: number;
  readonly memorySeconds: number;
  readonly switchoverSeconds: number;
  readonly switchoverOverheadSeconds: number;
  readonly totalSeconds: number;
  readonly bytesSent: number;
  readonly converges: boolean;
  /** Formula lines in words and numbers; built on demand (formatting costs more than the model). */
  describe(): string[];
}

export function switchoverOverheadSeconds(rttSeconds: number): number {
  return SWITCHOVER_BASE_SECONDS + SWITCHOVER_ROUND_TRIPS * Math.max(0, rttSeconds);
}

export function estimateMigration(input: MigrationInput): MigrationResult {
  const r = input.bytesPerSecond;
  const diskInput: DiskInput = { strategy: input.storage, usedBytes: input.diskUsedBytes, changeRateBytesPerSecond: input.diskChangeRateBytesPerSecond, rpoSeconds: input.rpoSeconds, bytesPerSecond: r };
  const disk = diskPhase(diskInput);
  const pre = precopy({ memoryBytes: input.memoryBytes, dirtyRateBytesPerSecond: input.dirtyRateBytesPerSecond, hotSetBytes: input.hotSetBytes, bytesPerSecond: r, stopSeconds: input.precopyStopSeconds });
  const overhead = switchoverOverheadSeconds(input.rttSeconds);
  const residualSeconds = r > 0 ? pre.residualBytes / r : 0;
  const switchoverSeconds = residualSeconds + overhead;
  const totalSeconds = SETUP_SECONDS + disk.diskSeconds + pre.seconds + switchoverSeconds;
  const describe = (): string[] => {
    const lines = describeDisk(diskInput, disk);
    if (r > 0 && input.memoryBytes > 0) {
      const rho = pre.rho;
      lines.push(
        `memory: ${formatBytes(input.memoryBytes)} at ${formatByteRate(r)}, dirty ${formatByteRate(input.dirtyRateBytesPerSecond)} (rho = D/R = ${rho.toFixed(2)}): ${pre.rounds} pre-copy round${pre.rounds === 1 ? '' : 's'}, ${formatBytes(pre.bytesSent)} sent in ${formatDuration(pre.seconds)}`,
      );
      lines.push(stopLine(pre, input.hotSetBytes, r));
    }
    lines.push(
      `switchover: ${formatBytes(pre.residualBytes)} / ${formatByteRate(r > 0 ? r : 0)} = ${residualSeconds < 1 ? formatMilliseconds(residualSeconds) : formatDuration(residualSeconds)} + ${formatMilliseconds(SWITCHOVER_BASE_SECONDS)} + ${SWITCHOVER_ROUND_TRIPS} x ${formatMilliseconds(input.rttSeconds)} RTT = ${formatDuration(switchoverSeconds)}`,
    );
    if (switchoverSeconds > MAX_SWITCHOVER_SECONDS) {
      lines.push(`switchover above ${MAX_SWITCHOVER_SECONDS} s: ESX would fail the migration and keep the VM on the source (docs/sources.md 1.6, KB 2141355)`);
    }
    lines.push(
      `total: ${formatDuration(SETUP_SECONDS)} setup + ${formatDuration(disk.diskSeconds)} disk + ${formatDuration(pre.seconds)} memory + ${formatDuration(switchoverSeconds)} switchover = ${formatDuration(totalSeconds)}`,
    );
    return lines;
  };
  return {
    precopy: pre,
    disk,
    setupSeconds: SETUP_SECONDS,
    memorySeconds: pre.seconds,
    switchoverSeconds,
    switchoverOverheadSeconds: overhead,
    totalSeconds,
    bytesSent: disk.diskBytes + pre.bytesSent + pre.residualBytes,
    converges: pre.converges && disk.converges,
    describe,
  };
}

function stopLine(pre: PrecopyResult, hotSetBytes: number, r: number): string {
  switch (pre.stop) {
    case 'target':
      return pre.rho >= 1
        ? `dirty rate >= throughput: pre-copy cannot shrink the dirty set; the whole ${formatBytes(pre.residualBytes)} fits the stop target only because it is small`
        : `stops when the residual ${formatBytes(pre.residualBytes)} takes <= the stop target to send (docs/sources.md 1.6: 0.5 s)`;
    case 'hot-set':
      return `residual stuck at the hot set ${formatBytes(hotSetBytes)} (${formatDuration(hotSetBytes / r)} to send, above the 0.5 s stop target; docs/sources.md 2.2 WWS floor)`;
    case 'round-cap':
    case 'volume-cap':
      return `does NOT converge (rho = ${pre.rho.toFixed(2)}): stopped at ${pre.stop === 'round-cap' ? '29 rounds' : '3 x memory sent'} (Xen caps, docs/sources.md 2.1); vSphere 5+ would slow the guest (SDPS, 1.6) instead`;
    default:
      return 'no memory to copy';
  }
}
