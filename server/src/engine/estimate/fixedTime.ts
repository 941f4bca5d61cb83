/**
 * Fixed time per migration: the setup before the first byte (pre-checks, creating the destination
 * VM, handshakes) and the completion after the switchover (registering the VM at the destination,
 * cleaning up the source, closing the task), by kind of move, each growing with the RTT because
 * their control round trips cross the link.
 *
 *   setup      = SETUP_BASE[kind]      + SETUP_ROUND_TRIPS[kind]      x RTT
 *   completion = COMPLETION_BASE[kind] + COMPLETION_ROUND_TRIPS[kind] x RTT
 *
 * No VMware document publishes these phases. ASSUMPTIONS, chosen from measurements
 * (docs/estimates.md "Fixed time", measurements.yaml):
 * - same vCenter: base setup + completion = 5.0 s at 20 ms RTT (3.5 s + 1.5 s + 30 RTT = 5.6 s).
 *   CHOSEN on the F5 1 Gbps / 20 ms pair (plain 158 s, WAN-optimized 38 s: two equations in the
 *   memory sent and the fixed time give ~3.8 GB and ~5.8 s); CHECKED on the F5 T3 / 100 ms plain
 *   row (823 s), which it did not see. The split into setup and completion (70 / 30) and the round
 *   trip counts (20 + 10) are assumptions of magnitude: a handful of vCenter / host exchanges each way.
 * - cross-vCenter: twice the same-vCenter figures (two inventories, two sets of checks; no
 *   measurement, a wide range).
 * - HCX (a vMotion through an appliance path: to the local proxy host, across the tunnel, to the
 *   destination, docs/sources.md 5.2): ten times (no measurement, a wide range).
 * The range (low, high) around the likely value: x 0.5 and x 3, from the spread of small-VM
 * end-to-end times (the reviewer: "several seconds, up to ~18 s" for 0.5-4 GiB VMs).
 */
export type MoveKind = 'same-vcenter' | 'cross-vcenter' | 'hcx';

export type Level = 'low' | 'likely' | 'high';

interface FixedTimeRow {
  readonly setupBaseSeconds: number;
  readonly setupRoundTrips: number;
  readonly completionBaseSeconds: number;
  readonly completionRoundTrips: number;
  readonly source: string;
}

const SAME: FixedTimeRow = {
  setupBaseSeconds: 3.5,
  setupRoundTrips: 20,
  completionBaseSeconds: 1.5,
  completionRoundTrips: 10,
  source: 'ASSUMPTION chosen on the F5 1 Gbps pair, checked on the F5 T3 row (docs/estimates.md)',
};

export const FIXED_TIME: Readonly<Record<MoveKind, FixedTimeRow>> = {
  'same-vcenter': SAME,
  'cross-vcenter': {
    setupBaseSeconds: 2 * SAME.setupBaseSeconds,
    setupRoundTrips: 2 * SAME.setupRoundTrips,
    completionBaseSeconds: 2 * SAME.completionBaseSeconds,
    completionRoundTrips: 2 * SAME.completionRoundTrips,
    source: 'ASSUMPTION: twice the same-vCenter figures (no measurement)',
  },
  hcx: {
    setupBaseSeconds: 10 * SAME.setupBaseSeconds,
    setupRoundTrips: 3 * SAME.setupRoundTrips,
    completionBaseSeconds: 10 * SAME.completionBaseSeconds,
    completionRoundTrips: 3 * SAME.completionRoundTrips,
    source: 'ASSUMPTION: ten times the same-vCenter base, three legs of round trips (no measurement)',
  },
};

/** Multipliers of the base for the ends of the range (see the header). */
export const FIXED_TIME_RANGE: Readonly<Record<Level, number>> = { low: 0.5, likely: 1, high: 3 };

export interface FixedTime {
  readonly setupSeconds: number;
  readonly completionSeconds: number;
}

export function fixedTime(kind: MoveKind, rttSeconds: number, level: Level = 'likely'): FixedTime {
  const row = FIXED_TIME[kind];
  const f = FIXED_TIME_RANGE[level];
  const rtt = Math.max(0, rttSeconds);
  return {
    setupSeconds: f * row.setupBaseSeconds + row.setupRoundTrips * rtt,
    completionSeconds: f * row.completionBaseSeconds + row.completionRoundTrips * rtt,
  };
}
