/**
 * RB220: a wave that fits its window in the best case (every step at the low end of its range) but
 * not in the worst case. When even the best case overruns, RB206 reports it as the error it is.
 * Severity by purpose (severity.ts): a warning for a planned move or load balancing, information for
 * disaster avoidance (which races its deadline, RB212, not windows).
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { clockAt } from './support/stepLookup';

export const worstCaseOverrun: Rule = {
  code: 'RB220',
  title: 'Wave overruns its window in the worst case',
  source: 'docs/sources.md section 0 (a planned move runs inside maintenance windows); step ranges from the runbook',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB220', purposeOf(model));
    const waves = new Map(model.waves.map((w) => [w.index, w]));
    for (const s of estimate.schedule.waves) {
      const wave = waves.get(s.index);
      const worst = s.worstOverrunSeconds ?? 0;
      if (!wave || s.overrunSeconds > 0 || !(worst > 0) || s.windowStartEpochMs === undefined || s.windowSeconds === undefined || s.worstEndEpochMs === undefined) continue;
      const windowEnd = s.windowStartEpochMs + s.windowSeconds * 1000;
      const at = (ms: number): string => clockAt(ms, s.utcOffsetMinutes, s.windowStartEpochMs as number);
      findings.push({
        code: 'RB220',
        severity,
        message: `${waveLabel(wave)} fits its ${formatDuration(s.windowSeconds)} window only in the best case (ends ${at(s.endEpochMs)}); with every step at the long end of its range it ends ${at(s.worstEndEpochMs)}, ${formatDuration(worst)} after the window closes at ${at(windowEnd)}. Shorten the slow steps, run them in parallel (depends_on), or lengthen the window.`,
        span: wave.window?.durationSeconds?.span ?? wave.window?.span ?? wave.name?.span ?? wave.span,
      });
    }
    return findings;
  },
};
