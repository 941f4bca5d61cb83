/**
 * Named workload profiles: the stand-in when a VM does not state its dirty rate, hot set or disk
 * change rate. ASSUMPTIONS, not measurements: no source in docs/sources.md gives typical dirty rates per
 * workload class (docs/sources.md 2.6: downtime varies "by a factor of more than 23" with guest memory
 * patterns). The values only order the classes and keep the arithmetic honest; docs/estimates.md
 * says how to measure real ones (vSphere 8.0.2 stun-time API, QEMU `info migrate`, esxtop).
 */
import type { DatastoreTypes, WorkloadProfile } from '../model';
import { BYTES_PER_MIB } from '../../../../shared/src/units/quantity';
import type { Level } from './fixedTime';

const MB = 1e6;

export interface WorkloadAssumption {
  /** Unique guest pages written per second (bytes/s). */
  readonly dirtyRateBytesPerSecond: number;
  /** Writable working set: pages rewritten faster than pre-copy can send them (docs/sources.md 2.1, 2.2). */
  readonly hotSetBytes: number;
  /** Disk blocks written per second, for Storage vMotion iteration and replication deltas. */
  readonly diskChangeRateBytesPerSecond: number;
  /** What the class means, for hovers and docs. */
  readonly meaning: string;
}

/** The one table of workload assumptions (see docs/estimates.md, "Workload profiles"). */
export const WORKLOAD_PROFILES_TABLE: Readonly<Record<WorkloadProfile, WorkloadAssumption>> = {
  idle: { dirtyRateBytesPerSecond: 0.5 * MB, hotSetBytes: 1 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 0.05 * MB, meaning: 'powered-on guest with no service load' },
  light: { dirtyRateBytesPerSecond: 5 * MB, hotSetBytes: 4 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 0.5 * MB, meaning: 'web front end, small app server' },
  moderate: { dirtyRateBytesPerSecond: 25 * MB, hotSetBytes: 16 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 2 * MB, meaning: 'busy application server, mid-size database' },
  heavy: { dirtyRateBytesPerSecond: 100 * MB, hotSetBytes: 64 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 10 * MB, meaning: 'OLTP database, in-memory cache' },
  extreme: { dirtyRateBytesPerSecond: 400 * MB, hotSetBytes: 256 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 40 * MB, meaning: 'in-memory analytics, packet processing' },
};

/**
 * A VM with neither `dirty_rate` nor a workload (its own or `defaults.workload`) is a wide range, not
 * one profile. ASSUMPTION: idle (low) to heavy (high); likely `light`, because `moderate` (25 MB/s)
 * over-predicted a reviewer's 1 GbE drain by ~50 % (issue 13) and no measurement supports more.
 */
export const UNKNOWN_WORKLOAD: Readonly<Record<Level, WorkloadProfile>> = { low: 'idle', likely: 'light', high: 'heavy' };

/** The profile a VM with no stated workload is estimated with (the likely end of UNKNOWN_WORKLOAD). */
export const DEFAULT_WORKLOAD: WorkloadProfile = UNKNOWN_WORKLOAD.likely;

/**
 * Share of configured memory actually sent when `active_memory` is not given: vMotion does not send
 * pages the guest never touched (zero pages). ASSUMPTIONS chosen on measurements.yaml:
 * - likely 0.8: CHOSEN on the Hyper-V 10- and 20-VM rows, where the 1 GbE link was saturated, so
 *   the bytes sent are known: 37 s x 118.75 MB/s / 5.37 GB = 0.82, 77 s x 118.75 MB/s / 10.7 GB = 0.85.
 * - low 0.05: a freshly booted idle guest. The KVM idle row read as 8 GiB (2.07 s at 10 GbE) sends
 *   at most 0.29; an idle 8 GiB guest measured under a second (issue 13) at most ~0.1.
 * - high 1.0: every page touched (the configured memory).
 */
export const ACTIVE_MEMORY_FRACTION: Readonly<Record<Level, number>> = { low: 0.05, likely: 0.8, high: 1 };

/**
 * Storage-side ceiling of a Storage vMotion copy (the host data mover, no VAAI offload between
 * sites): between different datastore types "~500-700 MB/s ... though the physical NIC speed is
 * higher" (Broadcom KB 431479, docs/sources.md 1.7): low end of the time = 700, likely 600, high = 500.
 * Same type: the KB says cross-type is "multiple times slower" than same-type. ASSUMPTION: twice
 * (the least "multiple" can mean): 1,000-1,400 MB/s. Unknown types: the cross-type range.
 */
export const DATA_MOVER_BYTES_PER_SECOND: Readonly<Record<DatastoreTypes, Readonly<Record<Level, number>>>> = {
  different: { low: 700 * MB, likely: 600 * MB, high: 500 * MB },
  same: { low: 1400 * MB, likely: 1200 * MB, high: 1000 * MB },
};
