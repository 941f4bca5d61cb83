/**
 * RB221: rolling a wave back from its last point (its worst-case end: every VM moved, every after
 * step done) would not end before its window closes: the reverse migration of the moved VMs plus the
 * rollback steps (estimator, steps.ts). Says until when a failure can still be rolled back in time.
 * Severity by purpose (severity.ts): a warning for a planned move or load balancing (the back-out
 * must fit the change window, docs/sources.md section 0); information for disaster avoidance, where going
 * back to the threatened site is rarely the plan. Waves that already overrun in the best case are
 * left to RB206.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { clockAt } from './support/stepLookup';

export const rollbackOverrun: Rule = {
  code: 'RB221',
  title: 'Rollback cannot finish inside the window',
  source: 'docs/sources.md section 0 (maintenance windows), 1.6 (a failed vMotion leaves the VM on the source); reverse migration from the estimator',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB221', purposeOf(model));
    const waves = new Map(model.waves.map((w) => [w.index, w]));
    for (const s of estimate.schedule.waves) {
      const wave = waves.get(s.index);
      const r = s.rollback;
      if (!wave || !r || s.overrunSeconds > 0 || s.windowStartEpochMs === undefined || s.windowSeconds === undefined) continue;
      const windowEnd = s.windowStartEpochMs + s.windowSeconds * 1000;
      if (!(r.endEpochMs > windowEnd)) continue;
      const at = (ms: number): string => clockAt(ms, s.utcOffsetMinutes, s.windowStartEpochMs as number);
      const parts = [`reverse migration of ${r.vmsMoved} VM${r.vmsMoved === 1 ? '' : 's'} ${formatDuration(r.reverseMigrationSeconds)}`];
      if (r.stepsSeconds > 0) parts.push(`rollback steps ${formatDuration(r.stepsSeconds)}`);
      const noReturn = r.pointOfNoReturnEpochMs !== undefined
        ? `A failure is recoverable in time only until ${at(r.pointOfNoReturnEpochMs)}.`
        : 'Not even a failure at the start of the migrations could be rolled back in time.';
      findings.push({
        code: 'RB221',
        severity,
        message: `${waveLabel(wave)}: a failed cutover at ${at(r.fromEpochMs)} could not be rolled back before the window closes at ${at(windowEnd)}: rolling back takes ${formatDuration(r.seconds)} (${parts.join(' + ')}) and ends at ${at(r.endEpochMs)}. ${noReturn} Keep back-out time in the window: split the wave, shorten the rollback, or lengthen the window.`,
        span: wave.steps.rollback.find((st) => !st.fromDefaults)?.id.span ?? wave.window?.durationSeconds?.span ?? wave.window?.span ?? wave.span,
      });
    }
    return findings;
  },
};
