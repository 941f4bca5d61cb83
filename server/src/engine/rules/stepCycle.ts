/**
 * RB122: `depends_on` cycles among a wave's steps (only explicit dependencies can close one). One
 * finding per back edge of a depth-first search in list order, on the item that closes it.
 */
import type { Finding } from '../findings';
import { purposeOf, type Step } from '../model';
import { cycleText } from './dependencyCycle';
import { waveLabel } from './lookup';
import type { Rule } from './rule';
import { severityOf } from './severity';
import { dedupe, stepIndex } from './stepLookup';

export const stepCycle: Rule = {
  code: 'RB122',
  title: 'Step dependency cycle',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB122', purposeOf(model));
    for (const wave of model.waves) {
      const steps = stepIndex(wave);
      const done = new Set<string>();
      const onPath = new Map<string, number>();
      for (const root of steps.values()) {
        if (done.has(root.id.value)) continue;
        const path: { step: Step; next: number }[] = [{ step: root, next: 0 }];
        onPath.set(root.id.value, 0);
        while (path.length > 0) {
          const frame = path[path.length - 1];
          const deps = frame.step.dependsOn ?? [];
          if (frame.next >= deps.length) {
            path.pop();
            onPath.delete(frame.step.id.value);
            done.add(frame.step.id.value);
            continue;
          }
          const ref = deps[frame.next++];
          const dep = steps.get(ref.value);
          if (!dep || done.has(dep.id.value)) continue;
          const at = onPath.get(dep.id.value);
          if (at === undefined) {
            onPath.set(dep.id.value, path.length);
            path.push({ step: dep, next: 0 });
            continue;
          }
          findings.push({
            code: 'RB122',
            severity,
            message: `${waveLabel(wave)}: step cycle ${cycleText(path.slice(at).map((f) => f.step.id.value))}; none of these steps can start. Remove one of these dependencies (this one closes the cycle).`,
            span: ref.span,
          });
        }
      }
    }
    return dedupe(findings);
  },
};
