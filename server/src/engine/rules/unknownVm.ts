/** RB103: a wave's `vms` or a VM's `depends_on` names a VM that `vms` does not define. */
import type { Finding } from '../findings';
import type { DocumentMemo } from '../memo';
import { purposeOf, type Located } from '../model';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { closestId } from './support/suggest';

/** "Did you mean" scans every VM id; past this many unknown ids we stop suggesting (large plans). */
const MAX_SUGGESTIONS = 100;

/**
 * Suggestions from the last analysis of this document (kept in its memo under RB103), reused while
 * the VM ids stay the same (as they do while a planner edits values): each one scans every id. The
 * ids are compared in order; unchanged entries keep their very strings across edits (model.ts), so
 * the comparison is cheap.
 */
interface Suggestions {
  readonly ids: readonly string[];
  readonly byUnknownId: Map<string, string | undefined>;
}

function suggester(memo: DocumentMemo, ids: Iterable<string>): (unknown: string) => string | undefined {
  const now = [...ids];
  let kept = memo.rules.get('RB103') as Suggestions | undefined;
  if (!kept || now.length !== kept.ids.length || now.some((id, k) => id !== kept!.ids[k]) || kept.byUnknownId.size > 10_000) {
    kept = { ids: now, byUnknownId: new Map() };
    memo.rules.set('RB103', kept);
  }
  const suggestions = kept.byUnknownId;
  return (unknown) => {
    if (!suggestions.has(unknown)) suggestions.set(unknown, closestId(unknown, now));
    return suggestions.get(unknown);
  };
}

export const unknownVm: Rule = {
  code: 'RB103',
  title: 'Unknown VM id',
  source: 'reference integrity',
  check({ model, memo }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB103', purposeOf(model));
    let suggest: ((unknown: string) => string | undefined) | undefined;
    const report = (ref: Located<string>, where: string): void => {
      const suggestion = findings.length < MAX_SUGGESTIONS ? (suggest ??= suggester(memo, model.vms.keys()))(ref.value) : undefined;
      findings.push({
        code: 'RB103',
        severity,
        message: `${where}: VM '${ref.value}' is not defined under 'vms'; ${
          suggestion ? `did you mean '${suggestion}'? Or define it` : 'define it'
        } (quick fix: create the VM entry) or correct the id.`,
        span: ref.span,
        fix: { fix: 'create-vm', vmId: ref.value },
      });
    };
    for (const wave of model.waves) {
      for (const ref of wave.vms) if (!model.vms.has(ref.value)) report(ref, waveLabel(wave));
    }
    for (const vm of model.vms.values()) {
      for (const ref of vm.dependsOn) if (!model.vms.has(ref.value)) report(ref, `VM '${vm.id}' depends_on`);
    }
    return findings;
  },
};
