/**
 * RB214: nothing anchors the schedule. Without the plan's `start` and without any wave window the
 * scheduler has no date to begin from: it counts from T+0, so the times are durations, not dates,
 * and a `deadline` cannot be checked (docs/sources.md section 0: disaster avoidance runs against a
 * deadline). An error when a deadline is given (the check the plan exists for cannot run), else a
 * warning.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const unanchoredSchedule: Rule = {
  code: 'RB214',
  title: 'Nothing anchors the schedule',
  source: 'docs/sources.md section 0 (a planned move runs inside windows, disaster avoidance against a deadline); the scheduler (docs/estimates.md)',
  check({ model, estimate }) {
    const schedule = estimate.schedule;
    if (schedule.anchored !== false || model.waves.length === 0) return [];
    const purpose = purposeOf(model);
    const due = model.deadlineEpochMs;
    const total = formatDuration(schedule.totalSeconds);
    const finding: Finding = due
      ? {
          code: 'RB214',
          severity: severityOf('RB214/deadline', purpose),
          message: `The deadline cannot be checked: the plan has no start and no wave has a window, so the schedule (${total}) has no date to begin from. Add 'start: now' (disaster avoidance; the CLI's --now does the same) or a start date-time, or give the first wave a window.`,
          span: due.span,
        }
      : {
          code: 'RB214',
          severity: severityOf('RB214', purpose),
          message: `The schedule has no date: the plan has no start and no wave has a window, so its ${total} are counted from T+0. Add 'start:' with a date-time (or 'now'), or give the first wave a window.`,
          span: model.sectionKeySpans.get('waves') ?? model.rootSpan,
        };
    return [finding];
  },
};
