/**
 * RB212: the plan's predicted end is after its `deadline`. Disaster avoidance runs against a
 * deadline (docs/sources.md section 0), so there it is an error; for other purposes a warning. Times are
 * shown in the deadline's own UTC offset, as the planner wrote it. Without an anchor (no `start`,
 * no window) the end is not a date: RB214 says so, and this rule stays silent.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { isoWithOffset } from '../../../../shared/src/units/time';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const deadline: Rule = {
  code: 'RB212',
  title: 'Plan ends after its deadline',
  source: 'docs/sources.md section 0 (disaster avoidance runs against a deadline); end time from the estimator and scheduler',
  check({ model, estimate }) {
    const due = model.deadlineEpochMs;
    const schedule = estimate.schedule;
    if (!due || schedule.waves.length === 0 || schedule.anchored === false || !(schedule.endEpochMs > due.value)) return [];
    const lateSeconds = (schedule.endEpochMs - due.value) / 1000;
    const purpose = purposeOf(model);
    const offset = model.deadlineUtcOffsetMinutes ?? 0;
    const finding: Finding = {
      code: 'RB212',
      severity: severityOf('RB212', purpose),
      message: `The plan finishes ${formatDuration(lateSeconds)} after its deadline: predicted end ${isoWithOffset(schedule.endEpochMs, offset)}, deadline ${isoWithOffset(due.value, offset)}. ${
        purpose === 'disaster-avoidance' ? 'Move the critical VMs into earlier waves, raise concurrency within the limits, or cut what must move before the event.' : 'Start earlier, shorten the waves, or move the deadline.'
      }`,
      span: due.span,
    };
    return [finding];
  },
};
