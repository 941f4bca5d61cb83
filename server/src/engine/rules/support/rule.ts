import type { Finding } from '../../findings';
import type { RunbookModel } from '../../model';
import type { EngineOptions } from '../../options';
import type { PlanEstimate } from '../../estimate/types';
import type { DocumentMemo } from '../../memo';
import type { PlanForecast } from '../../forecast/forecast';

export interface RuleContext {
  readonly model: RunbookModel;
  readonly estimate: PlanEstimate;
  readonly options: EngineOptions;
  /** The document's per-document state: a rule that keeps something between edits keeps it in `memo.rules` under its code. */
  readonly memo: DocumentMemo;
  /** The re-forecast from the plan's actuals, when it has any (issue 14). */
  readonly forecast?: PlanForecast;
}

/** One domain rule: its code, what it checks, where the limit comes from, and the check. */
export interface Rule {
  readonly code: string;
  readonly title: string;
  /** The source of the limit: a section of docs/sources.md and the public page it cites. */
  readonly source: string;
  check(ctx: RuleContext): Finding[];
}
