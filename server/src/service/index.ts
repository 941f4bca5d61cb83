/**
 * The language service: protocol-free editor features over the engine, one facade as in
 * yaml-language-server's `getLanguageService()`. Inputs are text documents and positions, outputs
 * are plain LSP-shaped data; the features/ layer wires these to the connection. Analyses are cached
 * per URI and version (documents.ts), so every feature of one version shares one analysis.
 *
 * New protocol-free features add a method here and a module beside this one.
 */
import type { CodeLens, Diagnostic, Hover, InlayHint, Position, Range } from 'vscode-languageserver-types';
import type { ScheduleResult } from '../../../shared/src/protocol';
import type { RunbookSettings } from '../../../shared/src/settings';
import type { Analysis, StageTimings } from '../engine/analyze';
import { getCodeLenses } from './codeLens';
import { countDiagnostics, toDiagnostics, type DiagnosticCounts } from './diagnostics';
import { DocumentCache, type DocumentState, type TextDocumentLike } from './documents';
import { doHover } from './hover';
import { getInlayHints } from './inlayHints';
import { buildScheduleResult } from './schedule';

export type { DocumentState, TextDocumentLike } from './documents';

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
}

export interface LanguageService {
  readonly settings: RunbookSettings;
  /** Changes with every `configure`, so results computed under old settings can be told apart. */
  readonly settingsGeneration: number;
  configure(settings: RunbookSettings): void;
  /** The analysis of this document version (computed once per version), or why there is none. */
  getState(document: TextDocumentLike): DocumentState;
  /** The analysis, or undefined when the document was too large to analyse. */
  getAnalysis(document: TextDocumentLike): Analysis | undefined;
  doValidation(document: TextDocumentLike): Validation;
  doHover(document: TextDocumentLike, position: Position): Hover | null;
  getInlayHints(document: TextDocumentLike, range: Range): InlayHint[];
  getCodeLenses(document: TextDocumentLike): CodeLens[];
  getSchedule(document: TextDocumentLike): ScheduleResult | null;
  /** Drops the cached analysis of a closed document. */
  forget(uri: string): void;
}

export function getLanguageService(): LanguageService {
  const cache = new DocumentCache();
  const analysisOf = (document: TextDocumentLike): Analysis | undefined => {
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
    getState: (document) => cache.get(document).state,
    getAnalysis: analysisOf,
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
      };
    },
    doHover(document, position) {
      const analysis = analysisOf(document);
      return analysis ? doHover(analysis, position) : null;
    },
    getInlayHints(document, range) {
      const analysis = analysisOf(document);
      return analysis ? getInlayHints(analysis, range, cache.settings.hints) : [];
    },
    getCodeLenses(document) {
      const analysis = analysisOf(document);
      return analysis && cache.settings.codeLens.enabled ? getCodeLenses(document.uri, analysis) : [];
    },
    getSchedule(document) {
      const analysis = analysisOf(document);
      return analysis ? buildScheduleResult(document.uri, document.version, analysis) : null;
    },
    forget: (uri) => cache.forget(uri),
  };
}

function roundedStages(timings: StageTimings): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [stage, ms] of Object.entries(timings)) out[stage.replace(/Ms$/, '')] = Math.round(ms * 10) / 10;
  return out;
}
