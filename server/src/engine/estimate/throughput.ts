/**
 * Throughput of one migration stream over a link (docs/sources.md 7.4):
 *   R = min(link share x efficiency, window / RTT, Mathis loss bound, per-stream cap) for TCP;
 *   R = min(link share x efficiency x compression, per-stream cap) through a WAN optimizer, which
 *       terminates TCP locally (docs/sources.md 0, 3.5), so the WAN leg has no window or Mathis limit.
 * Efficiency multiplies only the link share: that term is a wire rate, while window / RTT, the Mathis
 * bound (built on the MSS, a payload size) and the measured per-stream cap are already payload rates.
 */
import type { Transport } from '../model';
import { formatBytes, formatByteRate, formatBitRate, formatMilliseconds, formatPercent } from '../../../../shared/src/units/quantity';
import type { ThroughputEstimate, ThroughputLimit } from './types';

/** Ethernet MTU 1500 minus 40 bytes of IP and TCP headers (docs/sources.md 3.2 uses MSS). */
export const TCP_MSS_BYTES = 1460;
/** Mathis constant for every packet ACKed (docs/sources.md 3.2); sqrt(3/4) with delayed ACK. */
export const MATHIS_C = Math.sqrt(3 / 2);

export interface StreamInput {
  readonly transport: Transport;
  /** Link bandwidth (wire rate), undefined when the runbook does not say. */
  readonly bandwidthBytesPerSecond?: number;
  /** Fraction of the link the migrations may use (1 when not given). */
  readonly migrationShare: number;
  /** Migrations sharing the link at once (>= 1). */
  readonly concurrentStreams: number;
  readonly rttSeconds: number;
  /** Packet loss fraction (0 = none). */
  readonly lossFraction: number;
  /** TCP window per stream; undefined = resized to fit (vSphere 5.x Ent+ / 6.0+, docs/sources.md 1.2). */
  readonly windowBytes?: number;
  /** Why this window (e.g. "vSphere 5.5 below Enterprise Plus: fixed ~0.5 MB"). */
  readonly windowSource?: string;
  readonly streamCapBytesPerSecond?: number;
  readonly efficiency: number;
  /** WAN-optimizer data reduction (>= 1); ignored for plain TCP. */
  readonly compressionRatio: number;
}

/** Bytes/s a single TCP stream can carry at `lossFraction` (Mathis et al., docs/sources.md 3.2). */
export function mathisBytesPerSecond(rttSeconds: number, lossFraction: number): number {
  if (!(lossFraction > 0) || !(rttSeconds > 0)) return Infinity;
  return (TCP_MSS_BYTES * MATHIS_C) / (rttSeconds * Math.sqrt(lossFraction));
}

export function streamThroughput(input: StreamInput): ThroughputEstimate {
  const streams = Math.max(1, Math.floor(input.concurrentStreams) || 1);
  const efficiency = input.efficiency > 0 && input.efficiency <= 1 ? input.efficiency : 1;
  const compression = input.transport === 'wan-optimized' && input.compressionRatio >= 1 ? input.compressionRatio : 1;
  const candidates: { limit: ThroughputLimit; bytesPerSecond: number; text: string }[] = [];

  let linkShareBytesPerSecond: number | undefined;
  if (input.bandwidthBytesPerSecond !== undefined && input.bandwidthBytesPerSecond > 0) {
    const share = input.migrationShare > 0 && input.migrationShare <= 1 ? input.migrationShare : 1;
    linkShareBytesPerSecond = (input.bandwidthBytesPerSecond * share) / streams;
    const payload = linkShareBytesPerSecond * efficiency * compression;
    const parts = [formatBitRate(input.bandwidthBytesPerSecond)];
    if (share !== 1) parts.push(`${formatPercent(share)} share`);
    if (streams > 1) parts.push(`/ ${streams} concurrent migrations`);
    parts.push(`x ${formatPercent(efficiency)} efficiency`);
    if (compression !== 1) parts.push(`x ${compression} compression`);
    candidates.push({ limit: 'link-share', bytesPerSecond: payload, text: `link-share-limited: ${parts.join(' ')} = ${formatByteRate(payload)}` });
  }

  let windowBytesPerSecond: number | undefined;
  let lossBytesPerSecond: number | undefined;
  if (input.transport === 'tcp' && input.rttSeconds > 0) {
    if (input.windowBytes !== undefined && input.windowBytes > 0) {
      windowBytesPerSecond = input.windowBytes / input.rttSeconds;
      candidates.push({
        limit: 'window',
        bytesPerSecond: windowBytesPerSecond,
        text: `window-limited: ${formatBytes(input.windowBytes)} / ${formatMilliseconds(input.rttSeconds)} RTT = ${formatByteRate(windowBytesPerSecond)}${input.windowSource ? ` (${input.windowSource})` : ''}`,
      });
    }
    if (input.lossFraction > 0) {
      lossBytesPerSecond = mathisBytesPerSecond(input.rttSeconds, input.lossFraction);
      candidates.push({
        limit: 'loss',
        bytesPerSecond: lossBytesPerSecond,
        text: `loss-limited (Mathis): ${TCP_MSS_BYTES} B x 1.22 / (${formatMilliseconds(input.rttSeconds)} x sqrt(${input.lossFraction.toExponential(1)})) = ${formatByteRate(lossBytesPerSecond)}`,
      });
    }
  }

  if (input.streamCapBytesPerSecond !== undefined && input.streamCapBytesPerSecond > 0) {
    candidates.push({
      limit: 'stream-cap',
      bytesPerSecond: input.streamCapBytesPerSecond,
      text: `stream-cap-limited: one vMotion worker stream peaks at ${formatBitRate(input.streamCapBytesPerSecond)} (docs/sources.md 1.5, KB 323379)`,
    });
  }

  const common = { linkShareBytesPerSecond, windowBytesPerSecond, lossBytesPerSecond, streamCapBytesPerSecond: input.streamCapBytesPerSecond, efficiency, concurrentStreams: streams };
  if (linkShareBytesPerSecond === undefined) {
    // Without a bandwidth the other limits are upper bounds only; the estimate cannot be made.
    return { ...common, bytesPerSecond: 0, limitedBy: 'unknown', explanation: 'unknown: the link has no bandwidth, so no throughput can be estimated; add `bandwidth:` to the link.' };
  }
  let best = candidates[0];
  for (const c of candidates) if (c.bytesPerSecond < best.bytesPerSecond) best = c;
  return { ...common, bytesPerSecond: best.bytesPerSecond, limitedBy: best.limit, explanation: best.text };
}
