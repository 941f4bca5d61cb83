/**
 * RB107: `depends_on` cycles. No VM in a cycle can go first. An iterative colour DFS (no recursion,
 * so 5,000-VM chains cannot overflow the stack) visits VMs in document order; every back edge closes
 * exactly one cycle, and removing all reported edges leaves the graph acyclic, so one finding per
 * back edge, placed on the `depends_on` item that closes the cycle, with a break-cycle fix.
 */
import type { Finding, RelatedLocation } from '../findings';
import { purposeOf, type Vm } from '../model';
import type { Rule } from './rule';
import { severityOf } from './severity';

/** Longer cycles are shown with their middle elided. */
const MAX_NAMED = 12;
const MAX_RELATED = 20;

interface Frame {
  readonly vm: Vm;
  /** Index of the next dependency to follow; `next - 1` is the edge to the child on the path. */
  next: number;
}

export function cycleText(ids: readonly string[]): string {
  const closed = [...ids, ids[0]];
  if (closed.length <= MAX_NAMED) return closed.join(' -> ');
  const head = closed.slice(0, MAX_NAMED / 2);
  const tail = closed.slice(closed.length - MAX_NAMED / 2);
  return `${head.join(' -> ')} -> ... (${closed.length - MAX_NAMED} more) -> ${tail.join(' -> ')}`;
}

export const dependencyCycle: Rule = {
  code: 'RB107',
  title: 'Dependency cycle',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB107', purposeOf(model));
    const done = new Set<string>();
    const pathIndex = new Map<string, number>(); // grey VMs: position on the current path
    for (const root of model.vms.values()) {
      if (done.has(root.id)) continue;
      const path: Frame[] = [{ vm: root, next: 0 }];
      pathIndex.set(root.id, 0);
      while (path.length > 0) {
        const frame = path[path.length - 1];
        if (frame.next >= frame.vm.dependsOn.length) {
          path.pop();
          pathIndex.delete(frame.vm.id);
          done.add(frame.vm.id);
          continue;
        }
        const edgeIndex = frame.next++;
        const ref = frame.vm.dependsOn[edgeIndex];
        const dep = model.vms.get(ref.value);
        if (!dep || done.has(dep.id)) continue; // unknown ids are RB103's
        const at = pathIndex.get(dep.id);
        if (at === undefined) {
          pathIndex.set(dep.id, path.length);
          path.push({ vm: dep, next: 0 });
          continue;
        }
        const cycle = path.slice(at);
        const related: RelatedLocation[] = cycle.slice(0, -1).slice(0, MAX_RELATED).map((f, k) => ({
          span: f.vm.dependsOn[f.next - 1].span,
          message: `${f.vm.id} depends on ${cycle[k + 1].vm.id}`,
        }));
        findings.push({
          code: 'RB107',
          severity,
          message: `Dependency cycle: ${cycleText(cycle.map((f) => f.vm.id))}; no VM in it can migrate first. Remove one of these dependencies (this one closes the cycle).`,
          span: ref.span,
          related: related.length > 0 ? related : undefined,
          fix: { fix: 'break-cycle', vmId: frame.vm.id, dependencyIndex: edgeIndex },
        });
      }
    }
    return findings;
  },
};
