/**
 * Maps the published measurements (test/data/measurements.yaml, a copy of the published rows with their sources) onto model inputs and predicts
 * them, for the calibration test and the table in docs/estimates.md. Each mapping decision is
 * written next to its row; rows without enough data are listed with the reason, never guessed.
 * No constant of the model is fitted here: every row runs through the same physical model.
 */
import { isSeq } from 'yaml';
import type { StorageStrategy } from '../model';
import { DEFAULT_OPTIONS } from '../options';
import { parseYaml } from '../parse';
import { BYTES_PER_GIB, bytesPerSecondFromBits, secondsFromMilliseconds } from '../../../../shared/src/units/quantity';
import { DEFAULT_LAN_RTT_SECONDS, DEFAULT_ROUTE_FACTOR, RTT_SECONDS_PER_FIBRE_KM } from './link';
import { estimateMigration, type MigrationResult } from './migration';
import { WORKLOAD_PROFILES_TABLE } from './profiles';
import { streamThroughput } from './throughput';
import type { WorkloadProfile } from '../model';

/** QEMU and Xen page size (the qemu row reports dirty pages of 4 KiB). */
const PAGE_BYTES = 4096;
/** Xen enters stop-and-copy when fewer than 50 pages were sent in a round (docs/sources.md 2.1 (b)). */
const XEN_STOP_PAGES = 50;

interface Row {
  readonly id: string;
  readonly vm_memory_gb?: number | null;
  readonly link_gbps?: number | null;
  readonly rtt_ms?: number | null;
  readonly active_or_dirty?: string | null;
  readonly measured_total_s?: number | null;
  readonly measured_downtime_s?: number | string | null;
  readonly system?: string;
}

/** A row's mapping onto the model; fields left out come from the row itself. */
interface Mapping {
  readonly reading?: string;
  readonly memoryBytes?: number;
  readonly bytesPerSecond?: number;
  readonly bitsPerSecondLink?: number;
  readonly rttSeconds?: number;
  readonly dirtyRateBytesPerSecond?: number;
  readonly workload?: WorkloadProfile;
  readonly concurrentVms?: number;
  /** Pre-copy stop target of the system measured (vSphere 0.5 s when undefined). */
  readonly precopyStopSeconds?: number | 'xen';
  readonly note: string;
}

const HYPERV = 'Windows Server 2012 Hyper-V over 1 GbE LAN, plain TCP; "512 MB" VMs read as 512 MiB; workload idle (freshly created VMs); all VMs start together, concurrency = VM count, predicted total = one VM\'s time';
const OPNFV = 'QEMU with its downtime limit set to 10 ms as the pre-copy stop target; 10 GbE LAN; ';
const XEN_LAN = 'Xen stop rule (< 50 pages a round, so the residual ends at the hot set); link not recorded: ASSUMED 1 GbE LAN; VM size not recorded: ASSUMED 1 GiB (downtime does not depend on it here); ';

/** Mappings by row id. One row may have several readings (an ambiguous input: report each). */
export const MAPPINGS: Readonly<Record<string, readonly Mapping[]>> = {
  'hyperv2012-1gbe-1vm': [{ memoryBytes: 0.5 * BYTES_PER_GIB, workload: 'idle', concurrentVms: 1, note: HYPERV }],
  'hyperv2012-1gbe-10vm': [{ memoryBytes: 0.5 * BYTES_PER_GIB, workload: 'idle', concurrentVms: 10, note: HYPERV }],
  'hyperv2012-1gbe-20vm': [{ memoryBytes: 0.5 * BYTES_PER_GIB, workload: 'idle', concurrentVms: 20, note: HYPERV }],
  'kvm-opnfv-idle-baseline': [
    { reading: '8 GiB (text)', memoryBytes: 8 * BYTES_PER_GIB, workload: 'idle', precopyStopSeconds: 0.01, note: `${OPNFV}idle guest` },
    { reading: '1 GiB (-m 1G)', memoryBytes: 1 * BYTES_PER_GIB, workload: 'idle', precopyStopSeconds: 0.01, note: `${OPNFV}idle guest` },
  ],
  'kvm-opnfv-dpdk-baseline': [
    { reading: '8 GiB (text)', memoryBytes: 8 * BYTES_PER_GIB, dirtyRateBytesPerSecond: bytesPerSecondFromBits(2013e6), workload: 'moderate', precopyStopSeconds: 0.01, note: `${OPNFV}dirty rate = the 2013 Mbps packet stream into the guest (an upper bound: DPDK reuses its buffers)` },
    { reading: '1 GiB (-m 1G)', memoryBytes: 1 * BYTES_PER_GIB, dirtyRateBytesPerSecond: bytesPerSecondFromBits(2013e6), workload: 'moderate', precopyStopSeconds: 0.01, note: `${OPNFV}dirty rate = the 2013 Mbps packet stream into the guest (an upper bound: DPDK reuses its buffers)` },
  ],
  'qemu-hugepage-nonconverge': [
    {
      memoryBytes: 8 * BYTES_PER_GIB,
      bytesPerSecond: bytesPerSecondFromBits(866.83e6),
      dirtyRateBytesPerSecond: 39044 * PAGE_BYTES,
      workload: 'idle',
      precopyStopSeconds: 0.3,
      note: 'R = the measured 866.83 Mbps (link not stated); D = 39,044 pages/s x 4 KiB; QEMU stop target = its 300 ms downtime limit. Check: must not converge',
    },
  ],
  'clark-specweb-2005': [{ bitsPerSecondLink: 1e9, memoryBytes: BYTES_PER_GIB, workload: 'moderate', precopyStopSeconds: 'xen', note: `${XEN_LAN}SPECweb read as workload moderate` }],
  'clark-quake3-2005': [{ bitsPerSecondLink: 1e9, memoryBytes: BYTES_PER_GIB, workload: 'light', precopyStopSeconds: 'xen', note: `${XEN_LAN}Quake 3 server read as workload light` }],
  'vmturntable-amsterdam-sandiego': [
    {
      bitsPerSecondLink: 1e9,
      memoryBytes: BYTES_PER_GIB,
      // Amsterdam - San Diego great circle ~8,950 km (our arithmetic), default route factor.
      rttSeconds: 8950 * DEFAULT_ROUTE_FACTOR * RTT_SECONDS_PER_FIBRE_KM,
      workload: 'moderate',
      precopyStopSeconds: 'xen',
      note: 'Xen over a lightpath; link speed and RTT are in the unread paper body: ASSUMED 1 Gbps, RTT from ~8,950 km great circle x 1.5 route factor (134 ms), window not limiting (tuned lightpath); VM size ASSUMED 1 GiB; live application read as moderate',
    },
  ],
};

export interface CalibrationResult {
  readonly id: string;
  readonly reading?: string;
  readonly note: string;
  readonly measuredTotalSeconds?: number;
  readonly predictedTotalSeconds: number;
  /** (predicted - measured) / measured. */
  readonly totalError?: number;
  /** Measured downtime as [low, high] (equal for a single value). */
  readonly measuredDowntimeSeconds?: readonly [number, number];
  readonly predictedDowntimeSeconds: number;
  /** Relative error against the nearest end of the measured range (0 inside it). */
  readonly downtimeError?: number;
  readonly converges: boolean;
  readonly rho: number;
  readonly result: MigrationResult;
}

export interface Calibration {
  readonly results: CalibrationResult[];
  readonly unmapped: { readonly id: string; readonly reason: string }[];
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

function downtimeRange(v: unknown): [number, number] | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return [v, v];
  if (typeof v === 'string') {
    const m = /^\s*([\d.]+)\s*-\s*([\d.]+)\s*$/.exec(v);
    if (m) return [Number(m[1]), Number(m[2])];
    const n = Number(v);
    if (Number.isFinite(n)) return [n, n];
  }
  return undefined;
}

function relativeError(predicted: number, range: readonly [number, number]): number {
  if (predicted < range[0]) return (predicted - range[0]) / range[0];
  if (predicted > range[1]) return (predicted - range[1]) / range[1];
  return 0;
}

/** Generic mapping for a row without an entry in MAPPINGS: LAN when no RTT, idle if it says so. */
function genericMapping(row: Row): Mapping {
  const idle = /idle/i.test(row.active_or_dirty ?? '');
  return { workload: idle ? 'idle' : 'moderate', note: `generic: vm_memory_gb as GiB, link_gbps over TCP, rtt_ms or LAN, workload ${idle ? 'idle' : 'moderate (ASSUMED)'}` };
}

export function predictRow(row: Row, mapping: Mapping): CalibrationResult | string {
  const memoryBytes = mapping.memoryBytes ?? (num(row.vm_memory_gb) !== undefined ? (row.vm_memory_gb as number) * BYTES_PER_GIB : undefined);
  if (memoryBytes === undefined) {
    const missing = ['VM memory size', ...(num(row.link_gbps) === undefined ? ['link speed'] : []), ...(num(row.rtt_ms) === undefined ? ['RTT'] : [])];
    return `not mapped: no ${missing.join(', ')} in the row`;
  }
  const rttSeconds = mapping.rttSeconds ?? (num(row.rtt_ms) !== undefined ? secondsFromMilliseconds(row.rtt_ms as number) : DEFAULT_LAN_RTT_SECONDS);
  const linkBits = mapping.bitsPerSecondLink ?? (num(row.link_gbps) !== undefined ? (row.link_gbps as number) * 1e9 : undefined);
  const streams = mapping.concurrentVms ?? 1;
  let bytesPerSecond = mapping.bytesPerSecond;
  if (bytesPerSecond === undefined) {
    if (linkBits === undefined) return 'no link speed';
    bytesPerSecond = streamThroughput({
      transport: 'tcp',
      bandwidthBytesPerSecond: bytesPerSecondFromBits(linkBits),
      migrationShare: 1,
      concurrentStreams: streams,
      rttSeconds,
      lossFraction: 0,
      efficiency: DEFAULT_OPTIONS.tcpEfficiency,
      compressionRatio: 1,
    }).bytesPerSecond;
  }
  const profile = WORKLOAD_PROFILES_TABLE[mapping.workload ?? 'moderate'];
  const stop = mapping.precopyStopSeconds === 'xen' ? (XEN_STOP_PAGES * PAGE_BYTES) / bytesPerSecond : mapping.precopyStopSeconds;
  const storage: StorageStrategy = 'shared';
  const result = estimateMigration({
    memoryBytes,
    dirtyRateBytesPerSecond: mapping.dirtyRateBytesPerSecond ?? profile.dirtyRateBytesPerSecond,
    hotSetBytes: profile.hotSetBytes,
    storage,
    diskChangeRateBytesPerSecond: 0,
    rpoSeconds: 0,
    bytesPerSecond,
    rttSeconds,
    precopyStopSeconds: stop,
  });
  const measuredTotal = num(row.measured_total_s);
  const measuredDowntime = downtimeRange(row.measured_downtime_s);
  return {
    id: row.id,
    reading: mapping.reading,
    note: mapping.note,
    measuredTotalSeconds: measuredTotal,
    predictedTotalSeconds: result.totalSeconds,
    totalError: measuredTotal !== undefined ? (result.totalSeconds - measuredTotal) / measuredTotal : undefined,
    measuredDowntimeSeconds: measuredDowntime,
    predictedDowntimeSeconds: result.switchoverSeconds,
    downtimeError: measuredDowntime ? relativeError(result.switchoverSeconds, measuredDowntime) : undefined,
    converges: result.converges,
    rho: result.precopy.rho,
    result,
  };
}

/** Predicts every row of measurements.yaml that has enough data. */
export function calibrate(yamlText: string): Calibration {
  const doc = parseYaml(yamlText).document;
  const results: CalibrationResult[] = [];
  const unmapped: { id: string; reason: string }[] = [];
  if (!isSeq(doc.contents)) return { results, unmapped: [{ id: '(file)', reason: 'not a list of rows' }] };
  const rows = doc.toJS() as unknown[];
  for (const raw of rows) {
    if (typeof raw !== 'object' || raw === null || typeof (raw as Row).id !== 'string') continue;
    const row = raw as Row;
    const mappings = MAPPINGS[row.id] ?? [genericMapping(row)];
    if (num(row.measured_total_s) === undefined && downtimeRange(row.measured_downtime_s) === undefined && row.id !== 'qemu-hugepage-nonconverge') {
      unmapped.push({ id: row.id, reason: 'no measured total or downtime' });
      continue;
    }
    for (const m of mappings) {
      const r = predictRow(row, m);
      if (typeof r === 'string') unmapped.push({ id: row.id, reason: r });
      else results.push(r);
    }
  }
  return { results, unmapped };
}



function pct(error: number | undefined): string {
  if (error === undefined) return '';
  const rounded = Math.round(error * 100);
  return `${rounded > 0 ? '+' : ''}${rounded} %`;
}

function seconds(v: number | undefined): string {
  if (v === undefined) return '';
  return v >= 10 ? v.toFixed(1) : v >= 1 ? v.toFixed(2) : v.toFixed(3);
}

/** The calibration table in Markdown (docs/estimates.md carries a copy; a test keeps them equal). */
export function calibrationTable(cal: Calibration): string {
  const lines = [
    '| Row | Reading | Measured total (s) | Predicted total (s) | Error | Measured downtime (s) | Predicted downtime (s) | Error | rho | Converges |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of cal.results) {
    const dt = r.measuredDowntimeSeconds;
    const measuredDowntime = dt === undefined ? '' : dt[0] === dt[1] ? seconds(dt[0]) : `${seconds(dt[0])}-${seconds(dt[1])}`;
    lines.push(
      `| ${r.id} | ${r.reading ?? ''} | ${seconds(r.measuredTotalSeconds)} | ${seconds(r.predictedTotalSeconds)} | ${pct(r.totalError)} | ${measuredDowntime} | ${seconds(r.predictedDowntimeSeconds)} | ${pct(r.downtimeError)} | ${r.rho.toFixed(2)} | ${r.converges ? 'yes' : 'no'} |`,
    );
  }
  for (const u of cal.unmapped) lines.push(`| ${u.id} | ${u.reason} | | | | | | | | |`);
  return lines.join('\n');
}
