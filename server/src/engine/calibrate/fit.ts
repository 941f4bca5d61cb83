/**
 * Fits a link's calibration to measured moves (docs/calibration.md). Each succeeded move gives its
 * measured duration d and, from the model (without any calibration), the time T its transfer takes
 * at the modelled rate (memory rounds and disk copy, with the pilot's sharing of the link). Least
 * squares on d = F + T / k gives the fixed time per migration F (checks, handshakes, stun,
 * completion) and k, the share of the modelled rate the link really delivers: expressed against
 * the model, it carries over to waves with another concurrency or a changed bandwidth, where the
 * model's rate moves and k stays. With fewer than two moves,
 * moves all of one size, or a fit that is not physical (R or F negative), only a scale factor is
 * fitted: measured / predicted as a ratio of sums, and the result says so. The spread is the largest
 * relative residual |predicted - measured| / measured after the fit: with few moves, the worst is
 * the honest range.
 */

export interface FitMove {
  readonly vmId: string;
  readonly measuredSeconds: number;
  /** The model's time for the move (no calibration). */
  readonly predictedSeconds: number;
  /** The part of the model's time that scales with the rate (memory rounds + disk copy). */
  readonly transferSeconds: number;
}

export type CalibrationFit =
  | { readonly kind: 'rate'; readonly rateFactor: number; readonly fixedSeconds: number; readonly spreadFraction: number; readonly moves: number }
  | { readonly kind: 'scale'; readonly scale: number; readonly spreadFraction: number; readonly moves: number; readonly why: string };

export function predictWithFit(fit: CalibrationFit, move: Pick<FitMove, 'predictedSeconds' | 'transferSeconds'>): number {
  return fit.kind === 'rate' ? fit.fixedSeconds + move.transferSeconds / fit.rateFactor : move.predictedSeconds * fit.scale;
}

/**
 * ASSUMPTION: with as many moves as fitted values (2), the fit passes through every move and its
 * residuals say nothing; the spread written is then at least this (and 5 % for a scale from 1 move).
 */
export const MIN_SPREAD_FEW_MOVES = 0.1;
export const MIN_SPREAD_ONE_MOVE = 0.05;

function spreadOf(fit: CalibrationFit, moves: readonly FitMove[]): number {
  let worst = 0;
  for (const m of moves) if (m.measuredSeconds > 0) worst = Math.max(worst, Math.abs(predictWithFit(fit, m) - m.measuredSeconds) / m.measuredSeconds);
  return worst;
}

export function fitCalibration(moves: readonly FitMove[]): CalibrationFit {
  const usable = moves.filter((m) => m.measuredSeconds > 0 && Number.isFinite(m.predictedSeconds) && m.predictedSeconds > 0);
  if (usable.length === 0) throw new Error('no measured move with a duration and a prediction to fit');
  const scaleFit = (why: string): CalibrationFit => {
    const scale = usable.reduce((s, m) => s + m.measuredSeconds, 0) / usable.reduce((s, m) => s + m.predictedSeconds, 0);
    const fit: CalibrationFit = { kind: 'scale', scale, spreadFraction: 0, moves: usable.length, why };
    const spread = spreadOf(fit, usable);
    return { ...fit, spreadFraction: usable.length === 1 ? Math.max(spread, MIN_SPREAD_ONE_MOVE) : spread };
  };
  if (usable.length < 2) return scaleFit('1 move: too few for a rate and a fixed time, so only a scale (measured / predicted)');
  const n = usable.length;
  const meanX = usable.reduce((s, m) => s + m.transferSeconds, 0) / n;
  const meanY = usable.reduce((s, m) => s + m.measuredSeconds, 0) / n;
  let sxx = 0;
  let sxy = 0;
  for (const m of usable) {
    sxx += (m.transferSeconds - meanX) ** 2;
    sxy += (m.transferSeconds - meanX) * (m.measuredSeconds - meanY);
  }
  // Transfers within 5 % of each other cannot separate a rate from a fixed time.
  if (sxx <= (0.05 * meanX) ** 2 * n) return scaleFit(`${n} moves of about the same size: a rate and a fixed time cannot be told apart, so only a scale`);
  const slope = sxy / sxx;
  const intercept = meanY - slope * meanX;
  if (!(slope > 0) || intercept < 0) return scaleFit(`the least-squares line is not physical (${slope > 0 ? 'negative fixed time' : 'time falls with size'}), so only a scale`);
  const fit: CalibrationFit = { kind: 'rate', rateFactor: 1 / slope, fixedSeconds: intercept, spreadFraction: 0, moves: n };
  const spread = spreadOf(fit, usable);
  return { ...fit, spreadFraction: n <= 2 ? Math.max(spread, MIN_SPREAD_FEW_MOVES) : spread };
}
