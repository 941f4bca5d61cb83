/**
 * Throughput of one migration stream over a link (docs/sources.md 7.4):
 *   R = min(link share x efficiency, window / RTT, Mathis loss bound, host vMotion NIC share,
 *           vmknic CPU ceiling share) for TCP;
 *   R = min(link share x efficiency x compression, host NIC share, vmknic share) through a WAN
 *       optimizer, which terminates TCP locally (docs/sources.md 0, 3.5), so the WAN leg has no window or
 *       Mathis limit. Compression is credited only for unencrypted vMotion (the caller decides).
 * The host terms are shared by the migrations running at once on one host: its vMotion NIC(s)
 * (`vmotion_nic` x `vmotion_nics`) and its vmknics' worker threads (KB 323379, docs/sources.md 1.5).
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
  /** The host's vMotion vmknic CPU ceiling (KB 323379), shared by the migrations on one host. */
  readonly streamCapBytesPerSecond?: number;
  /** Wire rate of one host's vMotion NICs (speed x count, the slower end), if the runbook says. */
  readonly hostNicBytesPerSecond?: number;
  /** Where the host NIC figure came from, in words. */
  readonly hostNicSource?: string;
  /** Migrations running at once on one source host (>= 1); they share its NIC and vmknics. */
  readonly migrationsPerHost?: number;
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

  const perHost = Math.max(1, Math.floor(input.migrationsPerHost ?? 1) || 1);
  const hostShareText = perHost > 1 ? ` / ${perHost} migrations on the host` : '';
  let hostNicShareBytesPerSecond: number | undefined;
  if (input.hostNicBytesPerSecond !== undefined && input.hostNicBytesPerSecond > 0) {
    hostNicShareBytesPerSecond = (input.hostNicBytesPerSecond * efficiency) / perHost;
    candidates.push({
      limit: 'host-nic',
      bytesPerSecond: hostNicShareBytesPerSecond,
      text: `host-vMotion-NIC-limited: ${formatBitRate(input.hostNicBytesPerSecond)}${input.hostNicSource ? ` (${input.hostNicSource})` : ''}${hostShareText} x ${formatPercent(efficiency)} efficiency = ${formatByteRate(hostNicShareBytesPerSecond)}`,
    });
  }
  let streamShare: number | undefined;
  if (input.streamCapBytesPerSecond !== undefined && input.streamCapBytesPerSecond > 0) {
    streamShare = input.streamCapBytesPerSecond / perHost;
    candidates.push({
      limit: 'stream-cap',
      bytesPerSecond: streamShare,
      text: `stream-cap-limited: the host's vMotion worker threads peak at ${formatBitRate(input.streamCapBytesPerSecond)}${hostShareText} = ${formatByteRate(streamShare)} (docs/sources.md 1.5, KB 323379: 18 / 28 / 36 Gb/s with 1 / 2 / 3 vmknics)`,
    });
  }

  const common = { linkShareBytesPerSecond, windowBytesPerSecond, lossBytesPerSecond, streamCapBytesPerSecond: streamShare, hostNicBytesPerSecond: hostNicShareBytesPerSecond, efficiency, concurrentStreams: streams, compressionRatio: compression };
  if (linkShareBytesPerSecond === undefined) {
    // Without a bandwidth the other limits are upper bounds only; the estimate cannot be made.
    return { ...common, bytesPerSecond: 0, limitedBy: 'unknown', explanation: 'unknown: the link has no bandwidth, so no throughput can be estimated; add `bandwidth:` to the link.' };
  }
  let best = candidates[0];
  for (const c of candidates) if (c.bytesPerSecond < best.bytesPerSecond) best = c;
  return { ...common, bytesPerSecond: best.bytesPerSecond, limitedBy: best.limit, explanation: best.text };
}
