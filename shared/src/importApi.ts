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
