/**
 * The language service: protocol-free editor features over the engine, one facade as in
 * vscode-json-languageservice. Features hand it the editor's text document (uri, version, text:
 * the only handle they hold) and call `doX(document, ...)`; the analysis stays inside, cached per
 * URI and version (documents.ts), so every feature of one version shares one analysis. Outputs are
 * plain LSP-shaped data; the features/ layer wires these to the connection.
 *
 * A new protocol-free feature is a module beside this one and one `doX` method here.
 */
import type {
  CodeAction, CodeLens, CompletionList, Diagnostic, DocumentSymbol, FoldingRange, Hover, InlayHint, Location, Position,
  Range, WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { ForecastSummary, ScheduleResult, WhatIfApplyResult, WhatIfResult } from '../../../shared/src/protocol';
import type { RunbookSettings } from '../../../shared/src/settings';
import type { StageTimings } from '../engine/analyze';
import { codeActions } from './codeActions';
import { getCodeLenses } from './codeLens';
import { forecastSummary } from './forecast';
import { complete } from './completion';
import { countDiagnostics, toDiagnostics, type DiagnosticCounts } from './diagnostics';
import { DocumentCache, type DocumentState, type TextDocumentLike } from './documents';
import { doHover } from './hover';
import { getInlayHints } from './inlayHints';
import { definition, documentSymbols, foldingRanges, prepareRename, references, rename, type PrepareRenameResult } from './navigation';
import { buildScheduleResult } from './schedule';
import { warmUp } from './warmup';
import { computeWhatIf, computeWhatIfApply } from './whatIf';

export type { DocumentState, TextDocumentLike } from './documents';
export { RenameError } from './navigation';

export interface Validation {
  readonly uri: string;
  readonly version: number;
  readonly diagnostics: Diagnostic[];
  readonly counts: DiagnosticCounts;
  /** Time the analysis took (0 when this analysis was validated before). */
  readonly durationMs: number;
  /**
   * True the first time this analysis is validated. Another feature (hover, inlay hints, code lens)
   * may have computed the analysis first; its validation is still the first, so still reported.
   */
  readonly fresh: boolean;
  readonly totalSeconds?: number;
  readonly fits?: boolean;
  /** Milliseconds per stage of the analysis (engine/analyze.ts StageTimings). */
  readonly stagesMs?: Readonly<Record<string, number>>;
  /** The running wave's re-forecast (plans with actuals). */
  readonly forecast?: ForecastSummary;
}

export interface LanguageService {
  readonly settings: RunbookSettings;
  /** Changes with every `configure`, so results computed under old settings can be told apart. */
  readonly settingsGeneration: number;
  configure(settings: RunbookSettings): void;
  doValidation(document: TextDocumentLike): Validation;
  doHover(document: TextDocumentLike, position: Position): Hover | null;
  doInlayHints(document: TextDocumentLike, range: Range): InlayHint[];
  doCodeLens(document: TextDocumentLike): CodeLens[];
  doComplete(document: TextDocumentLike, position: Position): CompletionList | null;
  /** Quick fixes for the diagnostics the client sends back (their `data` carries the fix). */
  doCodeActions(document: TextDocumentLike, diagnostics: readonly Diagnostic[]): CodeAction[];
  doDefinition(document: TextDocumentLike, position: Position): Location | null;
  doReferences(document: TextDocumentLike, position: Position, includeDeclaration: boolean): Location[];
  doPrepareRename(document: TextDocumentLike, position: Position): PrepareRenameResult | null;
  /** Throws RenameError for a name that is not a valid id or is taken. */
  doRename(document: TextDocumentLike, position: Position, newName: string): WorkspaceEdit | null;
  doDocumentSymbols(document: TextDocumentLike): DocumentSymbol[];
  doFoldingRanges(document: TextDocumentLike): FoldingRange[];
  /** `runbook/schedule`; null when the document could not be analysed. */
  doSchedule(document: TextDocumentLike): ScheduleResult | null;
  /** `runbook/whatIf`: the plan with the overrides (untrusted input, checked) beside the plan as written. */
  doWhatIf(document: TextDocumentLike, overrides: unknown): WhatIfResult | null;
  /** `runbook/whatIfApply`: the edits that write the overrides into the runbook. */
  doWhatIfApply(document: TextDocumentLike, overrides: unknown): WhatIfApplyResult | null;
  /** Drops the cached analysis of a closed document (and its actuals). */
  forget(uri: string): void;
  /**
   * The runbook's actuals file (docs/actuals.md), read by the server from beside it; undefined when
   * there is none. True when that changed the analysis (re-validate and refresh).
   */
  setActuals(uri: string, file: { readonly fileName: string; readonly text: string } | undefined): boolean;
  /** For a runbook with actuals whose wave is running: "now" moved, so re-forecast. True when it will. */
  refreshClock(uri: string): boolean;
  /** True while the runbook's last analysis forecasts a wave that is running (the clock matters). */
  isRunning(uri: string): boolean;
  /** Runs the whole pipeline once on a made-up runbook so the first real document does not pay for JIT and ajv compiles. */
  warmUp(): void;
}

/** The service with its cache opened up, for tests and the fuzzer (features get `LanguageService`). */
export interface InspectableLanguageService extends LanguageService {
  /** The cached analysis of this document version, or why there is none. */
  inspect(document: TextDocumentLike): DocumentState;
}

export function getLanguageService(): InspectableLanguageService {
  const cache = new DocumentCache();
  const analysisOf = (document: TextDocumentLike) => {
    const { state } = cache.get(document);
    return state.kind === 'analysed' ? state.analysis : undefined;
  };
  // Diagnostics are derived once per cached state: pulls and pushes of the same version reuse them.
  const diagnosticsOf = new WeakMap<DocumentState, Diagnostic[]>();

  return {
    get settings() {
      return cache.settings;
    },
    get settingsGeneration() {
      return cache.settingsGeneration;
    },
    configure: (settings) => cache.configure(settings),
    inspect: (document) => cache.get(document).state,
    doValidation(document) {
      const { state } = cache.get(document);
      let diagnostics = diagnosticsOf.get(state);
      const fresh = diagnostics === undefined;
      if (!diagnostics) {
        diagnostics = toDiagnostics(state);
        diagnosticsOf.set(state, diagnostics);
      }
      const schedule = state.kind === 'analysed' ? state.analysis.estimate.schedule : undefined;
      const scheduled = schedule !== undefined && schedule.waves.length > 0;
      return {
        uri: document.uri,
        version: document.version,
        diagnostics,
        counts: countDiagnostics(diagnostics),
        durationMs: fresh ? state.durationMs : 0,
        fresh,
        totalSeconds: scheduled ? schedule.totalSeconds : undefined,
        fits: scheduled ? schedule.fits : undefined,
        stagesMs: state.kind === 'analysed' ? roundedStages(state.analysis.timings) : undefined,
        forecast: state.kind === 'analysed' ? forecastSummary(state.analysis) : undefined,
      };
    },
    doHover(document, position) {
      const analysis = analysisOf(document);
      return analysis ? doHover(analysis, position) : null;
    },
    doInlayHints(document, range) {
      const analysis = analysisOf(document);
      return analysis ? getInlayHints(analysis, range, cache.settings.hints) : [];
    },
    doCodeLens(document) {
      const analysis = analysisOf(document);
      return analysis && cache.settings.codeLens.enabled ? getCodeLenses(document.uri, analysis) : [];
    },
    doComplete(document, position) {
      const analysis = analysisOf(document);
      return analysis ? complete(analysis, position) : null;
    },
    doCodeActions(document, diagnostics) {
      const analysis = analysisOf(document);
      return analysis ? codeActions(analysis, document.uri, diagnostics) : [];
    },
    doDefinition(document, position) {
      const analysis = analysisOf(document);
      return (analysis && definition(analysis, document.uri, position)) ?? null;
    },
    doReferences(document, position, includeDeclaration) {
      const analysis = analysisOf(document);
      return analysis ? references(analysis, document.uri, position, includeDeclaration) : [];
    },
    doPrepareRename(document, position) {
      const analysis = analysisOf(document);
      return (analysis && prepareRename(analysis, position)) ?? null;
    },
    doRename(document, position, newName) {
      const analysis = analysisOf(document);
      return (analysis && rename(analysis, document.uri, position, newName)) ?? null;
    },
    doDocumentSymbols(document) {
      const analysis = analysisOf(document);
      return analysis ? documentSymbols(analysis) : [];
    },
    doFoldingRanges(document) {
      const analysis = analysisOf(document);
      return analysis ? foldingRanges(analysis) : [];
    },
    doSchedule(document) {
      const analysis = analysisOf(document);
      return analysis ? buildScheduleResult(document.uri, document.version, analysis) : null;
    },
    doWhatIf(document, overrides) {
      const analysis = analysisOf(document);
      return analysis ? computeWhatIf(document.uri, document.version, analysis, overrides) : null;
    },
    doWhatIfApply(document, overrides) {
      const analysis = analysisOf(document);
      return analysis ? computeWhatIfApply(document.uri, document.version, analysis, overrides) : null;
    },
    forget: (uri) => cache.forget(uri),
    setActuals: (uri, file) => cache.setActuals(uri, file),
    refreshClock: (uri) => cache.refreshClock(uri),
    isRunning(uri) {
      const state = cache.latest(uri);
      return state?.kind === 'analysed' && state.analysis.forecast?.runningWaveIndex !== undefined;
    },
    warmUp,
  };
}

function roundedStages(timings: StageTimings): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [stage, ms] of Object.entries(timings)) out[stage.replace(/Ms$/, '')] = Math.round(ms * 10) / 10;
  return out;
}
