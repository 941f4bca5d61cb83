/**
 * A link's calibration from measured moves (docs/calibration.md): where a link has `calibration:`,
 * each migration on it takes the fitted fixed time plus its bytes at the fitted effective rate (or,
 * fitted from too few moves for two parameters, the model's time times the measured scale). The
 * fitted rate follows the link's bandwidth when it changed since (new / measured), so more bandwidth
 * is never slower; RB410 says the calibration no longer matches. The range narrows to the measured
 * spread (low = t x (1 - spread), high = t x (1 + spread); an unknown disk size keeps it open).
 */
import type { Link, LinkCalibration } from '../model';
import { formatByteRate, formatBytes, formatDuration } from '../../../../shared/src/units/quantity';
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
  return c.throughputBytesPerSecond !== undefined && c.throughputBytesPerSecond.value > 0 && c.fixedSeconds !== undefined;
}

/** Where the numbers come from, in the words of the hover. */
export function calibrationSourceText(c: LinkCalibration): string {
  const moves = c.moves !== undefined ? `${c.moves} pilot move${c.moves === 1 ? '' : 's'}` : 'measured moves';
  const when = c.measuredEpochMs ? `, ${dateText(c.measuredEpochMs.value, 0)}` : '';
  return `calibrated from ${moves}${when}, ±${Math.round(c.spreadFraction * 100)} %`;
}

export function calibrate(result: MigrationResult, highSeconds: number, link: Link, c: LinkCalibration): CalibratedTimes {
  const bandwidthNow = link.bandwidthBytesPerSecond?.value;
  const bandwidthThen = c.asMeasured.bandwidthBytesPerSecond?.value;
  const bandwidthRatio = bandwidthNow !== undefined && bandwidthThen !== undefined && bandwidthThen > 0 ? bandwidthNow / bandwidthThen : 1;
  let total: number;
  let how: string;
  if (c.scale !== undefined) {
    // The model already follows the link's bandwidth; the scale corrects what it misses.
    total = result.totalSeconds * c.scale.value;
    how = `the model's ${formatDuration(result.totalSeconds)} x ${c.scale.value.toFixed(2)} (measured / predicted)`;
  } else {
    const rate = (c.throughputBytesPerSecond?.value ?? 1) * bandwidthRatio;
    const fixed = c.fixedSeconds?.value ?? 0;
    total = fixed + result.bytesSent / rate;
    how = `${formatDuration(fixed)} fixed + ${formatBytes(result.bytesSent)} at ${formatByteRate(rate)}${bandwidthRatio !== 1 ? ` (fitted rate x ${bandwidthRatio.toFixed(2)}: the bandwidth changed since)` : ''}`;
  }
  // Scale the phases the schedule draws so they add up to the calibrated time; the stun stays the model's.
  const moving = result.totalSeconds - result.switchoverSeconds;
  const f = moving > 0 ? Math.max(0, total - result.switchoverSeconds) / moving : 1;
  const scaled: MigrationResult = {
    ...result,
    setupSeconds: result.setupSeconds * f,
    completionSeconds: result.completionSeconds * f,
    memorySeconds: result.memorySeconds * f,
    disk: { ...result.disk, diskSeconds: result.disk.diskSeconds * f, copySeconds: result.disk.copySeconds * f },
    totalSeconds: moving > 0 ? result.switchoverSeconds + moving * f : total,
    describe: result.describe,
  };
  const t = scaled.totalSeconds;
  return {
    result: scaled,
    lowSeconds: t * (1 - c.spreadFraction),
    highSeconds: Number.isFinite(highSeconds) ? Math.max(t, t * (1 + c.spreadFraction)) : Infinity,
    line: `Calibration of link '${link.id}': ${calibrationSourceText(c)}${c.source ? ` (${c.source})` : ''}: ${how} = ${formatDuration(t)}`,
    driver: `link calibration spread ±${Math.round(c.spreadFraction * 100)} %`,
  };
}
