/**
 * Machine-readable findings with LSP-shaped 0-based positions, a contract for other tools: fields
 * may be added, never renamed. `hint` is reported as `information`.
 */
import type { Range } from '../../server/src/engine/text';
import type { FileReport, ReportedFinding } from './report';
import { terminalSafeJson } from './terminal';

export type JsonSeverity = 'error' | 'warning' | 'information';

export interface JsonDiagnostic {
  readonly range: Range;
  readonly severity: JsonSeverity;
  readonly code: string;
  readonly message: string;
  /** Other places the finding refers to (same file), 0-based like `range`. */
  readonly related?: readonly { readonly range: Range; readonly message: string }[];
}

export interface JsonFile {
  readonly path: string;
  readonly diagnostics: readonly JsonDiagnostic[];
}

export interface JsonReport {
  readonly files: readonly JsonFile[];
}

export function jsonSeverity(severity: ReportedFinding['severity']): JsonSeverity {
  return severity === 'hint' ? 'information' : severity;
}

export function toJsonReport(reports: readonly FileReport[]): JsonReport {
  return {
    files: reports.map((r) => ({
      path: r.path,
      diagnostics: r.findings.map((f) => ({
        range: f.range,
        severity: jsonSeverity(f.severity),
        code: f.code,
        message: f.message,
        ...(f.related.length > 0 ? { related: f.related } : {}),
      })),
    })),
  };
}

export function formatJsonReport(reports: readonly FileReport[]): string {
  return terminalSafeJson(toJsonReport(reports));
}
