/**
 * Which runbook VM each measured migration is: the VM's id, or its `name:` (the vCenter name a task
 * export writes), exactly, then ignoring case. A migration that matches none is listed with the
 * nearest id or name ("did you mean"), never dropped silently.
 */
import type { MeasuredMigration, MeasuredRecord } from '../../../shared/src/measured';
import { nearest } from '../../../shared/src/text/nearest';
import type { RunbookModel } from '../../../server/src/engine/model';

export interface MatchedMigration {
  readonly migration: MeasuredMigration;
  readonly vmId: string;
}

export interface UnmatchedMigration {
  readonly migration: MeasuredMigration;
  readonly suggestion?: string;
}

export interface MeasuredMatch {
  readonly matched: readonly MatchedMigration[];
  readonly unmatched: readonly UnmatchedMigration[];
}

export function matchMeasured(record: MeasuredRecord, model: Pick<RunbookModel, 'vms'>): MeasuredMatch {
  const exact = new Map<string, string>();
  const folded = new Map<string, string>();
  for (const [id, vm] of model.vms) {
    exact.set(id, id);
    folded.set(id.toLowerCase(), id);
    const name = vm.name?.value;
    if (name) {
      if (!exact.has(name)) exact.set(name, id);
      if (!folded.has(name.toLowerCase())) folded.set(name.toLowerCase(), id);
    }
  }
  const matched: MatchedMigration[] = [];
  const unmatched: UnmatchedMigration[] = [];
  for (const migration of record.migrations) {
    const id = exact.get(migration.vm) ?? folded.get(migration.vm.toLowerCase());
    if (id !== undefined) matched.push({ migration, vmId: id });
    else unmatched.push({ migration, suggestion: nearest(migration.vm, exact.keys()) });
  }
  return { matched, unmatched };
}

/** `app-7 (row 12; did you mean app-07?)` for messages. */
export function unmatchedText(u: UnmatchedMigration): string {
  return `'${u.migration.vm}' (row ${u.migration.row}${u.suggestion ? `; did you mean '${u.suggestion}'?` : ''})`;
}
