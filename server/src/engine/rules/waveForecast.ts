/**
 * RB420: the re-forecast of a wave that is running (or ran) from the plan's actuals file
 * (forecast/forecast.ts; docs/estimates.md, "Re-forecast"). Information while the forecast end fits
 * the window, a warning when it overruns; both say how much slower or faster than planned the wave
 * runs, its progress, and the time by which to decide on a rollback (the window's end minus the
 * rollback at the observed pace). The model is the project's own: measured moves calibrate the rest.
 */
import type { Finding } from '../findings';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { clockAt } from './support/stepLookup';

export const waveForecast: Rule = {
  code: 'RB420',
  title: 'Re-forecast of a running wave',
  source: 'docs/sources.md 0 (maintenance windows) and 8.1 (the recorded tasks); the re-forecast model is the project\'s own (docs/estimates.md, Re-forecast)',
  check({ model, forecast }) {
    if (!forecast) return [];
    const findings: Finding[] = [];
    const waves = new Map(model.waves.map((w) => [w.index, w]));
    for (const f of forecast.waves) {
      const wave = waves.get(f.index);
      if (!wave || !f.started) continue;
      const day = f.windowStartEpochMs ?? f.plannedEndEpochMs;
      const at = (ms: number): string => clockAt(ms, f.utcOffsetMinutes, day);
      const total = f.vms.length;
      const progress = [`${f.counts.done} of ${total} VM${total === 1 ? '' : 's'} moved`];
      if (f.counts.running > 0) progress.push(`${f.counts.running} running`);
      if (f.counts.failed > 0) progress.push(`${f.counts.failed} failed (${f.vms.filter((v) => v.progress === 'failed').map((v) => v.vmId).join(', ')}; ${f.finished ? 'not moved' : `${f.counts.failed === 1 ? 'its retry is' : 'their retries are'} in the forecast`})`);
      const pct = Math.round((f.pace - 1) * 100);
      const pace = f.paceSource === 'plan'
        ? 'no move finished yet, so the plan\'s pace is assumed'
        : pct === 0 ? `running as planned (${f.pacedMoves} finished move${f.pacedMoves === 1 ? '' : 's'})`
          : `running ${Math.abs(pct)} % ${pct > 0 ? 'slower' : 'faster'} than planned (${f.pacedMoves} finished move${f.pacedMoves === 1 ? '' : 's'}${f.paceSource === 'earlier-waves' ? ' of earlier waves' : ''})`;
      if (f.finished) {
        findings.push({ code: 'RB420', severity: 'information', message: `${waveLabel(wave)} is done: ${progress.join(', ')}; it ended at ${at(f.forecastEndEpochMs)}${f.windowEndEpochMs !== undefined ? (f.overrunSeconds > 0 ? `, ${formatDuration(f.overrunSeconds)} past the window (${at(f.windowEndEpochMs)})` : `, inside the window (${at(f.windowEndEpochMs)})`) : ''}.`, span: wave.name?.span ?? wave.span });
        continue;
      }
      const decide = f.decideByEpochMs === undefined ? ''
        : f.decideByEpochMs < forecast.nowEpochMs ? ` The point of no return for a rollback (${at(f.decideByEpochMs)}) has passed.`
          : ` Decide on a rollback by ${at(f.decideByEpochMs)}.`;
      if (f.windowEndEpochMs === undefined) {
        findings.push({ code: 'RB420', severity: 'information', message: `${waveLabel(wave)}: forecast end ${at(f.forecastEndEpochMs)} (planned ${at(f.plannedEndEpochMs)}); ${pace}; ${progress.join(', ')}.`, span: wave.name?.span ?? wave.span });
        continue;
      }
      const overruns = f.overrunSeconds > 0;
      findings.push({
        code: 'RB420',
        severity: overruns ? 'warning' : 'information',
        message: overruns
          ? `${waveLabel(wave)}: forecast end ${at(f.forecastEndEpochMs)} overruns the window (${at(f.windowEndEpochMs)}) by ${formatDuration(f.overrunSeconds)}: ${pace}; ${progress.join(', ')}.${decide}`
          : `${waveLabel(wave)}: forecast end ${at(f.forecastEndEpochMs)} fits the window (${at(f.windowEndEpochMs)}): ${pace}; ${progress.join(', ')}.${decide}`,
        span: wave.name?.span ?? wave.span,
      });
    }
    return findings;
  },
};
