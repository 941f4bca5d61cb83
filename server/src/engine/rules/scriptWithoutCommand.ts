/** RB124: a `kind: script` step with no `command`: nobody can tell what it runs. */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { stepLabel, writtenSteps } from './support/stepLookup';

export const scriptWithoutCommand: Rule = {
  code: 'RB124',
  title: 'Script step without a command',
  source: 'runbook structure',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB124', purposeOf(model));
    for (const { step } of writtenSteps(model)) {
      if (step.kind?.value !== 'script' || step.command) continue;
      findings.push({
        code: 'RB124',
        severity,
        message: `The ${stepLabel(step)} is a script but names no command; add 'command:' (what runs, e.g. 'ansible-playbook dns-cutover.yml'), or make it kind: manual.`,
        span: step.kind.span,
      });
    }
    return findings;
  },
};
