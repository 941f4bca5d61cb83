/** RB126: a duration range whose lower end (best case) is above its upper end (worst case). */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { stepLabel, writtenSteps } from './support/stepLookup';

export const stepRangeOrder: Rule = {
  code: 'RB126',
  title: 'Step duration range reversed',
  source: 'runbook structure',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB126', purposeOf(model));
    for (const { step } of writtenSteps(model)) {
      const d = step.duration;
      if (!d || d.value.bestSeconds <= d.value.worstSeconds) continue;
      findings.push({
        code: 'RB126',
        severity,
        message: `The ${stepLabel(step)} has a duration range from ${formatDuration(d.value.bestSeconds)} down to ${formatDuration(d.value.worstSeconds)}; write the best case first (e.g. '${formatDuration(d.value.worstSeconds)} - ${formatDuration(d.value.bestSeconds)}'). The schedule reads it as that range.`,
        span: d.span,
      });
    }
    return findings;
  },
};
