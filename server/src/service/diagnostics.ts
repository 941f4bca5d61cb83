/** Engine findings -> LSP diagnostics (plain data; the features layer sends them). */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { Severity } from '../engine/findings';
import { formatBytes } from '../../../shared/src/units/quantity';
import type { DocumentState } from './documents';

export const DIAGNOSTIC_SOURCE = 'runbook';
/** The document is too large to analyse (see the `runbook.maxDocumentBytes` setting). */
export const TOO_LARGE_CODE = 'RB000';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

export interface DiagnosticCounts {
  readonly errors: number;
  readonly warnings: number;
}

export function toDiagnostics(state: DocumentState): Diagnostic[] {
  if (state.kind === 'too-large') {
    return [{
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Warning,
      code: TOO_LARGE_CODE,
      source: DIAGNOSTIC_SOURCE,
      message: `This runbook is ${formatBytes(state.bytes)} (${state.bytes} bytes), above the runbook.maxDocumentBytes setting of ` +
        `${formatBytes(state.limitBytes)} (${state.limitBytes} bytes), so it was not analysed; raise the setting or split the runbook.`,
    }];
  }
  const { analysis } = state;
  return analysis.findings.map((finding): Diagnostic => {
    const diagnostic: Diagnostic = {
      range: finding.range,
      severity: SEVERITY[finding.severity],
      code: finding.code,
      source: DIAGNOSTIC_SOURCE,
      message: finding.message,
    };
    if (finding.fix) diagnostic.data = finding.fix;
    if (finding.related && finding.related.length > 0) {
      diagnostic.relatedInformation = finding.related.map((r) => ({
        location: { uri: state.uri, range: analysis.lineIndex.rangeOf(r.span) },
        message: r.message,
      }));
    }
    return diagnostic;
  });
}

export function countDiagnostics(diagnostics: readonly Diagnostic[]): DiagnosticCounts {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === DiagnosticSeverity.Error) errors++;
    else if (d.severity === DiagnosticSeverity.Warning) warnings++;
  }
  return { errors, warnings };
}
