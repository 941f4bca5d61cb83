/** `runbook estimate FILE`: analyse one runbook and print its estimate (findings go to stderr). */
import { formatEstimateJson, formatEstimateText } from './estimate';
import { formatFindingLine, summaryLine } from './format-text';
import type { CliIo } from './io';
import { countFindings, reportFile } from './report';
import { painter } from './terminal';

export function estimateText(path: string, text: string, format: 'text' | 'json', io: CliIo): number {
  const report = reportFile(path, text, io.analyze);
  const counts = countFindings(report.findings);
  // Findings explain a non-zero exit; stderr keeps stdout a clean estimate (or clean JSON).
  if (report.findings.length > 0) {
    const errPaint = painter(false, io.env);
    for (const f of report.findings) io.stderr.write(formatFindingLine(path, f, errPaint) + '\n');
    io.stderr.write(summaryLine(counts, 1) + '\n');
  }
  if (!report.analysis) return 2;
  const paint = painter(io.isTTY, io.env);
  io.stdout.write(format === 'json' ? formatEstimateJson(report.analysis, counts) : formatEstimateText(report.analysis, paint));
  return counts.errors > 0 ? 1 : 0;
}
