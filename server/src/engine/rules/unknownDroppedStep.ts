/** RB128: a wave's `drop_steps` names a step that `defaults.steps` does not define (nothing is dropped). */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { closestId } from './support/suggest';

export const unknownDroppedStep: Rule = {
  code: 'RB128',
  title: 'drop_steps names no default step',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB128', purposeOf(model));
    const d = model.defaults.steps;
    const ids = new Set(d ? [...d.before, ...d.after, ...d.rollback].map((s) => s.id.value) : []);
    for (const wave of model.waves) {
      for (const ref of wave.steps.dropped) {
        if (ids.has(ref.value)) continue;
        const guess = closestId(ref.value, ids);
        findings.push({
          code: 'RB128',
          severity,
          message: `${waveLabel(wave)}: drop_steps names '${ref.value}', which is not a step under defaults.steps, so nothing is dropped${guess ? `; did you mean '${guess}'?` : '.'}`,
          span: ref.span,
          fix: guess ? { fix: 'replace-value', replacement: guess } : undefined,
        });
      }
    }
    return findings;
  },
};
