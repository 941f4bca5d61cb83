/**
 * RB120: a step's `depends_on` names neither a step of its wave nor a VM the wave migrates. A
 * default step is checked against every wave it applies to (reported once, naming the first).
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { dedupe, stepIndex, stepLabel } from './support/stepLookup';
import { closestId } from './support/suggest';

export const unknownStepDependency: Rule = {
  code: 'RB120',
  title: 'Unknown step or VM in a step dependency',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB120', purposeOf(model));
    for (const wave of model.waves) {
      const steps = stepIndex(wave);
      const vms = new Set(wave.vms.map((v) => v.value));
      for (const step of steps.values()) {
        for (const ref of step.dependsOn ?? []) {
          if (steps.has(ref.value) || vms.has(ref.value)) continue;
          const guess = closestId(ref.value, [...steps.keys(), ...vms]);
          const elsewhere = model.vms.has(ref.value) ? ` ('${ref.value}' is a VM of another wave: a step can wait only for VMs of its own wave)` : '';
          findings.push({
            code: 'RB120',
            severity,
            message: `${waveLabel(wave)}: ${stepLabel(step)} depends on '${ref.value}', which is neither a step of this wave nor one of its VMs${elsewhere}; ${guess ? `did you mean '${guess}'?` : 'correct the id or remove it.'}`,
            span: ref.span,
            fix: guess ? { fix: 'replace-value', replacement: guess } : undefined,
          });
        }
      }
    }
    return dedupe(findings);
  },
};
