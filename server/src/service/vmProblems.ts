/**
 * Which errors and warnings belong to which VM: a finding whose location lies inside a VM's entry
 * (key through value) is that VM's, as the Problems panel places it. The timeline's bars, table and
 * the wave code lenses show them, so a VM that will fail is visible everywhere it appears.
 */
import type { TimelineProblem } from '../../../shared/src/protocol';
import type { Analysis } from '../engine/analyze';

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;

/** Errors and warnings by VM id, errors first then by position; VMs without any are absent. */
export function vmProblems(analysis: Pick<Analysis, 'model' | 'findings'>): ReadonlyMap<string, readonly TimelineProblem[]> {
  const entries = [...analysis.model.vms.values()].sort((a, b) => a.span.start - b.span.start);
  const byVm = new Map<string, { problem: TimelineProblem; at: number }[]>();
  for (const f of analysis.findings) {
    if (f.severity !== 'error' && f.severity !== 'warning') continue;
    const vm = entryAt(entries, f.span.start);
    if (!vm) continue;
    let list = byVm.get(vm.id);
    if (!list) byVm.set(vm.id, (list = []));
    list.push({ problem: { code: f.code, severity: f.severity, message: f.message }, at: f.span.start });
  }
  const result = new Map<string, readonly TimelineProblem[]>();
  for (const [id, list] of byVm) {
    list.sort((a, b) => SEVERITY_ORDER[a.problem.severity] - SEVERITY_ORDER[b.problem.severity] || a.at - b.at);
    result.set(id, list.map((x) => x.problem));
  }
  return result;
}

/** The entry whose span holds `offset` (entries sorted by start, not overlapping). */
function entryAt<T extends { readonly span: { readonly start: number; readonly end: number } }>(entries: readonly T[], offset: number): T | undefined {
  let lo = 0;
  let hi = entries.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = entries[mid];
    if (offset < e.span.start) hi = mid - 1;
    else if (offset >= e.span.end) lo = mid + 1;
    else return e;
  }
  return undefined;
}
