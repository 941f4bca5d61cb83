/** Compiler-style text: `file:line:col severity RB### message`, 1-based, then a summary line. */
import { addCounts, countFindings, NO_COUNTS, type Counts, type FileReport, type ReportedFinding } from './report';
import { safe, type Painter, type Style } from './terminal';

const SEVERITY_STYLE: Record<ReportedFinding['severity'], Style[]> = {
  error: ['red', 'bold'],
  warning: ['yellow', 'bold'],
  information: ['blue'],
  hint: ['dim'],
};

export function formatFindingLine(path: string, f: ReportedFinding, paint: Painter): string {
  const where = `${safe(path)}:${f.range.start.line + 1}:${f.range.start.character + 1}`;
  return `${paint.paint(where, 'bold')} ${paint.paint(f.severity, ...SEVERITY_STYLE[f.severity])} ${paint.paint(safe(f.code), 'dim')} ${safe(f.message)}`;
}

function formatRelatedLine(path: string, r: ReportedFinding['related'][number], paint: Painter): string {
  return `  ${safe(path)}:${r.range.start.line + 1}:${r.range.start.character + 1} ${paint.paint('note', 'dim')} ${safe(r.message)}`;
}

export function formatTextReport(reports: readonly FileReport[], paint: Painter): string {
  const lines: string[] = [];
  let total: Counts = NO_COUNTS;
  for (const report of reports) {
    for (const f of report.findings) {
      lines.push(formatFindingLine(report.path, f, paint));
      for (const r of f.related) lines.push(formatRelatedLine(report.path, r, paint));
    }
    total = addCounts(total, countFindings(report.findings));
  }
  lines.push(paint.paint(summaryLine(total, reports.length), 'bold'));
  return lines.join('\n') + '\n';
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `2 errors, 1 warning in 3 files` (information counted only when there is some). */
export function summaryLine(counts: Counts, files: number): string {
  const parts = [plural(counts.errors, 'error', 'errors'), plural(counts.warnings, 'warning', 'warnings')];
  if (counts.information > 0) parts.push(`${counts.information} information`);
  return `${parts.join(', ')} in ${plural(files, 'file', 'files')}`;
}
