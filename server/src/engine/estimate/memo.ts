/**
 * The estimator's per-document tables, kept in the document's memo (engine/memo.ts) so that after
 * a keystroke only the edited VM, its wave and what depends on them are estimated again. Each table
 * is keyed by identity (a model entry, a wave's `vms` list) and checks its inputs before reuse.
 */
import { newScheduleMemo, type ScheduleMemo } from './schedule';
import { VmEstimateMemo } from './vm';

export class EstimateMemo {
  /** VM estimates at the wave's nominal share (the first pass). */
  readonly forward = new VmEstimateMemo();
  /** VM estimates at the share a VM really gets (second pass); its own table, so both passes hit on edits. */
  readonly shared = new VmEstimateMemo();
  /** The way back of each VM, for the rollback estimate (steps.ts). */
  readonly reverse = new VmEstimateMemo();
  /** Wave schedules and the first pass's share counts (schedule.ts). */
  readonly schedule: ScheduleMemo = newScheduleMemo();
  private readonly contexts = new Map<string, string>();

  /** One string object per distinct estimate context, so the thousands of comparisons per analysis compare pointers. */
  intern(context: string): string {
    const known = this.contexts.get(context);
    if (known !== undefined) return known;
    // Contexts of old edits are never asked for again; a long session must not grow without bound.
    if (this.contexts.size > 10_000) this.contexts.clear();
    this.contexts.set(context, context);
    return context;
  }
}
