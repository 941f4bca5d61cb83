/** RB125: a `kind: check` step with no `expect`: a gate without a pass criterion cannot be passed or failed. */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { stepLabel, writtenSteps } from './support/stepLookup';

export const checkWithoutExpect: Rule = {
  code: 'RB125',
  title: 'Check step without a pass criterion',
  source: 'runbook structure',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB125', purposeOf(model));
    for (const { step } of writtenSteps(model)) {
      if (step.kind?.value !== 'check' || step.expect) continue;
      findings.push({
        code: 'RB125',
        severity,
        message: `The ${stepLabel(step)} is a check but says nothing about passing; add 'expect:' with the pass criterion (e.g. 'replication lag under 60 s'), so the owner knows when the gate is open.`,
        span: step.kind.span,
      });
    }
    return findings;
  },
};
