/**
 * The running wave's re-forecast in short words, for the status item (`runbook/validated`) and the
 * wave's code lens: the same figures as RB420 (engine/forecast/forecast.ts), times in the wave's offset.
 */
import type { ForecastSummary } from '../../../shared/src/protocol';
import { formatDuration } from '../../../shared/src/units/quantity';
import { clockText } from '../../../shared/src/units/time';
import type { Analysis } from '../engine/analyze';
import type { WaveForecast } from '../engine/forecast/forecast';

export function waveForecastSummary(f: WaveForecast, nowEpochMs: number): ForecastSummary {
  const at = (ms: number): string => clockText(ms, f.utcOffsetMinutes, f.windowStartEpochMs ?? f.plannedEndEpochMs);
  const pct = Math.round((f.pace - 1) * 100);
  const paceText = f.paceSource === 'plan' ? 'no finished move yet' : pct === 0 ? 'as planned' : `${Math.abs(pct)} % ${pct > 0 ? 'slower' : 'faster'} than planned`;
  const progress = [`${f.counts.done}/${f.vms.length} moved`];
  if (f.counts.running > 0) progress.push(`${f.counts.running} running`);
  if (f.counts.failed > 0) progress.push(`${f.counts.failed} failed`);
  const end = `${f.finished ? 'ended' : 'forecast end'} ${at(f.forecastEndEpochMs)}`;
  const endText = f.windowEndEpochMs === undefined ? end
    : f.overrunSeconds > 0 ? `${end}, ${formatDuration(f.overrunSeconds)} past the window (${at(f.windowEndEpochMs)})` : `${end}, inside the window (${at(f.windowEndEpochMs)})`;
  const decisionText = f.finished || f.decideByEpochMs === undefined ? undefined
    : f.decideByEpochMs < nowEpochMs ? `point of no return passed (${at(f.decideByEpochMs)})` : `decide on a rollback by ${at(f.decideByEpochMs)}`;
  return { wave: f.name, overrunSeconds: f.overrunSeconds, endText, paceText, progressText: progress.join(', '), decisionText };
}

/** The running wave's summary (else the last started wave's), or undefined without actuals. */
export function forecastSummary(analysis: Analysis): ForecastSummary | undefined {
  const forecast = analysis.forecast;
  if (!forecast) return undefined;
  const running = forecast.runningWaveIndex !== undefined ? forecast.waves.find((w) => w.index === forecast.runningWaveIndex) : undefined;
  const wave = running ?? [...forecast.waves].reverse().find((w) => w.started);
  return wave ? waveForecastSummary(wave, forecast.nowEpochMs) : undefined;
}
