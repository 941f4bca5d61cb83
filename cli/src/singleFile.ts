/**
 * Commands that turn one runbook into some other output (`estimate`, `timeline`) analyse it the same
 * way: findings go to stderr, so stdout carries only the command's own output.
 */
import { formatFindingLine, summaryLine } from './formatText';
import type { CliIo } from './io';
import { countFindings, reportFile, type Counts, type FileReport } from './report';
import { painter } from './terminal';

export function analyseToStderr(path: string, text: string, io: CliIo): { report: FileReport; counts: Counts } {
  const report = reportFile(path, text, io.analyze);
  const counts = countFindings(report.findings);
  if (report.findings.length > 0) {
    const paint = painter(false, io.env);
    for (const f of report.findings) io.stderr.write(formatFindingLine(path, f, paint) + '\n');
    io.stderr.write(summaryLine(counts, 1) + '\n');
  }
  return { report, counts };
}
