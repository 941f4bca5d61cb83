/**
 * What each vSphere version allows and how its vMotion behaves, from docs/sources.md section 1.
 * Rules and the estimator both read these tables; nothing else encodes a version difference.
 */
import type { License } from './model';
import { bytesPerSecondFromBits, secondsFromMilliseconds } from '../../../shared/src/units/quantity';

export interface VsphereVersion {
  readonly major: number;
  readonly minor: number;
  /** Update level ("7.0 U2" -> 2; "8.0.2" -> 2); 0 when not given. */
  readonly update: number;
  readonly text: string;
}

/** Accepts "6.7", "7.0 U2", "7.0u3", "7.0 Update 1", "8.0.2", "8". */
export function parseVsphereVersion(text: string): VsphereVersion | undefined {
  const m = /^\s*(\d+)(?:\.(\d+))?(?:\.(\d+)|\s*(?:u|update)\s*(\d+)[a-z]?)?\s*$/i.exec(text);
  if (!m) return undefined;
  const major = Number(m[1]);
  if (major < 4 || major > 9) return undefined;
  return { major, minor: Number(m[2] ?? 0), update: Number(m[3] ?? m[4] ?? 0), text: text.trim() };
}

export function compareVersions(a: VsphereVersion, b: VsphereVersion): number {
  return a.major - b.major || a.minor - b.minor || a.update - b.update;
}

/** The older of two versions: a migration runs at the capability of its weaker end. */
export function olderVersion(a: VsphereVersion, b: VsphereVersion): VsphereVersion {
  return compareVersions(a, b) <= 0 ? a : b;
}

export type SocketBufferBehaviour =
  /** vSphere 4.x, and 5.x below Enterprise Plus: a fixed buffer of about 0.5 MB (docs/sources.md 1.2). */
  | 'fixed'
  /** vSphere 5.x Metro vMotion (Enterprise Plus): buffers resized from the observed RTT (1.2). */
  | 'rtt-resized'
  /** vSphere 6.0+: dynamically resized socket buffers, RTT up to 150 ms tolerated (1.2). */
  | 'dynamic';

export interface VmotionCapabilities {
  readonly version: VsphereVersion;
  /** Highest supported RTT between the hosts (docs/sources.md 1.1). */
  readonly maxRttSeconds: number;
  readonly maxRttSource: string;
  readonly socketBuffer: SocketBufferBehaviour;
  /** Buffer size when `socketBuffer` is 'fixed' (docs/sources.md 1.2: "around 0.5MB"). */
  readonly fixedSocketBufferBytes: number;
  /** Per-stream CPU cap of one vMotion worker (docs/sources.md 1.5, KB 323379), if any applies. */
  readonly streamCapBytesPerSecond?: number;
  readonly streamCapSource?: string;
  /** Cross-vCenter vMotion exists from 6.0 (docs/sources.md 1.7). */
  readonly crossVcenter: boolean;
}

/** 0.5 MB, as yellow-bricks describes the pre-Metro default (docs/sources.md 1.2). */
export const DEFAULT_VMOTION_SOCKET_BUFFER_BYTES = 0.5e6;

export const RTT_SOURCE_41 = 'docs/sources.md 1.1: vSphere 4.1 < 5 ms RTT (Broadcom KB 310156)';
export const RTT_SOURCE_5X = 'docs/sources.md 1.1: vSphere 5.x Metro vMotion 10 ms RTT, Enterprise Plus only, else 5 ms (KB 310156)';
export const RTT_SOURCE_6X = 'docs/sources.md 1.1: vSphere 6.0+ long-distance vMotion 150 ms RTT, Enterprise Plus (KB 2106949)';

/** The classic edition whose vMotion features a licence has. */
export type LicenseTier = 'enterprise-plus' | 'enterprise' | 'standard';

/**
 * vSphere Foundation (VVF) and VMware Cloud Foundation (VCF), the editions sold from 2024, include
 * the Enterprise Plus features vMotion needs here (DRS, long-distance and cross-vCenter vMotion):
 * practitioner licensing guides (redresscompliance.com VVF guide 2026, licenseauditdefenders.com
 * VCF vs VVF); no VMware page was found that lists them feature by feature (docs/diagnostics.md).
 */
export function licenseTier(license: License): LicenseTier {
  return license === 'vsphere-foundation' || license === 'cloud-foundation' ? 'enterprise-plus' : license;
}

export function vmotionCapabilities(version: VsphereVersion, license: License = 'enterprise-plus'): VmotionCapabilities {
  const entPlus = licenseTier(license) === 'enterprise-plus';
  const base = { version, fixedSocketBufferBytes: DEFAULT_VMOTION_SOCKET_BUFFER_BYTES };
  if (version.major <= 4) {
    return { ...base, maxRttSeconds: secondsFromMilliseconds(5), maxRttSource: RTT_SOURCE_41, socketBuffer: 'fixed', crossVcenter: false };
  }
  if (version.major === 5) {
    return {
      ...base,
      maxRttSeconds: secondsFromMilliseconds(entPlus ? 10 : 5),
      maxRttSource: RTT_SOURCE_5X,
      socketBuffer: entPlus ? 'rtt-resized' : 'fixed',
      crossVcenter: false,
    };
  }
  // 6.0 and later. Below Enterprise Plus long-distance vMotion is not licensed; we keep the 5 ms
  // limit that KB 310156 states for editions below Enterprise Plus (an extrapolation to 6.0+).
  return {
    ...base,
    maxRttSeconds: secondsFromMilliseconds(entPlus ? 150 : 5),
    maxRttSource: entPlus ? RTT_SOURCE_6X : `${RTT_SOURCE_5X}; long-distance vMotion (6.0+) needs Enterprise Plus`,
    socketBuffer: 'dynamic',
    // KB 323379 (which lists vCenter 7.0 and 8.0): one vMotion worker thread per vmknic is CPU-bound
    // at 18 Gb/s. A blog says 7.0 U2's automatic streams saturate up to 100 GbE (docs/sources.md 1.5);
    // VMware's KB outranks it, so the per-vmknic ceiling applies to every version from 6.0.
    streamCapBytesPerSecond: vmknicCeilingBytesPerSecond(1),
    streamCapSource: 'docs/sources.md 1.5: 18 Gb/s with one vMotion vmknic (Broadcom KB 323379)',
    crossVcenter: true,
  };
}

/**
 * Simultaneous-migration limits from vCenter's resource-cost model (docs/sources.md 1.4: vSphere 6.5/6.7
 * "Limits on Simultaneous Migrations"; Broadcom KB 326281). Per host, per host network, per datastore.
 */
export interface ConcurrencyLimits {
  readonly vmotionPerHost: number;
  /** Storage vMotion and shared-nothing (vMotion without shared storage). */
  readonly storageVmotionPerHost: number;
  readonly vmotionPerHostNetwork: number;
  readonly vmotionPerDatastore: number;
  readonly storageVmotionPerDatastore: number;
  readonly source: string;
}

export function concurrencyLimits(vmotionNicBytesPerSecond: number): ConcurrencyLimits {
  const tenGig = vmotionNicBytesPerSecond >= bytesPerSecondFromBits(10e9);
  return {
    vmotionPerHost: 8, // host max cost 8 (16 from 6.0) / vMotion cost 1 (2 from 6.0)
    storageVmotionPerHost: 2, // Storage vMotion cost 4 (8 from 6.0)
    vmotionPerHostNetwork: tenGig ? 8 : 4, // network max cost 8 on 10GigE, 4 on 1GigE
    vmotionPerDatastore: 128, // datastore max cost 128, vMotion cost 1
    storageVmotionPerDatastore: 8, // 128 / Storage vMotion cost 16 (derived)
    source: 'docs/sources.md 1.4: vSphere "Limits on Simultaneous Migrations" and Broadcom KB 326281',
  };
}

/** vMotion needs at least 250 Mbps dedicated per concurrent session (docs/sources.md 1.3). */
export const MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SECOND = bytesPerSecondFromBits(250e6);

/** ESX fails a migration whose switchover exceeds 100 s by default (docs/sources.md 1.6, KB 2141355). */
export const MAX_SWITCHOVER_SECONDS = 100;

/** Pre-copy stops once the remaining dirty memory can be sent in about 0.5 s (docs/sources.md 1.6). */
export const PRECOPY_STOP_SECONDS = 0.5;

/** vMSC / synchronous replication: 10 ms RTT (docs/sources.md 1.1 and 4.4). */
export const SYNC_REPLICATION_MAX_RTT_SECONDS = secondsFromMilliseconds(10);

/**
 * Peak vMotion rate of one host by its number of vMotion vmknics: 18, 28, 36 Gb/s for 1, 2, 3
 * (Broadcom KB 323379, docs/sources.md 1.5: one CPU-bound worker thread per vmknic, on a 40 GbE NIC).
 * The KB gives no figure beyond 3 vmknics: 36 Gb/s is kept (ASSUMPTION: no further gain claimed).
 */
export const VMKNIC_CEILING_BITS_PER_SECOND: readonly number[] = [18e9, 28e9, 36e9];

export function vmknicCeilingBytesPerSecond(vmknics: number): number {
  const n = Math.max(1, Math.min(VMKNIC_CEILING_BITS_PER_SECOND.length, Math.floor(vmknics) || 1));
  return bytesPerSecondFromBits(VMKNIC_CEILING_BITS_PER_SECOND[n - 1]);
}

/** Encrypted vMotion exists from vSphere 6.5; its per-VM default is "opportunistic" (docs/sources.md 1.7). */
export function encryptedVmotionAvailable(version: VsphereVersion): boolean {
  return version.major > 6 || (version.major === 6 && version.minor >= 5);
}

/**
 * The highest virtual hardware version each ESXi release runs (VMware KB 2007240; vSphere 6.7 and
 * 7.0 docs "Hardware Features Available with Virtual Machine Compatibility Settings", GUID-789C3913;
 * vSphere 8.0 docs, same page: 20 for 8.0, 21 for 8.0 U2). 9.0 -> 22 from a practitioner blog
 * (vinfrastructure.it, 2025), marked as such in docs/diagnostics.md.
 */
export const HARDWARE_VERSION_SOURCE = 'docs/sources.md 1.8: VMware KB 2007240; vSphere 6.7/7.0/8.0 docs GUID-789C3913 (virtual machine compatibility)';
const HARDWARE_VERSIONS: readonly { readonly from: string; readonly max: number }[] = [
  { from: '9.0', max: 22 },
  { from: '8.0 U2', max: 21 },
  { from: '8.0', max: 20 },
  { from: '7.0 U2', max: 19 },
  { from: '7.0 U1', max: 18 },
  { from: '7.0', max: 17 },
  { from: '6.7 U2', max: 15 },
  { from: '6.7', max: 14 },
  { from: '6.5', max: 13 },
  { from: '6.0', max: 11 },
  { from: '5.5', max: 10 },
  { from: '5.1', max: 9 },
  { from: '5.0', max: 8 },
  { from: '4.0', max: 7 },
];

export function maxHardwareVersion(version: VsphereVersion): number {
  for (const row of HARDWARE_VERSIONS) {
    const from = parseVsphereVersion(row.from);
    if (from && compareVersions(version, from) >= 0) return row.max;
  }
  return 7;
}

/** The first release that runs `hardwareVersion`, for messages ("needs ESXi 7.0 U2 or later"). */
export function firstReleaseRunning(hardwareVersion: number): string | undefined {
  let found: string | undefined;
  for (const row of HARDWARE_VERSIONS) if (row.max >= hardwareVersion) found = row.from;
  return found;
}

/**
 * Advanced Cross vCenter vMotion shipped in vSphere 7.0 U1c (KB 2106952). The parsed version drops
 * the patch letter, so it is read from the text: "7.0 U1" alone is before it, "7.0 U1c" is it.
 */
export function hasAdvancedCrossVcenterVmotion(version: VsphereVersion): boolean {
  if (version.major !== 7 || version.minor !== 0) return version.major > 7 || (version.major === 7 && version.minor > 0);
  if (version.update >= 2) return true;
  if (version.update < 1) return false;
  const letter = /u(?:pdate)?\s*1\s*([a-z])\b/i.exec(version.text)?.[1]?.toLowerCase();
  return letter !== undefined && letter >= 'c';
}

/** vGPU vMotion is supported from vSphere 6.7 Update 1 (vSphere 6.7 docs GUID-8FE6A0DA). */
export const VGPU_VMOTION_FIRST = '6.7 U1';

/**
 * End of general support by release (major.minor), epoch ms at 00:00 UTC (docs/diagnostics.md,
 * *Supportability and editions*, for the sources): 5.5 September 2018, 6.0 12 March 2020, 6.5 and
 * 6.7 15 October 2022 (6.7 extended), 7.0 2 October 2025 (extended). No date is stored before 5.5.
 */
export const END_OF_GENERAL_SUPPORT: Readonly<Record<string, number>> = {
  '5.5': Date.UTC(2018, 8, 19),
  '6.0': Date.UTC(2020, 2, 12),
  '6.5': Date.UTC(2022, 9, 15),
  '6.7': Date.UTC(2022, 9, 15),
  '7.0': Date.UTC(2025, 9, 2),
};

export function endOfGeneralSupport(version: VsphereVersion): number | undefined {
  return END_OF_GENERAL_SUPPORT[`${version.major}.${version.minor}`];
}
