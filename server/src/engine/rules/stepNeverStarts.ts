/**
 * RB123: a step that can never start because it waits for something that only happens after it:
 * a `before` step naming a VM or an `after` step (the migrations wait for every `before` step), or a
 * `rollback` step naming a step outside the rollback list or a VM (rollback runs after the reverse
 * migration, on its own). The schedule ignores such a dependency; this says the plan is wrong.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { dedupe, stepIndex, stepLabel } from './support/stepLookup';

export const stepNeverStarts: Rule = {
  code: 'RB123',
  title: 'Step that can never start',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB123', purposeOf(model));
    for (const wave of model.waves) {
      const steps = stepIndex(wave);
      const vms = new Set(wave.vms.map((v) => v.value));
      for (const step of steps.values()) {
        if (step.phase === 'after') continue;
        for (const ref of step.dependsOn ?? []) {
          const target = steps.get(ref.value);
          let why: string | undefined;
          if (step.phase === 'before') {
            if (target?.phase === 'after') why = `'${ref.value}' is an after step, which runs only once the migrations are done`;
            else if (target?.phase === 'rollback') why = `'${ref.value}' is a rollback step`;
            else if (!target && vms.has(ref.value)) why = `'${ref.value}' is a VM, and the migrations wait for every before step`;
          } else if (target && target.phase !== 'rollback') why = `'${ref.value}' is a ${target.phase} step; rollback steps run on their own after the reverse migration`;
          else if (!target && vms.has(ref.value)) why = `'${ref.value}' is a VM; rollback steps run after every moved VM has migrated back`;
          if (!why) continue;
          findings.push({
            code: 'RB123',
            severity,
            message: `${waveLabel(wave)}: ${stepLabel(step)} can never start: ${why}. Move the step to the right list or remove the dependency.`,
            span: ref.span,
          });
        }
      }
    }
    return dedupe(findings);
  },
};
