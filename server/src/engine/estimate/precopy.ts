/**
 * Iterative memory pre-copy (docs/sources.md 2.2), with vSphere's stop rule (1.6) and Xen's caps (2.1):
 *   V_0 = M;  round i sends V_i in t_i = V_i / R;  V_{i+1} = min(M, max(D x t_i, W))
 * where W is the writable working set (hot set): pages rewritten so often that the residual never
 * falls below it (Clark's WWS, docs/sources.md 2.1-2.2). Pre-copy stops when the residual can be sent in
 * `stopSeconds` (vSphere: 0.5 s), when it stops shrinking (it has reached the hot set), or at Xen's
 * caps: 29 rounds or 3 x M sent (DEF_MAX_ITERS, DEF_MAX_FACTOR; the volume cap is applied in its
 * continuous form so that more dirtying never shortens the estimate). The residual then crosses during the
 * switchover. With D >= R the dirty set never shrinks: the estimate assumes no guest throttling (no
 * SDPS, docs/sources.md 1.6), runs to the caps and reports converges = false.
 */
import { PRECOPY_STOP_SECONDS } from '../vsphere';

/** Xen: "limit us to 30 times round loop" (DEF_MAX_ITERS = 29, docs/sources.md 2.1). */
export const MAX_PRECOPY_ROUNDS = 29;
/** Xen: stop once more than 3 x guest memory has been sent (DEF_MAX_FACTOR = 3, docs/sources.md 2.1). */
export const MAX_SENT_FACTOR = 3;

export type PrecopyStop = 'target' | 'hot-set' | 'round-cap' | 'volume-cap' | 'nothing';

export interface PrecopyInput {
  readonly memoryBytes: number;
  readonly dirtyRateBytesPerSecond: number;
  readonly hotSetBytes: number;
  readonly bytesPerSecond: number;
  /** Residual send time at which pre-copy stops (vSphere 0.5 s; QEMU uses its downtime limit). */
  readonly stopSeconds?: number;
}

export interface PrecopyResult {
  readonly rounds: number;
  /** Time of all rounds before the stun. */
  readonly seconds: number;
  readonly bytesSent: number;
  /** Bytes left for the stop-and-copy. */
  readonly residualBytes: number;
  readonly converges: boolean;
  readonly stop: PrecopyStop;
  /** D / R. */
  readonly rho: number;
}

export function precopy(input: PrecopyInput): PrecopyResult {
  const m = Math.max(0, input.memoryBytes);
  const r = input.bytesPerSecond;
  const d = Math.max(0, input.dirtyRateBytesPerSecond);
  const rho = r > 0 ? d / r : Infinity;
  if (m === 0 || !(r > 0)) return { rounds: 0, seconds: 0, bytesSent: 0, residualBytes: 0, converges: m === 0, stop: 'nothing', rho };
  const stopBytes = r * (input.stopSeconds ?? PRECOPY_STOP_SECONDS);
  const floor = d > 0 ? Math.min(Math.max(0, input.hotSetBytes), m) : 0;
  // Rounds until the target, the hot set, or the 29-round cap.
  let v = m;
  let sent = 0;
  let rounds = 0;
  let roundsTo3M = 0;
  let next = 0;
  let stop: PrecopyStop;
  for (;;) {
    sent += v;
    rounds++;
    if (roundsTo3M === 0 && sent >= MAX_SENT_FACTOR * m) roundsTo3M = rounds;
    next = Math.min(m, Math.max(d * (v / r), floor));
    if (next <= stopBytes) stop = 'target';
    else if (rho < 1 && next >= v) stop = 'hot-set';
    else if (rounds >= MAX_PRECOPY_ROUNDS) stop = 'round-cap';
    else {
      v = next;
      continue;
    }
    break;
  }
  // The 3 x M volume cap, taken continuously so that the estimate stays monotone in D and R: the
  // geometric residual when 3M have been sent is M - 3M(1 - rho) = M(3 rho - 2), at least the hot
  // set, at most M. Xen stops at whichever limit comes first, so the smaller total wins.
  const cappedResidual = Math.min(m, Math.max(floor, m * Math.max(0, 3 * rho - 2)));
  if (MAX_SENT_FACTOR * m + cappedResidual < sent + next) {
    const capRounds = roundsTo3M > 0 ? roundsTo3M : rounds;
    return { rounds: capRounds, seconds: (MAX_SENT_FACTOR * m) / r, bytesSent: MAX_SENT_FACTOR * m, residualBytes: cappedResidual, converges: false, stop: 'volume-cap', rho };
  }
  const converges = rho < 1 && (stop === 'target' || stop === 'hot-set');
  return { rounds, seconds: sent / r, bytesSent: sent, residualBytes: next, converges, stop, rho };
}
