/**
 * RB206: a wave that runs past its maintenance window even at the low end of its range (every VM at
 * the low end of its estimate, every step at its best case: WaveSchedule.lowOverrunSeconds). An
 * error for a planned move, whose windows are the contract; a warning for the other purposes
 * (severity.ts). When only the likely or high end overruns, RB220 warns instead. Fix: split the wave.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDuration, formatDurationRange } from '../../../../shared/src/units/quantity';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const waveOverrun: Rule = {
  code: 'RB206',
  title: 'Wave overruns its window',
  source: 'docs/sources.md section 0 (a planned move runs inside maintenance windows); durations from the estimator (docs/sources.md 2.2, 7.4-7.6)',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB206', purposeOf(model));
    const waves = new Map(model.waves.map((w) => [w.index, w]));
    for (const schedule of estimate.schedule.waves) {
      const low = schedule.lowOverrunSeconds ?? schedule.overrunSeconds;
      if (!(low > 0)) continue;
      const wave = waves.get(schedule.index);
      if (!wave) continue;
      const windowText = schedule.windowSeconds !== undefined ? `${formatDuration(schedule.windowSeconds)} ` : '';
      findings.push({
        code: 'RB206',
        severity,
        message: `${waveLabel(wave)} overruns its ${windowText}window by ${formatDuration(low)} even at the low end of its range (predicted duration ${formatDurationRange(schedule.lowDurationSeconds ?? schedule.durationSeconds, schedule.highDurationSeconds ?? schedule.durationSeconds)}, likely ${formatDuration(schedule.durationSeconds)}). Split the wave, raise its concurrency within the limits, or lengthen the window.`,
        span: wave.window?.durationSeconds?.span ?? wave.window?.span ?? wave.name?.span ?? wave.span,
        fix: { fix: 'split-wave', waveIndex: wave.index },
      });
    }
    return findings;
  },
};
