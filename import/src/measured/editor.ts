/**
 * The editor's side of measured migrations (client/src/measuredCommands.ts, through the import
 * bundle): Record Actuals, Calibrate, Mark Step. The same readers, fit and actuals file as the CLI;
 * every problem is an outcome the command shows, never a throw across the bundle boundary.
 */
import type {
  EditorCalibrateOutcome, EditorMarkStepOutcome, EditorMeasuredModule, EditorMeasuredNeeds, EditorMeasuredRequest, EditorRecordActualsOutcome, EditorStepChoice,
} from '../../../shared/src/importApi';
import type { ActualStep } from '../../../shared/src/measured';
import { clockText, isoWithOffset } from '../../../shared/src/units/time';
import { analyze, type Analysis } from '../../../server/src/engine/analyze';
import { mergeActuals } from '../../../server/src/engine/actuals/mergeActuals';
import { parseActuals } from '../../../server/src/engine/actuals/parseActuals';
import { calibrateLink, calibrationReport, CalibrationError } from '../../../server/src/engine/calibrate/calibrateLink';
import { MeasuredError, readMeasured } from './index';
import { parseUtcOffset, zoneFormat, zoneOffsetMinutes } from './localTime';
import { matchMeasured, unmatchedText } from './match';

function needsOf(error: unknown): EditorMeasuredNeeds {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof MeasuredError && /has no UTC offset/.test(message)) return { kind: 'needs', what: 'time-basis', message };
  if (error instanceof MeasuredError && /give --date-order/.test(message)) return { kind: 'needs', what: 'date-order', message };
  return { kind: 'error', message };
}

function offsetAt(request: EditorMeasuredRequest, fallbackMinutes: number): (epochMs: number) => number {
  if (request.utcOffset !== undefined) {
    const m = parseUtcOffset(request.utcOffset);
    if (m !== undefined) return () => m;
  }
  const format = request.timeZone ? zoneFormat(request.timeZone) : undefined;
  return format ? (ms) => zoneOffsetMinutes(format, ms) : () => fallbackMinutes;
}

export const recordActualsForEditor: EditorMeasuredModule['recordActualsForEditor'] = (request): EditorRecordActualsOutcome => {
  try {
    const record = readMeasured(request.csvText, request.csvFileName, request);
    const analysis = analyze(request.runbookText);
    const match = matchMeasured(record, analysis.model);
    const merged = mergeActuals(request.actualsText, {
      migrations: match.matched.map(({ migration: m, vmId }) => ({ vm: vmId, startEpochMs: m.startEpochMs, endEpochMs: m.endEpochMs, status: m.status, source: `${request.csvFileName} row ${m.row}` })),
    }, { runbookFileName: request.runbookFileName, offsetMinutesAt: offsetAt(request, analysis.estimate.schedule.waves[0]?.utcOffsetMinutes ?? 0) });
    const failed = record.migrations.filter((m) => m.status === 'failed' || m.status === 'cancelled').length;
    const running = record.migrations.filter((m) => m.status === 'running').length;
    const summary = `${request.csvFileName}: ${record.migrations.length} migration${record.migrations.length === 1 ? '' : 's'} (${failed} failed or cancelled, ${running} running): ${merged.added} added, ${merged.updated} updated, ${merged.unchanged} already recorded${match.unmatched.length > 0 ? `; ${match.unmatched.length} match no VM (Show Details)` : ''}.`;
    const details = [
      ...match.unmatched.map((u) => `not a VM of ${request.runbookFileName}: ${unmatchedText(u)}`),
      ...record.unused.map((u) => `row ${u.row}: ${u.reason}`),
    ];
    return { kind: 'actuals', text: merged.text, changed: merged.text !== (request.actualsText ?? ''), summary, details };
  } catch (error) {
    return needsOf(error);
  }
};

export const calibrateForEditor: EditorMeasuredModule['calibrateForEditor'] = (request): EditorCalibrateOutcome => {
  try {
    const record = readMeasured(request.csvText, request.csvFileName, request);
    const analysis = analyze(request.runbookText, { ignoreCalibration: true });
    const match = matchMeasured(record, analysis.model);
    const moves = match.matched.filter(({ migration: m }) => m.status === 'succeeded' && m.endEpochMs !== undefined)
      .map(({ migration: m, vmId }) => ({ vmId, startEpochMs: m.startEpochMs, endEpochMs: m.endEpochMs as number }));
    if (moves.length === 0) return { kind: 'error', message: `${request.csvFileName} has no succeeded move of a VM of ${request.runbookFileName} to fit.` };
    if (request.linkId === undefined) {
      const links = [...new Set(moves.map((m) => analysis.estimate.vms.get(m.vmId)?.linkId).filter((l): l is string => l !== undefined))];
      if (links.length > 1) return { kind: 'choose-link', links };
    }
    const result = calibrateLink(analysis, moves, { linkId: request.linkId, source: request.csvFileName });
    const report = calibrationReport(result);
    return { kind: 'calibration', linkId: result.linkId, edit: { start: result.edit.start, end: result.edit.end, newText: result.edit.newText }, summary: `Calibrated link '${result.linkId}' from ${result.fit.moves} move${result.fit.moves === 1 ? '' : 's'} (${request.csvFileName}): ${report[0].replace(/^link '[^']*': /, '')}.`, details: [...report, ...result.skipped.map((s) => `not fitted: ${s}`), ...match.unmatched.map((u) => `not a VM: ${unmatchedText(u)}`)] };
  } catch (error) {
    if (error instanceof CalibrationError) return { kind: 'error', message: error.message };
    return needsOf(error);
  }
};

function stepChoices(analysis: Analysis, offset: number | undefined): EditorStepChoice[] {
  const all: (EditorStepChoice & { span: { start: number; end: number } })[] = [];
  for (const w of analysis.estimate.schedule.waves) {
    const wave = analysis.model.waves.find((x) => x.index === w.index);
    for (const s of w.steps ?? []) {
      const step = wave ? [...wave.steps.before, ...wave.steps.after].find((x) => x.id.value === s.stepId && x.phase === s.phase) : undefined;
      all.push({ wave: w.name, step: s.stepId, label: `${w.name}: ${s.stepId}`, detail: `${s.phase} step${s.title ? `: ${s.title}` : ''}, planned ${clockText(s.bestStartEpochMs, w.utcOffsetMinutes, w.windowStartEpochMs ?? w.startEpochMs)}`, span: step?.span ?? { start: -1, end: -1 } });
    }
  }
  if (offset !== undefined) {
    const at = all.filter((c) => offset >= c.span.start && offset <= c.span.end);
    if (at.length > 0) return at.map(({ span: _span, ...c }) => c);
    const wave = analysis.model.waves.find((w) => offset >= w.span.start && offset <= w.span.end);
    const name = wave ? analysis.estimate.schedule.waves.find((w) => w.index === wave.index)?.name : undefined;
    if (name) return all.filter((c) => c.wave === name).map(({ span: _span, ...c }) => c);
  }
  return all.map(({ span: _span, ...c }) => c);
}

export const markStepForEditor: EditorMeasuredModule['markStepForEditor'] = (request): EditorMarkStepOutcome => {
  const analysis = analyze(request.runbookText);
  let chosen = request.step;
  if (!chosen) {
    const choices = stepChoices(analysis, request.offset);
    if (choices.length === 0) return { kind: 'error', message: 'The runbook has no before or after steps to mark.' };
    if (choices.length > 1) return { kind: 'choose-step', steps: choices };
    chosen = { wave: choices[0].wave, step: choices[0].step };
  }
  const wave = analysis.estimate.schedule.waves.find((w) => w.name === chosen?.wave);
  if (!wave) return { kind: 'error', message: `No wave '${chosen.wave}' in the runbook.` };
  const offsetMinutes = wave.utcOffsetMinutes;
  let atMs: number;
  const at = request.at.trim();
  if (at === '' || at === 'now') atMs = request.nowEpochMs;
  else if (/^\d{1,2}:\d{2}$/.test(at)) {
    // HH:MM in the wave's offset, on the day that puts it nearest to now.
    const [h, m] = at.split(':').map(Number);
    if (h > 23 || m > 59) return { kind: 'error', message: `'${at}' is not a time of day (HH:MM).` };
    const localNow = new Date(request.nowEpochMs + offsetMinutes * 60_000);
    const base = Date.UTC(localNow.getUTCFullYear(), localNow.getUTCMonth(), localNow.getUTCDate(), h, m) - offsetMinutes * 60_000;
    atMs = [base - 86_400_000, base, base + 86_400_000].reduce((best, c) => (Math.abs(c - request.nowEpochMs) < Math.abs(best - request.nowEpochMs) ? c : best));
  } else if (/(?:Z|[+-]\d{2}:?\d{2})$/i.test(at) && Number.isFinite(Date.parse(at))) atMs = Date.parse(at);
  else return { kind: 'error', message: `'${at}' is not a time: give HH:MM (in the wave's offset, ${isoWithOffset(request.nowEpochMs, offsetMinutes).slice(19)}) or an ISO time with its offset.` };
  const existing = request.actualsText ? parseActuals(request.actualsText).actuals.steps.find((s) => s.wave === chosen?.wave && s.step === chosen?.step) : undefined;
  if (request.which === 'end' && existing?.startEpochMs !== undefined && atMs < existing.startEpochMs) return { kind: 'error', message: `Step '${chosen.step}' started at ${isoWithOffset(existing.startEpochMs, offsetMinutes)}; it cannot end before that.` };
  const step: ActualStep = request.which === 'start' ? { wave: chosen.wave, step: chosen.step, startEpochMs: atMs } : { wave: chosen.wave, step: chosen.step, endEpochMs: atMs };
  const merged = mergeActuals(request.actualsText, { steps: [step] }, { runbookFileName: request.runbookFileName, offsetMinutesAt: () => offsetMinutes });
  return { kind: 'actuals', text: merged.text, summary: `Step '${chosen.step}' of ${chosen.wave} ${request.which === 'start' ? 'started' : 'done'} at ${clockText(atMs, offsetMinutes, atMs)}.` };
};
