/** RB127: `defaults.steps.require_owner: true` and a step names no `owner`. */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { stepLabel, writtenSteps } from './support/stepLookup';

export const stepOwnerMissing: Rule = {
  code: 'RB127',
  title: 'Step without an owner',
  source: 'runbook structure',
  check({ model }) {
    const required = model.defaults.steps?.requireOwner;
    if (required?.value !== true) return [];
    const findings: Finding[] = [];
    const severity = severityOf('RB127', purposeOf(model));
    for (const { step } of writtenSteps(model)) {
      if (step.owner) continue;
      findings.push({
        code: 'RB127',
        severity,
        message: `The ${stepLabel(step)} names no owner, and this plan requires one for every step (defaults.steps.require_owner); add 'owner:' (the team or person who does it).`,
        span: step.id.span,
        related: [{ span: required.span, message: 'owners required here' }],
      });
    }
    return findings;
  },
};
