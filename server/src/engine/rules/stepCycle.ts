/**
 * RB122: `depends_on` cycles among a wave's steps (only explicit dependencies can close one). One
 * finding per back edge of the depth-first search in list order (support/cycles.ts), on the item
 * that closes it.
 */
import type { Finding } from '../findings';
import { purposeOf, type Step } from '../model';
import { backEdges, cycleText } from './support/cycles';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { dedupe, stepIndex } from './support/stepLookup';

export const stepCycle: Rule = {
  code: 'RB122',
  title: 'Step dependency cycle',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB122', purposeOf(model));
    for (const wave of model.waves) {
      const steps = stepIndex(wave);
      const edges = backEdges<Step>({
        nodes: steps.values(),
        id: (step) => step.id.value,
        edgeCount: (step) => step.dependsOn?.length ?? 0,
        target: (step, i) => steps.get((step.dependsOn ?? [])[i].value),
      });
      for (const { cycle, edgeIndexes } of edges) {
        const last = cycle.length - 1;
        findings.push({
          code: 'RB122',
          severity,
          message: `${waveLabel(wave)}: step cycle ${cycleText(cycle.map((step) => step.id.value))}; none of these steps can start. Remove one of these dependencies (this one closes the cycle).`,
          span: (cycle[last].dependsOn ?? [])[edgeIndexes[last]].span,
        });
      }
    }
    return dedupe(findings);
  },
};
