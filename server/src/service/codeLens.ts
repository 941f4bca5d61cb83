/**
 * Code lenses above each wave: its duration against its window and its VMs' errors and warnings (a
 * plain title: `≈ 37 min of 8 h (fits the window, 1 VM will fail)`), and "Show timeline", which runs the client's `runbook.showTimeline` command with the document URI.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysis } from '../engine/analyze';
import { problemCounts, waveFitLabel, waveVerdictText } from '../../../shared/src/timeline/layout';
import { vmProblems } from './vmProblems';
import { waveForecastSummary } from './forecast';

export const SHOW_TIMELINE_COMMAND = 'runbook.showTimeline';

export function getCodeLenses(uri: string, analysis: Analysis): CodeLens[] {
  const lenses: CodeLens[] = [];
  const problems = vmProblems(analysis);
  for (const wave of analysis.estimate.schedule.waves) {
    const source = analysis.model.waves.find((w) => w.index === wave.index);
    if (!source) continue;
    const start = analysis.lineIndex.positionAt(source.span.start);
    const range = { start: { line: start.line, character: 0 }, end: { line: start.line, character: 0 } };
    // The fit, then what the Problems panel says about the wave's VMs: "fits the window, 1 VM will fail".
    const fits = wave.windowSeconds === undefined ? undefined : !(wave.overrunSeconds > 0);
    const verdict = waveVerdictText(fits, problemCounts(wave.vms.map((v) => problems.get(v.vmId))));
    // An empty command id renders as a plain label in VS Code: informative, not clickable.
    lenses.push({ range, command: { title: `${waveFitLabel(wave)} (${verdict})`, command: '' } });
    // With actuals: the re-forecast of a wave that started (docs/estimates.md, Re-forecast).
    const forecast = analysis.forecast?.waves.find((f) => f.index === wave.index);
    if (forecast?.started && analysis.forecast) {
      const s = waveForecastSummary(forecast, analysis.forecast.nowEpochMs);
      lenses.push({ range, command: { title: `Actuals: ${[s.progressText, s.paceText, s.endText, s.decisionText].filter(Boolean).join(' · ')}`, command: '' } });
    }
    lenses.push({ range, command: { title: 'Show timeline', command: SHOW_TIMELINE_COMMAND, arguments: [uri] } });
  }
  return lenses;
}
