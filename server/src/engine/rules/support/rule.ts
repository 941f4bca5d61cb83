import type { Finding } from '../../findings';
import type { RunbookModel } from '../../model';
import type { EngineOptions } from '../../options';
import type { PlanEstimate } from '../../estimate/types';
import type { DocumentMemo } from '../../memo';

export interface RuleContext {
  readonly model: RunbookModel;
  readonly estimate: PlanEstimate;
  readonly options: EngineOptions;
  /** The document's per-document state: a rule that keeps something between edits keeps it in `memo.rules` under its code. */
  readonly memo: DocumentMemo;
}

/** One domain rule: its code, what it checks, where the limit comes from, and the check. */
export interface Rule {
  readonly code: string;
  readonly title: string;
  /** The source of the limit: a section of docs/sources.md and the public page it cites. */
  readonly source: string;
  check(ctx: RuleContext): Finding[];
}
