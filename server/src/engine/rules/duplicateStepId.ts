/**
 * RB121: two steps of one wave with the same id (in any of its lists, defaults included unless the
 * wave redefines them). `depends_on` and the schedule could not tell them apart.
 */
import type { Finding } from '../findings';
import { purposeOf, type Step } from '../model';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { dedupe, stepLabel } from './support/stepLookup';

export const duplicateStepId: Rule = {
  code: 'RB121',
  title: 'Duplicate step id in a wave',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB121', purposeOf(model));
    for (const wave of model.waves) {
      const first = new Map<string, Step>();
      for (const step of [...wave.steps.before, ...wave.steps.after, ...wave.steps.rollback]) {
        const earlier = first.get(step.id.value);
        if (!earlier) {
          first.set(step.id.value, step);
          continue;
        }
        findings.push({
          code: 'RB121',
          severity,
          message: `${waveLabel(wave)}: step id '${step.id.value}' is already used by the ${stepLabel(earlier)}; give each step of a wave its own id so depends_on and the schedule can tell them apart.`,
          span: step.id.span,
          related: [{ span: earlier.id.span, message: `first '${step.id.value}'` }],
        });
      }
    }
    return dedupe(findings);
  },
};
