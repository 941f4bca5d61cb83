/**
 * `runbook calibrate` and the editor's Calibrate command: measured moves (already matched to the
 * plan's VMs) -> the fit for their link -> the `calibration:` entry written into the runbook as one
 * minimal edit (the link's entry added, or its old calibration replaced), with the before/after
 * comparison per move. Pure; the analysis must be made with `ignoreCalibration` so "before" is the
 * model alone.
 */
import { isMap, type Node, type YAMLMap } from 'yaml';
import type { Analysis } from '../analyze';
import { contentEnd, insertEntryEdit, pairAtPath, type OffsetEdit } from '../yamlEdit';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { dateText } from '../../../../shared/src/units/time';
import { transferSecondsOf } from '../estimate/linkCalibration';
import { fitCalibration, predictWithFit, type CalibrationFit, type FitMove } from './fit';

export interface MeasuredMove {
  readonly vmId: string;
  readonly startEpochMs: number;
  readonly endEpochMs: number;
}

export interface CalibrationRow {
  readonly vmId: string;
  readonly measuredSeconds: number;
  readonly beforeSeconds: number;
  readonly afterSeconds: number;
}

export interface LinkCalibrationResult {
  readonly linkId: string;
  readonly fit: CalibrationFit;
  readonly rows: readonly CalibrationRow[];
  /** The new `calibration:` entry as written. */
  readonly entry: string;
  readonly edit: OffsetEdit;
  /** Moves left out, with why (another link, no estimate). */
  readonly skipped: readonly string[];
}

export class CalibrationError extends Error {}

export function calibrateLink(analysis: Analysis, moves: readonly MeasuredMove[], options: { readonly linkId?: string; readonly source: string }): LinkCalibrationResult {
  if (analysis.options.ignoreCalibration !== true) throw new Error('calibrateLink needs an analysis made with ignoreCalibration');
  const byLink = new Map<string, MeasuredMove[]>();
  const skipped: string[] = [];
  for (const m of moves) {
    const linkId = analysis.estimate.vms.get(m.vmId)?.linkId;
    if (!linkId) { skipped.push(`${m.vmId}: no link in the plan (not in a wave with a link)`); continue; }
    const list = byLink.get(linkId) ?? [];
    list.push(m);
    byLink.set(linkId, list);
  }
  if (byLink.size === 0) throw new CalibrationError('no measured move belongs to a VM of a wave with a link: nothing to calibrate');
  let linkId = options.linkId;
  if (linkId === undefined) {
    if (byLink.size > 1) throw new CalibrationError(`the moves are on ${byLink.size} links (${[...byLink.keys()].join(', ')}): choose one with --link`);
    linkId = [...byLink.keys()][0];
  }
  const link = analysis.model.links.get(linkId);
  if (!link) throw new CalibrationError(`no link '${linkId}' in the runbook (links: ${[...analysis.model.links.keys()].join(', ') || 'none'})`);
  const onLink = byLink.get(linkId) ?? [];
  for (const [other, list] of byLink) if (other !== linkId) for (const m of list) skipped.push(`${m.vmId}: on link '${other}'`);
  if (onLink.length === 0) throw new CalibrationError(`no measured move is on link '${linkId}'`);
  const fitMoves: FitMove[] = onLink.map((m) => {
    const e = analysis.estimate.vms.get(m.vmId);
    return { vmId: m.vmId, measuredSeconds: (m.endEpochMs - m.startEpochMs) / 1000, predictedSeconds: e?.totalSeconds ?? NaN, transferSeconds: e ? transferSecondsOf(e) : 0 };
  });
  const fit = fitCalibration(fitMoves);
  const rows = fitMoves.map((m) => ({ vmId: m.vmId, measuredSeconds: m.measuredSeconds, beforeSeconds: m.predictedSeconds, afterSeconds: predictWithFit(fit, m) }));
  const measuredDay = dateText(Math.min(...onLink.map((m) => m.startEpochMs)), analysis.estimate.schedule.waves[0]?.utcOffsetMinutes ?? 0);
  const concurrency = analysis.model.waves.find((w) => w.link?.value === linkId && onLink.some((m) => w.vms.some((v) => v.value === m.vmId)))?.concurrency?.value;
  const linkAsMeasured = [
    link.bandwidthBytesPerSecond ? `bandwidth: ${sourceText(analysis, link.bandwidthBytesPerSecond.span)}` : undefined,
    `transport: ${link.transport?.value ?? 'tcp'}`,
    concurrency !== undefined ? `concurrency: ${concurrency}` : undefined,
  ].filter(Boolean).join(', ');
  const values = fit.kind === 'rate'
    ? `rate_factor: ${fit.rateFactor.toFixed(3)}, fixed_time: ${Math.round(fit.fixedSeconds)} s`
    : `scale: ${fit.scale.toFixed(3)}`;
  const entry = `calibration: { source: ${quoteIfNeeded(options.source)}, measured: ${measuredDay}, moves: ${fit.moves}, ${values}, spread: ${Math.max(1, Math.round(fit.spreadFraction * 100))} %, link: { ${linkAsMeasured} } }`;
  const edit = calibrationEdit(analysis, linkId, entry);
  return { linkId, fit, rows, entry, edit, skipped };
}

function sourceText(analysis: Analysis, span: { start: number; end: number }): string {
  return analysis.text.slice(span.start, span.end).replace(/^["']|["']$/g, '');
}

function quoteIfNeeded(text: string): string {
  return /^[A-Za-z0-9_./ -]+$/.test(text) && !/^[-\s]|\s$/.test(text) ? text : JSON.stringify(text);
}

/** Replaces the link's calibration, or adds it as the link's last entry. */
function calibrationEdit(analysis: Analysis, linkId: string, entry: string): OffsetEdit {
  const text = analysis.text;
  const existing = pairAtPath(analysis.document, ['links', linkId], 'calibration');
  if (existing && existing.pair.value && (existing.pair.value as Node).range) {
    const keyStart = (existing.pair.key as Node).range?.[0] ?? 0;
    return { start: keyStart, end: contentEnd(text, existing.pair.value as Node), newText: entry };
  }
  const linkMap = pairAtPath(analysis.document, ['links'], linkId)?.pair.value as Node | null | undefined;
  if (!isMap(linkMap)) throw new CalibrationError(`link '${linkId}' is not a map in the runbook; cannot add its calibration`);
  const edit = insertEntryEdit(text, linkMap as YAMLMap, entry);
  if (!edit) throw new CalibrationError(`cannot add a calibration to link '${linkId}' as written`);
  return edit;
}

/** The comparison as text lines: measured, before, after, per move. */
export function calibrationReport(r: LinkCalibrationResult): string[] {
  const pct = (a: number, m: number): string => { const p = Math.round((Math.abs(a - m) / m) * 100); return `${p === 0 ? '±' : a > m ? '+' : '-'}${p} %`; };
  const lines = [`link '${r.linkId}': ${r.fit.kind === 'rate' ? `fixed time ${formatDuration(r.fit.fixedSeconds)} per migration + the transfer at ${Math.round(r.fit.rateFactor * 100)} % of the modelled rate` : `scale ${r.fit.scale.toFixed(3)} (${r.fit.why})`}; spread ±${Math.round(r.fit.spreadFraction * 100)} % over ${r.fit.moves} move${r.fit.moves === 1 ? '' : 's'}`];
  const width = Math.max(2, ...r.rows.map((row) => row.vmId.length));
  lines.push(`  ${'VM'.padEnd(width)}  measured   before (model)     after (calibrated)`);
  for (const row of r.rows) {
    lines.push(`  ${row.vmId.padEnd(width)}  ${formatDuration(row.measuredSeconds).padEnd(9)}  ${`${formatDuration(row.beforeSeconds)} ${pct(row.beforeSeconds, row.measuredSeconds)}`.padEnd(17)}  ${formatDuration(row.afterSeconds)} ${pct(row.afterSeconds, row.measuredSeconds)}`);
  }
  return lines;
}
