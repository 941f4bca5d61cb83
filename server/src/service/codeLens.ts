/**
 * Code lenses above each wave: its duration against its window (a plain title) and "Show timeline",
 * which runs the client's `runbook.showTimeline` command with the document URI.
 */
import type { CodeLens } from 'vscode-languageserver-types';
import type { Analysis } from '../engine/analyze';
import { waveFitLabel } from '../../../shared/src/timeline/layout';

export const SHOW_TIMELINE_COMMAND = 'runbook.showTimeline';

export function getCodeLenses(uri: string, analysis: Analysis): CodeLens[] {
  const lenses: CodeLens[] = [];
  for (const wave of analysis.estimate.schedule.waves) {
    const source = analysis.model.waves.find((w) => w.index === wave.index);
    if (!source) continue;
    const start = analysis.lineIndex.positionAt(source.span.start);
    const range = { start: { line: start.line, character: 0 }, end: { line: start.line, character: 0 } };
    const verdict = wave.windowSeconds === undefined ? 'no window' : wave.overrunSeconds > 0 ? 'does not fit' : 'fits';
    // An empty command id renders as a plain label in VS Code: informative, not clickable.
    lenses.push({ range, command: { title: `${waveFitLabel(wave)} (${verdict})`, command: '' } });
    lenses.push({ range, command: { title: 'Show timeline', command: SHOW_TIMELINE_COMMAND, arguments: [uri] } });
  }
  return lenses;
}
