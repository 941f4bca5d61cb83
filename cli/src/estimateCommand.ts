/** `runbook estimate FILE`: analyse one runbook and print its estimate (findings go to stderr). */
import { formatEstimateJson, formatEstimateText } from './estimate';
import type { CliIo } from './io';
import { analyseToStderr } from './singleFile';
import { painter } from './terminal';

export function estimateText(path: string, text: string, format: 'text' | 'json', io: CliIo): number {
  // Findings explain a non-zero exit; stderr keeps stdout a clean estimate (or clean JSON).
  const { report, counts } = analyseToStderr(path, text, io);
  if (!report.analysis) return 2;
  const paint = painter(io.isTTY, io.env);
  io.stdout.write(format === 'json' ? formatEstimateJson(report.analysis, counts) : formatEstimateText(report.analysis, paint));
  return counts.errors > 0 ? 1 : 0;
}
