/**
 * Named workload profiles: the stand-in when a VM does not state its dirty rate, hot set or disk
 * change rate. ASSUMPTIONS, not measurements: no source in docs/sources.md gives typical dirty rates per
 * workload class (docs/sources.md 2.6: downtime varies "by a factor of more than 23" with guest memory
 * patterns). The values only order the classes and keep the arithmetic honest; docs/estimates.md
 * says how to measure real ones (vSphere 8.0.2 stun-time API, QEMU `info migrate`, esxtop).
 */
import type { WorkloadProfile } from '../model';
import { BYTES_PER_MIB } from '../../../../shared/src/units/quantity';

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

const MB = 1e6;

/** The one table of workload assumptions (see docs/estimates.md, "Workload profiles"). */
export const WORKLOAD_PROFILES_TABLE: Readonly<Record<WorkloadProfile, WorkloadAssumption>> = {
  idle: { dirtyRateBytesPerSecond: 0.5 * MB, hotSetBytes: 1 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 0.05 * MB, meaning: 'powered-on guest with no service load' },
  light: { dirtyRateBytesPerSecond: 5 * MB, hotSetBytes: 4 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 0.5 * MB, meaning: 'web front end, small app server' },
  moderate: { dirtyRateBytesPerSecond: 25 * MB, hotSetBytes: 16 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 2 * MB, meaning: 'busy application server, mid-size database' },
  heavy: { dirtyRateBytesPerSecond: 100 * MB, hotSetBytes: 64 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 10 * MB, meaning: 'OLTP database, in-memory cache' },
  extreme: { dirtyRateBytesPerSecond: 400 * MB, hotSetBytes: 256 * BYTES_PER_MIB, diskChangeRateBytesPerSecond: 40 * MB, meaning: 'in-memory analytics, packet processing' },
};

export const DEFAULT_WORKLOAD: WorkloadProfile = 'moderate';
