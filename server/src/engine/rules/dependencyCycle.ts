/**
 * RB107: `depends_on` cycles. No VM in a cycle can go first. One finding per back edge of the
 * depth-first search in document order (support/cycles.ts), placed on the `depends_on` item that
 * closes the cycle, with a break-cycle fix.
 */
import type { Finding, RelatedLocation } from '../findings';
import { purposeOf, type Vm } from '../model';
import { backEdges, cycleText } from './support/cycles';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

const MAX_RELATED = 20;

export const dependencyCycle: Rule = {
  code: 'RB107',
  title: 'Dependency cycle',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB107', purposeOf(model));
    const edges = backEdges<Vm>({
      nodes: model.vms.values(),
      id: (vm) => vm.id,
      edgeCount: (vm) => vm.dependsOn.length,
      target: (vm, i) => model.vms.get(vm.dependsOn[i].value),
    });
    for (const { cycle, edgeIndexes } of edges) {
      const last = cycle.length - 1;
      const closing = cycle[last].dependsOn[edgeIndexes[last]];
      const related: RelatedLocation[] = cycle.slice(0, -1).slice(0, MAX_RELATED).map((vm, k) => ({
        span: vm.dependsOn[edgeIndexes[k]].span,
        message: `${vm.id} depends on ${cycle[k + 1].id}`,
      }));
      findings.push({
        code: 'RB107',
        severity,
        message: `Dependency cycle: ${cycleText(cycle.map((vm) => vm.id))}; no VM in it can migrate first. Remove one of these dependencies (this one closes the cycle).`,
        span: closing.span,
        related: related.length > 0 ? related : undefined,
        fix: { fix: 'break-cycle', vmId: cycle[last].id, dependencyIndex: edgeIndexes[last] },
      });
    }
    return findings;
  },
};
