/**
 * The analysis cache: one analysis per document URI and version, recomputed only when the version
 * (or the settings) change. Every feature reads its analysis from here, so a document is parsed and
 * estimated once per edit however many features ask.
 */
import { reanalyze, type Analysis } from '../engine/analyze';
import type { EngineOptions } from '../engine/options';
import type { RunbookSettings } from '../../../shared/src/settings';
import { DEFAULT_SETTINGS } from '../../../shared/src/settings';
import { parseActuals, type ParsedActuals } from '../engine/actuals/parseActuals';

/** A runbook's actuals file as last read (features/actuals.ts reads it from disk). */
interface ActualsEntry {
  readonly fileName: string;
  readonly text: string;
  readonly parsed: ParsedActuals;
}

/** The minimum the service needs of a text document (vscode-languageserver-textdocument fits). */
export interface TextDocumentLike {
  readonly uri: string;
  readonly version: number;
  getText(): string;
}

export type DocumentState =
  | { readonly kind: 'analysed'; readonly uri: string; readonly version: number; readonly analysis: Analysis; readonly durationMs: number }
  | { readonly kind: 'too-large'; readonly uri: string; readonly version: number; readonly bytes: number; readonly limitBytes: number; readonly durationMs: number };

export interface CacheResult {
  readonly state: DocumentState;
  /** True when this call did the work (the caller reports a new validation). */
  readonly fresh: boolean;
}

export function engineOptionsFrom(settings: RunbookSettings): Partial<EngineOptions> {
  return {
    defaultVsphereVersion: settings.defaultVsphereVersion,
    switchoverWarningSeconds: settings.switchoverWarningSeconds,
    calibrationMaxAgeDays: settings.calibrationMaxAgeDays,
    tcpEfficiency: settings.efficiency.tcp,
    wanOptimizedEfficiency: settings.efficiency.wanOptimized,
  };
}

export class DocumentCache {
  private readonly states = new Map<string, DocumentState>();
  private readonly actuals = new Map<string, ActualsEntry>();
  private currentSettings: RunbookSettings = DEFAULT_SETTINGS;
  /** Bumped on every settings change; part of diagnostic result ids. */
  private generation = 0;

  get settings(): RunbookSettings {
    return this.currentSettings;
  }

  get settingsGeneration(): number {
    return this.generation;
  }

  /** New settings drop every cached analysis (estimates depend on them). */
  configure(settings: RunbookSettings): void {
    this.currentSettings = settings;
    this.generation++;
    this.states.clear();
  }

  /**
   * The runbook's actuals file (its text), or undefined when it has none. Returns true when that
   * changed what the runbook is analysed with: its cached analysis is dropped and the generation
   * bumped, so pulls that hold an older result id get the new diagnostics.
   */
  setActuals(uri: string, file: { readonly fileName: string; readonly text: string } | undefined): boolean {
    const current = this.actuals.get(uri);
    if (!file) {
      if (!current) return false;
      this.actuals.delete(uri);
    } else {
      if (current && current.text === file.text && current.fileName === file.fileName) return false;
      this.actuals.set(uri, { ...file, parsed: parseActuals(file.text) });
    }
    this.states.delete(uri);
    this.generation++;
    return true;
  }

  hasActuals(uri: string): boolean {
    return this.actuals.has(uri);
  }

  /** "Now" moved: the re-forecast of a runbook with actuals is recomputed on the next request. */
  refreshClock(uri: string): boolean {
    if (!this.actuals.has(uri) || !this.states.has(uri)) return false;
    this.states.delete(uri);
    this.generation++;
    return true;
  }

  /** The last state of this URI, whatever its version. */
  latest(uri: string): DocumentState | undefined {
    return this.states.get(uri);
  }

  /** The cached state if it matches this version, without computing. */
  peek(uri: string, version: number): DocumentState | undefined {
    const state = this.states.get(uri);
    return state && state.version === version ? state : undefined;
  }

  get(document: TextDocumentLike): CacheResult {
    const cached = this.peek(document.uri, document.version);
    if (cached) return { state: cached, fresh: false };
    const started = performance.now();
    const text = document.getText();
    const limitBytes = this.currentSettings.maxDocumentBytes;
    // UTF-16 length * 3 bounds the UTF-8 size, so most documents skip the exact byte count.
    const bytes = text.length * 3 > limitBytes ? Buffer.byteLength(text, 'utf8') : text.length;
    let state: DocumentState;
    if (bytes > limitBytes) {
      state = { kind: 'too-large', uri: document.uri, version: document.version, bytes, limitBytes, durationMs: performance.now() - started };
    } else {
      // The previous version hands its analysis and the document's memo over (engine/analyze.ts
      // reanalyze; an edit inside one item re-parses only that item): this state replaces it.
      const previous = this.states.get(document.uri);
      const actuals = this.actuals.get(document.uri);
      const options = actuals
        ? { ...engineOptionsFrom(this.currentSettings), actuals: actuals.parsed.actuals, actualsFile: { fileName: actuals.fileName, problems: actuals.parsed.problems }, nowEpochMs: Date.now() }
        : engineOptionsFrom(this.currentSettings);
      const analysis = reanalyze(previous?.kind === 'analysed' ? previous.analysis : undefined, text, options);
      state = { kind: 'analysed', uri: document.uri, version: document.version, analysis, durationMs: performance.now() - started };
    }
    this.states.set(document.uri, state);
    return { state, fresh: true };
  }

  forget(uri: string): void {
    this.states.delete(uri);
    this.actuals.delete(uri);
  }
}
