/**
 * Analyses each runbook file into a report the formatters share. An exception inside the engine
 * becomes an RB000 finding for that file (the other files still run) instead of a stack trace.
 */
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import type { Severity } from '../../server/src/engine/findings';
import { INTERNAL_ERROR_CODE } from '../../server/src/engine/rules/index';
import type { Range } from '../../server/src/engine/text';

/** Code of the finding that stands for a crash of the engine on one file (shared with the rules). */
export { INTERNAL_ERROR_CODE };

export interface ReportedRelated {
  readonly range: Range;
  readonly message: string;
}

export interface ReportedFinding {
  readonly code: string;
  readonly severity: Severity;
  readonly message: string;
  /** 0-based, UTF-16 characters (LSP positions). */
  readonly range: Range;
  readonly related: readonly ReportedRelated[];
}

export interface FileReport {
  /** The path as given on the command line (or as a pattern expanded it). */
  readonly path: string;
  readonly findings: readonly ReportedFinding[];
  /** Absent when the engine failed on this file. */
  readonly analysis?: Analysis;
  readonly internalError: boolean;
}

const ORIGIN: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** `analyzeText` is the engine facade, replaceable in tests to simulate a crash. */
export function reportFile(path: string, text: string, analyzeText: (text: string) => Analysis = analyze): FileReport {
  let analysis: Analysis;
  try {
    analysis = analyzeText(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      path,
      internalError: true,
      findings: [
        {
          code: INTERNAL_ERROR_CODE,
          severity: 'error',
          message: `internal error while analysing this file (${reason}); the file was not checked. Please report this with the file.`,
          range: ORIGIN,
          related: [],
        },
      ],
    };
  }
  const findings = analysis.findings.map((f) => ({
    code: f.code,
    severity: f.severity,
    message: f.message,
    range: f.range,
    related: (f.related ?? []).map((r) => ({ range: analysis.lineIndex.rangeOf(r.span), message: r.message })),
  }));
  return { path, findings, analysis, internalError: false };
}

export interface Counts {
  readonly errors: number;
  readonly warnings: number;
  /** Information and hints together. */
  readonly information: number;
}

export function countFindings(findings: readonly ReportedFinding[]): Counts {
  let errors = 0;
  let warnings = 0;
  let information = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else information++;
  }
  return { errors, warnings, information };
}

export function addCounts(a: Counts, b: Counts): Counts {
  return { errors: a.errors + b.errors, warnings: a.warnings + b.warnings, information: a.information + b.information };
}

export const NO_COUNTS: Counts = { errors: 0, warnings: 0, information: 0 };
