/**
 * The text summary of a plan's schedule (`runbook/schedule`), shown by the timeline commands until
 * the timeline webview lands: one row a wave (name, start, end, fit) for a quick pick, and the same
 * as a Markdown document. Pure, no `vscode` import. Wave names are runbook text: untrusted, escaped.
 */
import type { ScheduleResult, TimelineWave } from '../../shared/src/protocol';
import { formatDuration } from '../../shared/src/units/quantity';

export const SUMMARY_NOTE = 'Text summary of the schedule; the graphical timeline is not built yet.';

/** `2026-12-05 22:00 -05:00`: wall-clock time in the zone the window was written in. */
export function formatWallClock(epochMs: number, utcOffsetMinutes: number): string {
  const d = new Date(epochMs + utcOffsetMinutes * 60_000);
  const two = (n: number): string => String(n).padStart(2, '0');
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const zone = utcOffsetMinutes === 0 ? 'UTC' : `${sign}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())} ${zone}`;
}

export function waveFitText(wave: TimelineWave): string {
  if (wave.fits === undefined) return 'no window to fit';
  if (wave.fits) return 'fits its window';
  return `overruns its window by ${formatDuration(wave.overrunSeconds)}`;
}

export interface WaveRow {
  readonly label: string;
  readonly description: string;
  readonly detail: string;
  /** 0-based line of the wave in the runbook. */
  readonly line: number;
  readonly fits?: boolean;
}

/** Quick pick labels render `$(name)` as icons; break that syntax in runbook text. */
export function plainLabel(text: string): string {
  return text.replace(/\$\(/g, '$\u200b(');
}

export function waveRows(result: ScheduleResult): WaveRow[] {
  return result.waves.map((w) => {
    const vmCount = result.vms.filter((vm) => vm.waveIndex === w.index).length;
    return {
      label: plainLabel(w.name || `Wave ${w.index + 1}`),
      description: `${formatWallClock(w.startEpochMs, w.utcOffsetMinutes)} → ${formatWallClock(w.endEpochMs, w.utcOffsetMinutes)}`,
      detail: `${formatDuration((w.endEpochMs - w.startEpochMs) / 1000)}, ${vmCount} VM${vmCount === 1 ? '' : 's'}, ${waveFitText(w)}`,
      line: w.line,
      fits: w.fits,
    };
  });
}

export function planHeadline(result: ScheduleResult): string {
  const fit = result.fits ? 'every wave fits its window' : 'does not fit';
  return `Plan ${formatDuration(result.totalSeconds)}, ${fit}; ${result.errors} error${result.errors === 1 ? '' : 's'}, ${result.warnings} warning${result.warnings === 1 ? '' : 's'}`;
}

/** Escapes Markdown (and HTML) syntax so runbook text shows literally in a heading or table cell. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/\r?\n/g, ' ');
}

export function summaryMarkdown(result: ScheduleResult, documentName: string): string {
  const title = result.name ?? documentName;
  const lines = [
    `# Schedule: ${escapeMarkdown(title)}`,
    '',
    `_${SUMMARY_NOTE}_`,
    '',
    `${planHeadline(result)} (document version ${result.version}).`,
    '',
  ];
  if (result.waves.length === 0) {
    lines.push('The plan has no waves to schedule.');
  } else {
    lines.push('| Wave | Start | End | Duration | VMs | Fit |', '| --- | --- | --- | --- | ---: | --- |');
    for (const w of result.waves) {
      const vmCount = result.vms.filter((vm) => vm.waveIndex === w.index).length;
      const cells = [
        escapeMarkdown(w.name || `Wave ${w.index + 1}`),
        formatWallClock(w.startEpochMs, w.utcOffsetMinutes),
        formatWallClock(w.endEpochMs, w.utcOffsetMinutes),
        formatDuration((w.endEpochMs - w.startEpochMs) / 1000),
        String(vmCount),
        waveFitText(w),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
  }
  if (result.criticalPath.length > 0) {
    lines.push('', `Critical path: ${result.criticalPath.map((id) => `\`${id.replace(/`/g, "'")}\``).join(' → ')}`);
  }
  return lines.join('\n') + '\n';
}
