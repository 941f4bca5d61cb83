import type { Range, Span } from './text';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/**
 * What a quick fix needs to know, carried in `diagnostic.data` by the server. Each kind names one
 * fix; the fields are plain data so that they survive JSON.
 */
export type FixData =
  | { readonly fix: 'replace-value'; readonly replacement: string }
  | { readonly fix: 'add-key'; readonly path: readonly (string | number)[]; readonly key: string; readonly value: string }
  | { readonly fix: 'split-wave'; readonly waveIndex: number }
  | { readonly fix: 'set-concurrency'; readonly waveIndex: number; readonly concurrency: number }
  | { readonly fix: 'set-transport'; readonly linkId: string; readonly transport: 'wan-optimized' }
  | { readonly fix: 'break-cycle'; readonly vmId: string; readonly dependencyIndex: number }
  | { readonly fix: 'create-vm'; readonly vmId: string };

export interface RelatedLocation {
  readonly span: Span;
  readonly message: string;
}

/** One finding about a runbook, located by offsets into its text. */
export interface Finding {
  /** Stable code, `RB` + number; documented in docs/diagnostics.md. */
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  readonly span: Span;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: FixData;
}

/** A finding located by line/character, as the CLI and the server report it. */
export interface LocatedFinding extends Finding {
  readonly range: Range;
}
