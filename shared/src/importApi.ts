/**
 * What the VS Code client needs of the RVTools import (import/src), which it loads at run time as
 * its own bundle (dist/import.js) so that ExcelJS stays out of the extension's activation. The
 * client knows the import only through this shape; import/src/importRvtools.ts implements it.
 */

export interface EditorImportRequest {
  readonly bytes: Uint8Array;
  /** The export's file name (for messages and the header comment). */
  readonly fileName: string;
  /** Merge into this runbook instead of drafting a new one. */
  readonly into?: { readonly text: string; readonly fileName: string };
}

/** One replacement in the runbook's text, by UTF-16 offsets. */
export interface EditorImportEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

export type EditorImportOutcome =
  | { readonly kind: 'new'; readonly text: string; readonly summary: readonly string[]; readonly skipped: readonly string[] }
  | { readonly kind: 'merge'; readonly edits: readonly EditorImportEdit[]; readonly summary: readonly string[]; readonly skipped: readonly string[] };

export interface EditorImportModule {
  importForEditor(request: EditorImportRequest): Promise<EditorImportOutcome>;
}

// ---------------------------------------------------------------------------------------------
// Measured migrations in the editor (issue 14): the same readers, fit and actuals file as
// `runbook actuals` / `runbook calibrate`, run in the extension host through the import bundle.

/** How the record's local times are placed (asked of the user when the file has no offsets). */
export interface EditorTimeBasis {
  readonly utcOffset?: string;
  readonly timeZone?: string;
  readonly dateOrder?: 'mdy' | 'dmy';
}

export interface EditorMeasuredRequest extends EditorTimeBasis {
  readonly csvText: string;
  readonly csvFileName: string;
  readonly runbookText: string;
  readonly runbookFileName: string;
}

/** What the user must say before the record can be read (the reader never guesses). */
export type EditorMeasuredNeeds =
  | { readonly kind: 'needs'; readonly what: 'time-basis' | 'date-order'; readonly message: string }
  | { readonly kind: 'error'; readonly message: string };

export type EditorRecordActualsOutcome =
  | EditorMeasuredNeeds
  | { readonly kind: 'actuals'; readonly text: string; readonly changed: boolean; readonly summary: string; readonly details: readonly string[] };

export type EditorCalibrateOutcome =
  | EditorMeasuredNeeds
  | { readonly kind: 'choose-link'; readonly links: readonly string[] }
  | { readonly kind: 'calibration'; readonly edit: EditorImportEdit; readonly linkId: string; readonly summary: string; readonly details: readonly string[] };

export interface EditorStepChoice {
  readonly wave: string;
  readonly step: string;
  readonly label: string;
  readonly detail: string;
}

export type EditorMarkStepOutcome =
  | { readonly kind: 'choose-step'; readonly steps: readonly EditorStepChoice[] }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'actuals'; readonly text: string; readonly summary: string };

export interface EditorMeasuredModule {
  recordActualsForEditor(request: EditorMeasuredRequest & { readonly actualsText?: string }): EditorRecordActualsOutcome;
  calibrateForEditor(request: EditorMeasuredRequest & { readonly linkId?: string }): EditorCalibrateOutcome;
  markStepForEditor(request: {
    readonly runbookText: string;
    readonly runbookFileName: string;
    readonly actualsText?: string;
    /** The cursor (UTF-16 offset), when no step is chosen yet. */
    readonly offset?: number;
    readonly step?: { readonly wave: string; readonly step: string };
    readonly which: 'start' | 'end';
    /** `now`, `HH:MM` (the wave's own offset) or an ISO time with its offset. */
    readonly at: string;
    readonly nowEpochMs: number;
  }): EditorMarkStepOutcome;
}
