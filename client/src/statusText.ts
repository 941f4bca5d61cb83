/**
 * Text of the runbook language status item, from the server's `runbook/validated` notification.
 * Pure (no `vscode` import) so it is unit-tested; status.ts puts it on screen.
 */
import type { ValidatedParams } from '../../shared/src/protocol';
import { formatDuration } from '../../shared/src/units/quantity';

export type StatusSeverity = 'information' | 'warning' | 'error';

export interface StatusText {
  /** Short text; may hold `$(codicon)` references (our own, never runbook text). */
  readonly text: string;
  readonly detail: string;
  readonly severity: StatusSeverity;
  /** What a screen reader says: plain words, never `$(codicon)` syntax. */
  readonly accessibilityLabel: string;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** `14:05:09`, local time of the machine (when the check ran, not a plan time). */
export function clockTime(epochMs: number): string {
  const d = new Date(epochMs);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export function formatStatus(params: ValidatedParams, receivedEpochMs: number): StatusText {
  const severity: StatusSeverity = params.errors > 0 ? 'error' : params.warnings > 0 || params.fits === false || (params.forecast?.overrunSeconds ?? 0) > 0 ? 'warning' : 'information';
  const icon = params.errors > 0 ? '$(error)' : params.warnings > 0 ? '$(warning)' : '$(check)';
  const plan = params.totalSeconds === undefined ? 'no plan total' : `plan ${formatDuration(params.totalSeconds)}`;
  const fit = params.fits === undefined ? '' : params.fits ? ', fits its windows' : ', overruns a window';
  // A running migration (the plan has actuals): its re-forecast is what matters tonight.
  const f = params.forecast;
  const forecastShort = f ? `${f.wave}: ${f.overrunSeconds > 0 ? `${formatDuration(f.overrunSeconds)} over` : 'fits'}` : '';
  const text = f ? `${f.overrunSeconds > 0 ? '$(warning)' : icon} ${forecastShort} · ${plan}` : `${icon} ${plan}${fit}`;
  const stages = params.stagesMs ? Object.entries(params.stagesMs).map(([stage, ms]) => `${stage} ${Math.round(ms)}`).join(' · ') : '';
  const forecastDetail = f ? `${f.wave}: ${[f.progressText, f.paceText, f.endText, f.decisionText].filter(Boolean).join('; ')}. ` : '';
  const detail = `${forecastDetail}${count(params.errors, 'error')}, ${count(params.warnings, 'warning')}; checked at ${clockTime(receivedEpochMs)} in ${formatDuration(params.durationMs / 1000)} (version ${params.version})` +
    (stages ? `; ${stages} ms` : '');
  // VS Code reads the item's text and detail aloud unless given a label; this one says the same without the icon.
  const accessibilityLabel = `Migration runbook: ${f ? `${forecastShort}, ` : ''}${plan}${fit}. ${detail}`;
  return { text, detail, severity, accessibilityLabel };
}

/** `text` without its `$(codicon)` references, for labels read aloud. */
export function plainText(text: string): string {
  return text.replace(/\$\([a-z0-9-~]+\)\s*/gi, '').trim();
}

/** Before the first notification for a document arrives. */
export const WAITING_STATUS: StatusText = {
  text: 'runbook: waiting for the server',
  detail: 'Waiting for the language server.',
  severity: 'information',
  accessibilityLabel: 'Migration runbook: waiting for the language server',
};

/** While the server is not running. */
export function serverStoppedStatus(problem: string): StatusText {
  return { text: '$(error) runbook server stopped', detail: problem, severity: 'error', accessibilityLabel: `Migration runbook: the language server stopped. ${plainText(problem)}` };
}
