/**
 * The engine's facade: text in, findings and estimates out. Pure; no I/O, no LSP or vscode types.
 * Pipeline: YAML parse -> schema -> model (quantities) -> estimates and schedule -> domain rules ->
 * suppression comments.
 */
import type { Document } from 'yaml';
import { estimatePlan } from './estimate/index';
import { forecastPlan, type PlanForecast } from './forecast/forecast';
import type { PlanEstimate } from './estimate/types';
import type { Finding, LocatedFinding } from './findings';
import { buildModel, type RunbookModel } from './model';
import { withDefaults, type EngineOptions } from './options';
import { reparse } from './incremental';
import { parseYaml, type ParsedYaml } from './parse';
import { runRules } from './rules/index';
import { validateSchema } from './schema';
import { applySuppressions } from './suppression';
import { DocumentMemo } from './memo';
import { LineIndex } from './text';

export interface Analysis {
  readonly text: string;
  readonly lineIndex: LineIndex;
  readonly document: Document.Parsed;
  readonly model: RunbookModel;
  readonly estimate: PlanEstimate;
  /** The re-forecast from the actuals (options.actuals), when any were given (forecast/forecast.ts). */
  readonly forecast?: PlanForecast;
  /** Sorted by position. */
  readonly findings: readonly LocatedFinding[];
  readonly options: EngineOptions;
  /** Where this analysis spent its time (docs/performance.md; the bench reports it). */
  readonly timings: StageTimings;
  /** The document's per-document state (memo.ts), handed from each analysis of it to the next. */
  readonly memo: DocumentMemo;
  /** The parse it came from (reanalyze starts from it). */
  readonly parsed: ParsedYaml;
}

/** Milliseconds per stage of one analysis. */
export interface StageTimings {
  /** YAML parse (or incremental re-parse) with the document-level checks. */
  readonly parseMs: number;
  readonly schemaMs: number;
  readonly modelMs: number;
  readonly estimateMs: number;
  readonly rulesMs: number;
  /** Suppression comments, positions, sorting. */
  readonly otherMs: number;
}

/** The analysis of a new document (a new per-document memo). */
export function analyze(text: string, partialOptions?: Partial<EngineOptions>): Analysis {
  const started = performance.now();
  const memo = new DocumentMemo();
  const parsed = parseYaml(text, memo);
  return analyzeParsed(parsed, memo, partialOptions, performance.now() - started);
}

/** True once `analysis` was handed to `reanalyze` (its document's memo moved on to a newer analysis). */
export function isSuperseded(analysis: Analysis): boolean {
  return analysis.memo.latest !== analysis;
}

/**
 * The analysis of `text`, an edited version of `previous.text`: only the edited item is parsed
 * again when that is safe (incremental.ts), else the whole text. Same result as `analyze(text)`.
 *
 * A hand-over: `previous` passes its document's memo (memo.ts) to the new analysis and is
 * superseded. Its YAML document is updated in place, and the model entries, estimates and wave
 * schedules the new analysis reuses from it (by node identity) have their spans moved to the new
 * text, so keep only the result. A superseded `previous` (handed over before) is not reused: the
 * text is analysed afresh with a new memo.
 */
export function reanalyze(previous: Analysis | undefined, text: string, partialOptions?: Partial<EngineOptions>): Analysis & { readonly incremental: boolean } {
  if (!previous || isSuperseded(previous)) return Object.assign(analyze(text, partialOptions), { incremental: false });
  const started = performance.now();
  const memo = previous.memo;
  memo.latest = undefined; // from here on `previous` is superseded, whatever happens below
  const { parsed, fullReason, change } = reparse(previous.parsed, text, memo);
  const lineIndex = change ? () => LineIndex.afterEdit(previous.lineIndex, text, change.start, change.oldEnd, change.delta) : undefined;
  return Object.assign(analyzeParsed(parsed, memo, partialOptions, performance.now() - started, lineIndex), { incremental: fullReason === undefined });
}

function analyzeParsed(parsed: ParsedYaml, memo: DocumentMemo, partialOptions: Partial<EngineOptions> | undefined, parseMs: number, lineIndexAfterEdit?: () => LineIndex): Analysis {
  const text = parsed.text;
  const options = withDefaults(partialOptions);
  let t = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = now - t;
    t = now;
    return ms;
  };
  const findings: Finding[] = [...parsed.findings];
  findings.push(...validateSchema(parsed.document, memo));
  const schemaMs = lap();
  const built = buildModel(parsed.document, memo);
  findings.push(...built.findings);
  const modelMs = lap();
  const estimate = estimatePlan(built.model, options, memo.estimates);
  const forecast = options.actuals ? forecastPlan(estimate.schedule, options.actuals, options.nowEpochMs ?? Date.now(), vmNamesOf(built.model)) : undefined;
  const estimateMs = lap();
  findings.push(...runRules({ model: built.model, estimate, options, memo, forecast }));
  const rulesMs = lap();
  const lineIndex = lineIndexAfterEdit?.() ?? new LineIndex(text);
  const kept = applySuppressions(text, lineIndex, findings);
  const located = kept
    .map((f) => ({ ...f, range: lineIndex.rangeOf(f.span) }))
    .sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  const timings: StageTimings = { parseMs, schemaMs, modelMs, estimateMs, rulesMs, otherMs: lap() };
  const analysis: Analysis = { text, lineIndex, document: parsed.document, model: built.model, estimate, forecast, findings: located, options, timings, memo, parsed };
  memo.latest = analysis;
  return analysis;
}

/** VM names (`name:`) to ids, so that a record naming a VM by its vCenter name finds it. */
function vmNamesOf(model: RunbookModel): Map<string, string> {
  const names = new Map<string, string>();
  for (const [id, vm] of model.vms) if (vm.name?.value) names.set(vm.name.value, id);
  return names;
}
