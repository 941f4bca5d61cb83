/**
 * The analysis cache: one analysis per document URI and version, recomputed only when the version
 * (or the settings) change. Every feature reads its analysis from here, so a document is parsed and
 * estimated once per edit however many features ask.
 */
import { reanalyze, type Analysis } from '../engine/analyze';
import type { EngineOptions } from '../engine/options';
import type { RunbookSettings } from '../../../shared/src/settings';
import { DEFAULT_SETTINGS } from '../../../shared/src/settings';

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
    tcpEfficiency: settings.efficiency.tcp,
    wanOptimizedEfficiency: settings.efficiency.wanOptimized,
  };
}

export class DocumentCache {
  private readonly states = new Map<string, DocumentState>();
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
      const analysis = reanalyze(previous?.kind === 'analysed' ? previous.analysis : undefined, text, engineOptionsFrom(this.currentSettings));
      state = { kind: 'analysed', uri: document.uri, version: document.version, analysis, durationMs: performance.now() - started };
    }
    this.states.set(document.uri, state);
    return { state, fresh: true };
  }

  forget(uri: string): void {
    this.states.delete(uri);
  }
}
