/**
 * Disk bytes by storage strategy (docs/sources.md 4, 7.6):
 * - storage-vmotion: one pass over the used disk with the mirror driver (vSphere 5.0+: every guest
 *   write during the copy is mirrored synchronously to the destination, so the copy converges in a
 *   single pass, at the cost of guest write latency; informit.com "How Storage vMotion Works",
 *   techtarget "Mirror Mode"). The copy runs at R_d = min(R, storage data mover ceiling, KB 431479)
 *   and the mirrored writes share it: t = S / max(R_d - c, R_d / 2). ASSUMPTION: when the guest
 *   writes faster than half of R_d, the synchronous mirror slows its writes (the copy keeps half).
 * - replication-async: the seed runs before the window at the same rate less the writes made while
 *   seeding (t = S / max(R - c, R / 2)); inside the window only the final delta crosses, at most
 *   what changed in one RPO: c x RPO (docs/sources.md 4.3).
 * - replication-sync and shared: the target already sees the disk; no disk bytes (docs/sources.md 4.1, 4.4).
 */
import type { StorageStrategy } from '../model';
import { formatByteRate, formatBytes, formatDuration } from '../../../../shared/src/units/quantity';

/**
 * Recovery point when `storage.rpo` is not given: 15 min, the default documented in the schema and
 * docs/format.md (vSphere Replication allows 5 min-24 h; quiescing forces >= 15 min, docs/sources.md 4.3).
 * Before issue 13 the engine used HCX Bulk's 2 h delta sync (docs/sources.md 5.2), contradicting the docs.
 */
export const DEFAULT_RPO_SECONDS = 15 * 60;

export interface DiskInput {
  readonly strategy: StorageStrategy;
  readonly usedBytes?: number;
  readonly changeRateBytesPerSecond: number;
  readonly rpoSeconds: number;
  readonly bytesPerSecond: number;
  /** Storage-side ceiling of the copy (data mover, KB 431479); undefined = none. */
  readonly dataMoverBytesPerSecond?: number;
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
  /** Seconds added by mirrored guest writes (storage-vmotion). */
  readonly iterateSeconds: number;
  /** Rate of the copy after the data mover ceiling. */
  readonly copyBytesPerSecond: number;
}

const NONE: DiskResult = { diskBytes: 0, diskSeconds: 0, seedBytes: 0, seedSeconds: 0, converges: true, copySeconds: 0, iterateSeconds: 0, copyBytesPerSecond: 0 };

export function diskPhase(input: DiskInput): DiskResult {
  const r = input.bytesPerSecond;
  const c = Math.max(0, input.changeRateBytesPerSecond);
  const s = input.usedBytes;
  if (input.strategy === 'shared' || input.strategy === 'replication-sync' || s === undefined || !(r > 0)) return NONE;
  if (input.strategy === 'replication-async') {
    const delta = Math.min(s, c * input.rpoSeconds);
    return { ...NONE, diskBytes: delta, diskSeconds: delta / r, seedBytes: s, seedSeconds: s / Math.max(r - c, r / 2), copyBytesPerSecond: r };
  }
  // storage-vmotion: one mirrored pass (see the header).
  const rd = input.dataMoverBytesPerSecond !== undefined && input.dataMoverBytesPerSecond > 0 ? Math.min(r, input.dataMoverBytesPerSecond) : r;
  const copySeconds = s / rd;
  const diskSeconds = s / Math.max(rd - c, rd / 2);
  return { ...NONE, diskBytes: s + Math.min(c, rd / 2) * diskSeconds, diskSeconds, converges: true, copySeconds, iterateSeconds: diskSeconds - copySeconds, copyBytesPerSecond: rd };
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
  const limited = d.copyBytesPerSecond < r;
  const lines = [
    `disk copy: ${formatBytes(s)} used / ${formatByteRate(d.copyBytesPerSecond)}${limited ? ` (storage data mover ceiling, below the ${formatByteRate(r)} stream; KB 431479)` : ''} = ${formatDuration(d.copySeconds)}`,
  ];
  if (c > 0) {
    lines.push(
      `mirrored writes: ${formatByteRate(c)} of guest writes share the copy (mirror driver, one pass; guest write latency rises): +${formatDuration(d.iterateSeconds)}`,
    );
  }
  return lines;
}
