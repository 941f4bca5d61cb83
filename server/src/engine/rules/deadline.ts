/**
 * RB212: the plan's predicted end is after its `deadline`. Disaster avoidance runs against a
 * deadline (domain.md section 0), so there it is an error; for other purposes a warning.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const deadline: Rule = {
  code: 'RB212',
  title: 'Plan ends after its deadline',
  source: 'domain.md section 0 (disaster avoidance runs against a deadline); end time from the estimator and scheduler',
  check({ model, estimate }) {
    const due = model.deadlineEpochMs;
    const schedule = estimate.schedule;
    if (!due || schedule.waves.length === 0 || !(schedule.endEpochMs > due.value)) return [];
    const lateSeconds = (schedule.endEpochMs - due.value) / 1000;
    const purpose = purposeOf(model);
    // An end past Date's range (a 1e300 h window) has no ISO text; say so rather than throw.
    const iso = (ms: number): string => (Number.isFinite(new Date(ms).getTime()) ? new Date(ms).toISOString() : 'out of the calendar range');
    const finding: Finding = {
      code: 'RB212',
      severity: severityOf('RB212', purpose),
      message: `The plan is predicted to finish ${formatDuration(lateSeconds)} after its deadline (${iso(schedule.endEpochMs)} vs ${iso(due.value)}); ${
        purpose === 'disaster-avoidance' ? 'move the critical VMs into earlier waves, raise concurrency within the limits, or cut what must move before the event.' : 'start earlier, shorten the waves, or move the deadline.'
      }`,
      span: due.span,
    };
    return [finding];
  },
};
