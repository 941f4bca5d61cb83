/**
 * A link's calibration from measured moves (docs/calibration.md): where a link has `calibration:`,
 * each migration on it takes the fitted fixed time plus the model's transfer time (memory rounds
 * and disk copy, at the modelled rate with this wave's sharing) divided by the fitted rate factor;
 * or, fitted from too few moves for two values, the model's time times the measured scale. Being
 * relative to the model, it follows the model when the bandwidth or the concurrency changes (more
 * bandwidth is never slower); RB410 says when the link no longer is what was measured. The range
 * narrows to the measured spread (low = t x (1 - spread), high = t x (1 + spread); an unknown disk
 * size keeps it open).
 */
import type { Link, LinkCalibration } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { dateText } from '../../../../shared/src/units/time';
import type { MigrationResult } from './migration';

export interface CalibratedTimes {
  readonly result: MigrationResult;
  readonly lowSeconds: number;
  readonly highSeconds: number;
  /** For the hover: "calibrated from 6 pilot moves, 2026-11-30, ±9 %: ...". */
  readonly line: string;
  readonly driver: string;
}

/** True when the calibration has what estimates need (a rate and a fixed time, or a scale). */
export function usableCalibration(c: LinkCalibration | undefined): c is LinkCalibration {
  if (!c) return false;
  if (c.scale !== undefined) return c.scale.value > 0;
  return c.rateFactor !== undefined && c.rateFactor.value > 0 && c.fixedSeconds !== undefined;
}

/** Where the numbers come from, in the words of the hover. */
export function calibrationSourceText(c: LinkCalibration): string {
  const moves = c.moves !== undefined ? `${c.moves} pilot move${c.moves === 1 ? '' : 's'}` : 'measured moves';
  const when = c.measuredEpochMs ? `, ${dateText(c.measuredEpochMs.value, 0)}` : '';
  return `calibrated from ${moves}${when}, ±${Math.round(c.spreadFraction * 100)} %`;
}

/** The part of a model time that scales with the rate: everything but setup, stun and completion. */
export function transferSecondsOf(r: Pick<MigrationResult, 'totalSeconds' | 'setupSeconds' | 'completionSeconds' | 'switchoverSeconds'>): number {
  return Math.max(0, r.totalSeconds - r.setupSeconds - r.completionSeconds - r.switchoverSeconds);
}

export function calibrate(result: MigrationResult, highSeconds: number, link: Link, c: LinkCalibration): CalibratedTimes {
  const transfer = transferSecondsOf(result);
  const fixedModel = result.totalSeconds - transfer;
  let total: number;
  let how: string;
  let f: number;
  let fixedF: number;
  if (c.scale !== undefined) {
    total = result.totalSeconds * c.scale.value;
    how = `the model's ${formatDuration(result.totalSeconds)} x ${c.scale.value.toFixed(2)} (measured / predicted)`;
    f = c.scale.value;
    fixedF = c.scale.value;
  } else {
    const k = c.rateFactor?.value ?? 1;
    const fixed = c.fixedSeconds?.value ?? fixedModel;
    total = fixed + transfer / k;
    how = `${formatDuration(fixed)} fixed + the model's transfer ${formatDuration(transfer)} / ${k.toFixed(2)} (the link gives ${Math.round(k * 100)} % of the modelled rate)`;
    f = 1 / k;
    // The fitted fixed time includes the stun: the setup and completion take what is left of it.
    const around = result.setupSeconds + result.completionSeconds;
    fixedF = around > 0 ? Math.max(0, fixed - result.switchoverSeconds) / around : 1;
  }
  // The phases the schedule draws, scaled so they add up to the calibrated time (the stun stays).
  const scaled: MigrationResult = {
    ...result,
    setupSeconds: result.setupSeconds * fixedF,
    completionSeconds: result.completionSeconds * fixedF,
    memorySeconds: result.memorySeconds * f,
    disk: { ...result.disk, diskSeconds: result.disk.diskSeconds * f, copySeconds: result.disk.copySeconds * f },
    totalSeconds: total,
    describe: result.describe,
  };
  return {
    result: scaled,
    lowSeconds: total * (1 - c.spreadFraction),
    highSeconds: Number.isFinite(highSeconds) ? total * (1 + c.spreadFraction) : Infinity,
    line: `Calibration of link '${link.id}': ${calibrationSourceText(c)}${c.source ? ` (${c.source})` : ''}: ${how} = ${formatDuration(total)}`,
    driver: `link calibration spread ±${Math.round(c.spreadFraction * 100)} %`,
  };
}
