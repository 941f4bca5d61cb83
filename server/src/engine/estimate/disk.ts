/**
 * Disk bytes by storage strategy (docs/sources.md 4, 7.6):
 * - storage-vmotion: full copy of the used disk at R, then dirty-block iteration as in Pacer
 *   (docs/sources.md 2.5): t2 = c x t1 / (R - c). With c >= R the dirty set never shrinks; like memory
 *   (Xen's 3 x cap, docs/sources.md 2.1, applied to disk as an ASSUMPTION) at most 2 more passes are counted.
 * - replication-async: the seed (used / R) runs before the window; inside the window only the final
 *   delta crosses, at most what changed in one RPO: c x RPO (docs/sources.md 4.3; HCX Bulk syncs every 2 h).
 * - replication-sync and shared: the target already sees the disk; no disk bytes (docs/sources.md 4.1, 4.4).
 */
import type { StorageStrategy } from '../model';
import { formatByteRate, formatBytes, formatDuration } from '../../../../shared/src/units/quantity';

/** Recovery point when `storage.rpo` is not given: HCX Bulk's 2-hour delta sync (docs/sources.md 5.2). */
export const DEFAULT_RPO_SECONDS = 2 * 3600;
/** Cap on dirty-block re-copy passes when the change rate reaches R (ASSUMPTION, see header). */
export const MAX_DISK_RECOPY_FACTOR = 2;

export interface DiskInput {
  readonly strategy: StorageStrategy;
  readonly usedBytes?: number;
  readonly changeRateBytesPerSecond: number;
  readonly rpoSeconds: number;
  readonly bytesPerSecond: number;
}

export interface DiskResult {
  /** Bytes moved inside the window. */
  readonly diskBytes: number;
  readonly diskSeconds: number;
  readonly seedBytes: number;
  readonly seedSeconds: number;
  readonly converges: boolean;
  /** Seconds of the first full copy (storage-vmotion), for the explanation. */
  readonly copySeconds: number;
  /** Seconds of dirty-block iteration (storage-vmotion). */
  readonly iterateSeconds: number;
}

const NONE: DiskResult = { diskBytes: 0, diskSeconds: 0, seedBytes: 0, seedSeconds: 0, converges: true, copySeconds: 0, iterateSeconds: 0 };

export function diskPhase(input: DiskInput): DiskResult {
  const r = input.bytesPerSecond;
  const c = Math.max(0, input.changeRateBytesPerSecond);
  const s = input.usedBytes;
  if (input.strategy === 'shared' || input.strategy === 'replication-sync' || s === undefined || !(r > 0)) return NONE;
  if (input.strategy === 'replication-async') {
    const delta = Math.min(s, c * input.rpoSeconds);
    return { ...NONE, diskBytes: delta, diskSeconds: delta / r, seedBytes: s, seedSeconds: s / r };
  }
  // storage-vmotion
  const copySeconds = s / r;
  const converges = c < r;
  const iterateSeconds = converges ? Math.min((c * copySeconds) / (r - c), MAX_DISK_RECOPY_FACTOR * copySeconds) : MAX_DISK_RECOPY_FACTOR * copySeconds;
  return { ...NONE, diskBytes: s + iterateSeconds * r, diskSeconds: copySeconds + iterateSeconds, converges, copySeconds, iterateSeconds };
}

/** The disk phase in words and numbers (built only when a hover or report asks). */
export function describeDisk(input: DiskInput, d: DiskResult): string[] {
  const r = input.bytesPerSecond;
  const c = Math.max(0, input.changeRateBytesPerSecond);
  const s = input.usedBytes;
  if (input.strategy === 'shared') return ['disk: shared storage, no disk bytes cross the link (docs/sources.md 4.1)'];
  if (input.strategy === 'replication-sync') return ['disk: synchronous replication keeps both copies current, no disk bytes in the window (docs/sources.md 4.4)'];
  if (s === undefined) return [`disk: ${input.strategy} but the VM gives no disk size; disk time not estimated (add \`disk:\`)`];
  if (!(r > 0)) return ['disk: no throughput, disk time not estimated'];
  if (input.strategy === 'replication-async') {
    return [
      `seed (before the window): ${formatBytes(s)} / ${formatByteRate(r)} = ${formatDuration(d.seedSeconds)}`,
      `final delta: ${formatByteRate(c)} change x ${formatDuration(input.rpoSeconds)} RPO = ${formatBytes(d.diskBytes)} / ${formatByteRate(r)} = ${formatDuration(d.diskSeconds)}`,
    ];
  }
  const lines = [`disk copy: ${formatBytes(s)} used / ${formatByteRate(r)} = ${formatDuration(d.copySeconds)}`];
  if (c > 0) {
    lines.push(
      d.converges
        ? `dirty blocks: ${formatByteRate(c)} x ${formatDuration(d.copySeconds)} / (${formatByteRate(r)} - ${formatByteRate(c)}) = ${formatDuration(d.iterateSeconds)} (Pacer, docs/sources.md 2.5)`
        : `dirty blocks: change rate ${formatByteRate(c)} >= ${formatByteRate(r)}: the disk never converges; counted ${MAX_DISK_RECOPY_FACTOR} more passes (${formatDuration(d.iterateSeconds)})`,
    );
  }
  return lines;
}
