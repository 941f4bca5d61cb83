/**
 * What a link offers a migration: its RTT (given, or derived from distance), its bandwidth-delay
 * product, and the vSphere behaviour of its two ends (socket buffer, per-stream cap).
 */
import type { EncryptedVmotion, Link, RunbookModel, Transport, Vm, Wave } from '../model';
import type { EngineOptions } from '../options';
import { formatBitRate, formatBytes, formatDistance, formatMilliseconds, secondsFromMilliseconds } from '../../../../shared/src/units/quantity';
import { encryptedVmotionAvailable, olderVersion, parseVsphereVersion, vmknicCeilingBytesPerSecond, vmotionCapabilities, type VmotionCapabilities, type VsphereVersion } from '../vsphere';
import { streamThroughput, type StreamInput } from './throughput';
import type { LinkEstimate, ThroughputEstimate } from './types';

/** Light in fibre: ~5 us/km one way, i.e. 0.01 ms of RTT per km of fibre (docs/sources.md 3.3). */
export const RTT_SECONDS_PER_FIBRE_KM = secondsFromMilliseconds(0.01);
/** Fibre route length over straight-line distance when a link does not say (docs/sources.md 3.3: 1.2-1.5). */
export const DEFAULT_ROUTE_FACTOR = 1.5;
/**
 * RTT assumed for a link with neither `rtt` nor `distance`: a LAN (measurements.yaml: "rtt_ms null
 * on LAN tests means same LAN (< 1 ms)"). ASSUMPTION: 0.5 ms, the middle of "< 1 ms".
 */
export const DEFAULT_LAN_RTT_SECONDS = secondsFromMilliseconds(0.5);

export interface LinkRtt {
  readonly rttSeconds: number;
  readonly source: string;
  readonly derived: boolean;
  /** True when neither rtt nor distance was given and the LAN default stood in. */
  readonly defaulted: boolean;
}

export function linkRtt(link: Link | undefined): LinkRtt {
  const rtt = link?.rttSeconds?.value;
  if (rtt !== undefined && rtt >= 0) return { rttSeconds: rtt, source: `given: ${formatMilliseconds(rtt)}`, derived: false, defaulted: false };
  const km = link?.distanceKm?.value;
  if (km !== undefined && km >= 0) {
    const given = link?.routeFactor?.value;
    const factor = given !== undefined && given >= 1 ? given : DEFAULT_ROUTE_FACTOR;
    const seconds = km * factor * RTT_SECONDS_PER_FIBRE_KM;
    return {
      rttSeconds: seconds,
      source: `derived: ${formatDistance(km)} x route factor ${factor}${given === undefined ? ' (default)' : ''} x 0.01 ms/km = ${formatMilliseconds(seconds)} (docs/sources.md 3.3; queuing and equipment delay not included)`,
      derived: true,
      defaulted: false,
    };
  }
  return {
    rttSeconds: DEFAULT_LAN_RTT_SECONDS,
    source: `assumed ${formatMilliseconds(DEFAULT_LAN_RTT_SECONDS)} (LAN): the link gives neither rtt nor distance`,
    derived: true,
    defaulted: true,
  };
}

/** The vMotion behaviour of a link: the weaker end decides (older version, lesser license). */
export interface LinkVsphere {
  readonly capabilities: VmotionCapabilities;
  readonly text: string;
  /** The older of the two ends' versions. */
  readonly version: VsphereVersion;
}

export function linkVsphere(model: RunbookModel, link: Link | undefined, options: EngineOptions): LinkVsphere {
  const fallback = parseVsphereVersion(model.defaults.vsphere?.value ?? '') ?? parseVsphereVersion(options.defaultVsphereVersion) ?? { major: 7, minor: 0, update: 0, text: '7.0' };
  const ends = [link?.from?.value, link?.to?.value].map((id) => (id === undefined ? undefined : model.sites.get(id)));
  let version: VsphereVersion | undefined;
  let weakest: VmotionCapabilities | undefined;
  for (const site of ends) {
    const v = parseVsphereVersion(site?.vsphere?.value ?? '') ?? fallback;
    version = version ? olderVersion(version, v) : v;
    const caps = vmotionCapabilities(v, site?.license?.value ?? 'enterprise-plus');
    if (!weakest || rank(caps) < rank(weakest) || (rank(caps) === rank(weakest) && capOf(caps) < capOf(weakest))) weakest = caps;
  }
  const capabilities = weakest ?? vmotionCapabilities(fallback);
  return { capabilities, text: `vSphere ${(version ?? fallback).text}`, version: version ?? fallback };
}

function rank(c: VmotionCapabilities): number {
  return c.socketBuffer === 'fixed' ? 0 : c.socketBuffer === 'rtt-resized' ? 1 : 2;
}

function capOf(c: VmotionCapabilities): number {
  return c.streamCapBytesPerSecond ?? Infinity;
}

export function efficiencyOf(link: Link | undefined, transport: Transport, options: EngineOptions): number {
  const given = link?.efficiencyFraction?.value;
  if (given !== undefined && given > 0 && given <= 1) return given;
  return transport === 'wan-optimized' ? options.wanOptimizedEfficiency : options.tcpEfficiency;
}

export function transportOf(model: RunbookModel, link: Link | undefined): Transport {
  return link?.transport?.value ?? model.defaults.transport?.value ?? 'tcp';
}

/** The host side of a migration: its vMotion NIC(s) and vmknics, and how many migrations share one host. */
export interface HostSide {
  /** Wire rate of one host's vMotion NICs (speed x count), the slower end; undefined when not given. */
  readonly nicBytesPerSecond?: number;
  readonly nicSource?: string;
  /** vmknics per host (the fewer of the two ends), for the KB 323379 ceiling. */
  readonly vmknics: number;
  /** Migrations running at once on one host. */
  readonly migrationsPerHost: number;
}

/**
 * The host vMotion NIC(s) bounding a migration: the VM's `vmotion_nic`, else the wave's, else the
 * slower of the link's two sites (`vmotion_nic` x `vmotion_nics`, multi-NIC vMotion, docs/sources.md 1.5).
 */
export function hostSideOf(model: RunbookModel, link: Link | undefined, wave: Wave | undefined, vm: Vm | undefined, migrationsPerHost: number): HostSide {
  const ends = [link?.from?.value, link?.to?.value].map((id) => (id === undefined ? undefined : model.sites.get(id)));
  let vmknics = Infinity;
  for (const site of ends) vmknics = Math.min(vmknics, Math.max(1, Math.floor(site?.vmotionVmknics?.value ?? 1) || 1));
  if (!Number.isFinite(vmknics)) vmknics = 1;
  const perHost = Math.max(1, Math.floor(migrationsPerHost) || 1);
  const override = vm?.vmotionNicBytesPerSecond ?? wave?.vmotionNicBytesPerSecond;
  if (override !== undefined && override.value > 0) {
    return { nicBytesPerSecond: override.value, nicSource: `${vm?.vmotionNicBytesPerSecond ? 'the VM\'s' : 'the wave\'s'} vmotion_nic`, vmknics, migrationsPerHost: perHost };
  }
  let nic: number | undefined;
  let source: string | undefined;
  for (const site of ends) {
    const speed = site?.vmotionNicBytesPerSecond?.value;
    if (speed === undefined || !(speed > 0)) continue;
    const count = Math.max(1, Math.floor(site?.vmotionNics?.value ?? 1) || 1);
    if (nic === undefined || speed * count < nic) {
      nic = speed * count;
      source = `${count > 1 ? `${count} x ${formatBitRate(speed)}` : formatBitRate(speed)} vMotion NIC${count > 1 ? 's' : ''} at ${site?.id}`;
    }
  }
  return { nicBytesPerSecond: nic, nicSource: source, vmknics, migrationsPerHost: perHost };
}

/**
 * Whether a VM's vMotion is encrypted: its `encrypted_vmotion`, else the plan default, else
 * vSphere's default (opportunistic from 6.5: encrypted when both ends support it, docs/sources.md 1.7).
 * Before 6.5 there is no encrypted vMotion. A WAN optimizer cannot compress encrypted traffic.
 */
export function vmotionEncrypted(model: RunbookModel, vm: Vm | undefined, vs: LinkVsphere): { readonly encrypted: boolean; readonly setting: EncryptedVmotion; readonly defaulted: boolean } {
  const available = encryptedVmotionAvailable(vs.version);
  const given = vm?.encryptedVmotion?.value ?? model.defaults.encryptedVmotion?.value;
  const setting: EncryptedVmotion = given ?? (available ? 'opportunistic' : 'disabled');
  return { encrypted: available && setting !== 'disabled', setting, defaulted: given === undefined };
}

/** The stream inputs of `link` for `concurrentStreams` migrations over `transport`. */
export function streamInputOf(model: RunbookModel, link: Link | undefined, transport: Transport, concurrentStreams: number, options: EngineOptions, host?: HostSide, compress = true): StreamInput {
  const rtt = linkRtt(link);
  const vs = linkVsphere(model, link, options);
  const given = link?.socketBufferBytes?.value;
  let windowBytes: number | undefined;
  let windowSource: string | undefined;
  if (given !== undefined && given > 0) {
    windowBytes = given;
    windowSource = 'socket_buffer given';
  } else if (vs.capabilities.socketBuffer === 'fixed') {
    windowBytes = vs.capabilities.fixedSocketBufferBytes;
    windowSource = `${vs.text} without Metro vMotion keeps a fixed ~${formatBytes(windowBytes)} socket buffer, docs/sources.md 1.2`;
  }
  const compression = link?.compressionRatio?.value;
  const streamCap = vs.capabilities.streamCapBytesPerSecond === undefined ? undefined : vmknicCeilingBytesPerSecond(host?.vmknics ?? 1);
  return {
    transport,
    bandwidthBytesPerSecond: link?.bandwidthBytesPerSecond?.value,
    migrationShare: link?.migrationShareFraction?.value ?? 1,
    concurrentStreams,
    rttSeconds: rtt.rttSeconds,
    lossFraction: link?.lossFraction?.value ?? 0,
    windowBytes,
    windowSource,
    streamCapBytesPerSecond: streamCap,
    hostNicBytesPerSecond: host?.nicBytesPerSecond,
    hostNicSource: host?.nicSource,
    migrationsPerHost: host?.migrationsPerHost ?? 1,
    efficiency: efficiencyOf(link, transport, options),
    compressionRatio: compress && compression !== undefined && compression >= 1 ? compression : 1,
  };
}

export function estimateLink(model: RunbookModel, link: Link, options: EngineOptions): LinkEstimate {
  const rtt = linkRtt(link);
  const bandwidth = link.bandwidthBytesPerSecond?.value;
  const share = link.migrationShareFraction?.value ?? 1;
  const perStream: Record<Transport, ThroughputEstimate> = {
    tcp: streamThroughput(streamInputOf(model, link, 'tcp', 1, options)),
    'wan-optimized': streamThroughput(streamInputOf(model, link, 'wan-optimized', 1, options)),
  };
  return {
    linkId: link.id,
    rttSeconds: rtt.rttSeconds,
    rttSource: rtt.source,
    rttDerived: rtt.derived,
    bandwidthBytesPerSecond: bandwidth,
    usableBytesPerSecond: bandwidth === undefined ? undefined : bandwidth * (share > 0 && share <= 1 ? share : 1),
    bandwidthDelayProductBytes: bandwidth === undefined ? undefined : bandwidth * rtt.rttSeconds,
    perStream,
  };
}

/**
 * Per-stream rates of one analysis, by link, transport and stream count: waves that share a link
 * and a concurrency (most of them) share one computation and its formatted explanation.
 */
export class StreamRates {
  private readonly byLink = new Map<Link | undefined, Map<string, { readonly throughput: ThroughputEstimate; readonly rtt: LinkRtt }>>();

  constructor(private readonly model: RunbookModel, private readonly options: EngineOptions) {}

  of(link: Link | undefined, transport: Transport, streams: number, host?: HostSide, compress = true): { readonly throughput: ThroughputEstimate; readonly rtt: LinkRtt } {
    let forLink = this.byLink.get(link);
    if (!forLink) this.byLink.set(link, (forLink = new Map()));
    const key = `${transport}:${streams}:${host?.nicBytesPerSecond ?? ''}:${host?.nicSource ?? ''}:${host?.vmknics ?? 1}:${host?.migrationsPerHost ?? 1}:${compress}`;
    let rates = forLink.get(key);
    if (!rates) forLink.set(key, (rates = { throughput: streamThroughput(streamInputOf(this.model, link, transport, streams, this.options, host, compress)), rtt: linkRtt(link) }));
    return rates;
  }
}
