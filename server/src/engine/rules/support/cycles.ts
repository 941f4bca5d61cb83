/**
 * Cycles in a dependency graph, for the rules that report them (VMs: RB107, steps: RB122).
 * An iterative colour depth-first search (no recursion, so 5,000-node chains cannot overflow the
 * stack) visits nodes in the given order; every back edge closes exactly one cycle, and removing all
 * reported edges leaves the graph acyclic, so a rule reports one finding per back edge.
 */

export interface BackEdge<N> {
  /** The nodes of the cycle, from the node the closing edge points to, to the node it leaves. */
  readonly cycle: readonly N[];
  /** For each node of `cycle`, the index of the edge it follows to the next node (the last one closes the cycle). */
  readonly edgeIndexes: readonly number[];
}

export interface Graph<N> {
  readonly nodes: Iterable<N>;
  readonly id: (node: N) => string;
  readonly edgeCount: (node: N) => number;
  /** The node edge `index` of `node` leads to, or undefined for an unknown reference (another rule's). */
  readonly target: (node: N, index: number) => N | undefined;
}

export function backEdges<N>(graph: Graph<N>): BackEdge<N>[] {
  const found: BackEdge<N>[] = [];
  const done = new Set<string>();
  const pathIndex = new Map<string, number>(); // grey nodes: position on the current path
  for (const root of graph.nodes) {
    if (done.has(graph.id(root))) continue;
    const path: { node: N; next: number }[] = [{ node: root, next: 0 }];
    pathIndex.set(graph.id(root), 0);
    while (path.length > 0) {
      const frame = path[path.length - 1];
      if (frame.next >= graph.edgeCount(frame.node)) {
        path.pop();
        pathIndex.delete(graph.id(frame.node));
        done.add(graph.id(frame.node));
        continue;
      }
      const dep = graph.target(frame.node, frame.next++);
      if (!dep || done.has(graph.id(dep))) continue;
      const at = pathIndex.get(graph.id(dep));
      if (at === undefined) {
        pathIndex.set(graph.id(dep), path.length);
        path.push({ node: dep, next: 0 });
        continue;
      }
      const cycle = path.slice(at);
      found.push({ cycle: cycle.map((f) => f.node), edgeIndexes: cycle.map((f) => f.next - 1) });
    }
  }
  return found;
}

/** Longer cycles are shown with their middle elided. */
const MAX_NAMED = 12;

/** `a -> b -> c -> a`, the middle elided past 12 names. */
export function cycleText(ids: readonly string[]): string {
  const closed = [...ids, ids[0]];
  if (closed.length <= MAX_NAMED) return closed.join(' -> ');
  const head = closed.slice(0, MAX_NAMED / 2);
  const tail = closed.slice(closed.length - MAX_NAMED / 2);
  return `${head.join(' -> ')} -> ... (${closed.length - MAX_NAMED} more) -> ${tail.join(' -> ')}`;
}
