/** Result shapes of the estimator and the scheduler. Times are epoch milliseconds or seconds, as named. */
import type { StepKind, StorageStrategy, Transport } from '../model';

export type ThroughputLimit = 'link-share' | 'window' | 'loss' | 'stream-cap' | 'host-nic' | 'unknown';

export interface LinkEstimate {
  readonly linkId: string;
  readonly rttSeconds: number;
  /** How the RTT was obtained, in words (given, or derived from distance with the factors). */
  readonly rttSource: string;
  readonly rttDerived: boolean;
  readonly bandwidthBytesPerSecond?: number;
  readonly usableBytesPerSecond?: number;
  /** Bandwidth-delay product in bytes (what must be in flight to fill the link). */
  readonly bandwidthDelayProductBytes?: number;
  /** Per-stream throughput if the link carried plain TCP, and through a WAN optimizer. */
  readonly perStream: Readonly<Record<Transport, ThroughputEstimate>>;
}

export interface ThroughputEstimate {
  /** Payload rate of one migration stream, after efficiency. */
  readonly bytesPerSecond: number;
  readonly limitedBy: ThroughputLimit;
  /** The limiting factor in words with numbers, e.g. `window-limited: 4 MiB / 72 ms RTT = 58 MB/s`. */
  readonly explanation: string;
  readonly linkShareBytesPerSecond?: number;
  readonly windowBytesPerSecond?: number;
  readonly lossBytesPerSecond?: number;
  /** This migration's share of its host's vmknic CPU ceiling (KB 323379). */
  readonly streamCapBytesPerSecond?: number;
  /** This migration's share of its host's vMotion NIC(s), payload rate. */
  readonly hostNicBytesPerSecond?: number;
  readonly efficiency: number;
  readonly concurrentStreams: number;
  /** WAN-optimizer compression credited (1 = none: plain TCP, or encrypted vMotion). */
  readonly compressionRatio?: number;
}

export interface VmEstimate {
  readonly vmId: string;
  readonly waveIndex?: number;
  readonly storage: StorageStrategy;
  readonly throughput: ThroughputEstimate;
  readonly memoryBytes: number;
  readonly dirtyRateBytesPerSecond: number;
  /** Where the dirty rate came from: "given", or the workload profile used. */
  readonly dirtyRateSource: string;
  readonly rounds: number;
  readonly converges: boolean;
  readonly setupSeconds: number;
  /** After the switchover: registering at the destination, source clean-up, task completion (fixedTime.ts). */
  readonly completionSeconds: number;
  /** Iterative memory pre-copy (all rounds before the stun). */
  readonly memorySeconds: number;
  readonly switchoverSeconds: number;
  /** Disk bytes moved inside the window (full copy, or the final replication delta). */
  readonly diskBytes: number;
  readonly diskSeconds: number;
  /** Replica seed before the window (replication-async), else 0. */
  readonly seedSeconds: number;
  readonly totalSeconds: number;
  readonly bytesSent: number;
  /** The limiting factor in words. */
  readonly limitedBy: string;
  /** The formula in words and numbers, line by line, for hovers. */
  readonly explanation: readonly string[];
  /** True when an input was missing and a default stood in (named in `explanation`). */
  readonly usedDefaults: boolean;
  /** Writable working set used (given or from the workload profile). */
  readonly hotSetBytes?: number;
  /** Memory left for the stop-and-copy. */
  readonly residualBytes?: number;
  /** Why pre-copy stopped: target reached, stuck at the hot set, Xen round/volume cap, or nothing to copy. */
  readonly precopyStop?: 'target' | 'hot-set' | 'round-cap' | 'volume-cap' | 'nothing';
  readonly memoryConverges?: boolean;
  readonly diskConverges?: boolean;
  /** False when no throughput could be estimated (no link or no bandwidth): times are not meaningful. */
  readonly estimable?: boolean;
  /** The link the estimate used. */
  readonly linkId?: string;
  /**
   * The range of `totalSeconds` (the likely value) from what the runbook leaves open: workload,
   * active memory, fixed time, data mover, SDPS throttle, vGPU copy. `highSeconds` is Infinity when
   * a needed input is missing (a disk size): the range is open (JSON null).
   */
  readonly lowSeconds: number;
  readonly highSeconds: number;
  readonly switchoverLowSeconds: number;
  readonly switchoverHighSeconds: number;
  /** What drives the range, in words. */
  readonly rangeDrivers: readonly string[];
  /** storage-vmotion or replication-async without a disk size: the disk time is unknown. */
  readonly diskUnknown: boolean;
  /** vMotion encrypted (6.5+ opportunistic by default): no WAN-optimizer compression. */
  readonly encrypted: boolean;
  readonly moveKind: 'same-vcenter' | 'cross-vcenter' | 'hcx';
  /** SDPS engaged: the guest ran at this fraction of its speed during pre-copy. */
  readonly sdpsGuestSpeed?: number;
  /** vGPU frame buffer copy inside the switchover, seconds. */
  readonly vgpuSeconds: number;
}

export type PhaseKind = 'seed' | 'disk' | 'memory' | 'switchover';

export interface Phase {
  readonly kind: PhaseKind;
  readonly startEpochMs: number;
  readonly endEpochMs: number;
}

export interface ScheduledVm {
  readonly vmId: string;
  readonly waveIndex: number;
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  readonly phases: readonly Phase[];
  /** What this VM waited for before it could start: a dependency's id, or undefined. */
  readonly waitedFor?: string;
  /** The VM whose end freed the slot this VM started in, when it waited for a free slot. */
  readonly waitedForSlotOf?: string;
  /** Why it started when it did, in words. */
  readonly startReason?: string;
  /** Migrations of the wave running once this one had started (itself included): the link is shared by them. */
  readonly streamsAtStart?: number;
}

/** A `before` or `after` step placed in the wave, in the best and the worst case. */
export interface ScheduledStep {
  readonly stepId: string;
  readonly waveIndex: number;
  readonly phase: 'before' | 'after';
  readonly kind: StepKind;
  readonly owner?: string;
  readonly title?: string;
  readonly bestStartEpochMs: number;
  readonly bestEndEpochMs: number;
  readonly worstStartEpochMs: number;
  readonly worstEndEpochMs: number;
  /** What it waits for, in words: step or VM ids, "the wave start", "every migration of the wave". */
  readonly waitsFor: readonly string[];
  /** Copies of a `per_vm` step (one per VM of the wave). */
  readonly instances?: number;
}

/** Rolling a wave back to the source from its last point (and the curve over the wave). */
export interface RollbackEstimate {
  /** The last point: the wave's worst-case end. */
  readonly fromEpochMs: number;
  /** Reverse migration of every moved VM plus the rollback steps (worst case). */
  readonly seconds: number;
  readonly reverseMigrationSeconds: number;
  readonly stepsSeconds: number;
  readonly vmsMoved: number;
  /** When rolling back from the last point ends. */
  readonly endEpochMs: number;
  /** Rollback time from points of the wave (the migrations' start, after switchovers, the last point). */
  readonly points: readonly { readonly atEpochMs: number; readonly seconds: number; readonly vmsMoved: number }[];
  /** Rollback steps relative to their own start (after the reverse migration). */
  readonly steps: readonly { readonly stepId: string; readonly startSeconds: number; readonly endSeconds: number }[];
  /** Latest moment a rollback still ends inside the window; undefined without a window or when none does. */
  readonly pointOfNoReturnEpochMs?: number;
}

export interface WaveSchedule {
  readonly index: number;
  readonly name: string;
  readonly linkId?: string;
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  readonly durationSeconds: number;
  readonly windowStartEpochMs?: number;
  readonly windowSeconds?: number;
  readonly utcOffsetMinutes: number;
  readonly fits?: boolean;
  /** Seconds past the window's end (0 when it fits or has no window). */
  readonly overrunSeconds: number;
  readonly concurrency: number;
  readonly vms: readonly ScheduledVm[];
  /** How the start was chosen: the window, the previous wave's end, or T+0. */
  readonly startSource?: 'window' | 'previous-wave' | 'plan-start' | 'origin';
  /** VMs listed but not scheduled here, with the reason (unknown id, already in an earlier wave). */
  readonly skipped?: readonly { readonly vmId: string; readonly reason: string }[];
  /** Scheduling notes: ignored dependencies, cycles broken. */
  readonly notes?: readonly string[];
  /**
   * With steps: `endEpochMs`, `durationSeconds` and `overrunSeconds` are the best case (every step
   * at the low end of its range); these are the worst case, on which `fits` is judged. Without
   * steps (or without ranges) they equal the best case.
   */
  readonly worstEndEpochMs?: number;
  readonly worstDurationSeconds?: number;
  readonly worstOverrunSeconds?: number;
  /** When the migrations start (after every `before` step), best case. */
  readonly migrationsStartEpochMs?: number;
  /** The wave's `before` and `after` steps, in list order (before first). */
  readonly steps?: readonly ScheduledStep[];
  readonly rollback?: RollbackEstimate;
  /**
   * The range of the wave: its migrations scheduled with every VM at the low end of its range
   * (steps at their best case) and at the high end (steps at their worst case). The high end is
   * Infinity when a VM's range is open (unknown disk size). The window check: RB206 when even the
   * low end overruns, RB220 when the high end does.
   */
  readonly lowEndEpochMs?: number;
  readonly highEndEpochMs?: number;
  readonly lowDurationSeconds?: number;
  readonly highDurationSeconds?: number;
  readonly lowOverrunSeconds?: number;
  readonly highOverrunSeconds?: number;
}

export interface PlanSchedule {
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  readonly totalSeconds: number;
  readonly fits: boolean;
  readonly criticalPath: readonly string[];
  readonly waves: readonly WaveSchedule[];
  readonly deadlineEpochMs?: number;
  /**
   * False when the plan ends after `deadline`; undefined without a deadline, and when nothing
   * anchors the schedule (then the end is not a date and the deadline cannot be checked).
   */
  readonly meetsDeadline?: boolean;
  /** The plan's range: from the waves' low and high ends (Infinity when a range is open). */
  readonly lowTotalSeconds: number;
  readonly highTotalSeconds: number;
  readonly lowEndEpochMs: number;
  readonly highEndEpochMs: number;
  /**
   * False when neither the plan's `start` nor any wave window gives a date: times then count from
   * the Unix epoch as T+0 and only durations mean anything (RB214).
   */
  readonly anchored?: boolean;
}

export interface PlanEstimate {
  readonly links: ReadonlyMap<string, LinkEstimate>;
  readonly vms: ReadonlyMap<string, VmEstimate>;
  readonly schedule: PlanSchedule;
}
