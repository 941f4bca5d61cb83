/**
 * `runbook estimate` output: the schedule per wave and per VM, as JSON (a contract for other tools:
 * fields may be added, never renamed) or as a readable table. Times are shown in each wave window's
 * own UTC offset.
 */
import type { Analysis } from '../../server/src/engine/analyze';
import type { VmEstimate, WaveSchedule } from '../../server/src/engine/estimate/types';
import { formatBitRate, formatBytes, formatDuration, formatDurationRange, formatMilliseconds } from '../../shared/src/units/quantity';
import type { Counts } from './report';
import { safe, terminalSafeJson, type Painter } from './terminal';
import { clockText, dateText, isoWithOffset, offsetText } from '../../shared/src/units/time';

export interface EstimateJsonPlan {
  /** The likely total; `lowSeconds`/`highSeconds` its range (`highSeconds` null when the range is open). */
  readonly totalSeconds: number | null;
  readonly lowSeconds: number | null;
  readonly highSeconds: number | null;
  readonly fits: boolean;
  readonly criticalPath: readonly string[];
  readonly startIso: string | null;
  readonly endIso: string | null;
}

export interface EstimateJsonWave {
  readonly name: string;
  readonly startIso: string;
  readonly endIso: string;
  /** The likely duration; `lowSeconds`/`highSeconds` its range (`highSeconds` null when open). */
  readonly durationSeconds: number | null;
  readonly lowSeconds: number | null;
  readonly highSeconds: number | null;
  /** Overrun at the low and the high end of the range (RB206 when the low end overruns, RB220 the high). */
  readonly lowOverrunSeconds: number | null;
  readonly highOverrunSeconds: number | null;
  /** Null when the wave has no window. */
  readonly windowSeconds: number | null;
  readonly fits: boolean | null;
  readonly windowStartIso: string | null;
  readonly overrunSeconds: number | null;
  readonly link: string | null;
  readonly concurrency: number;
  /** Rolling the wave back from its last point: reverse migration + rollback steps (worst case). */
  readonly rollbackSeconds: number | null;
  /** The wave's end with every step range at its long end. */
  readonly worstEndIso: string;
}

export interface EstimateJsonStep {
  readonly id: string;
  readonly wave: string;
  readonly phase: 'before' | 'after';
  /** Best-case start and end; `worstEndIso` with every range at its long end. */
  readonly startIso: string;
  readonly endIso: string;
  readonly worstStartIso: string;
  readonly worstEndIso: string;
  readonly owner: string | null;
  readonly kind: string;
  readonly title: string | null;
}

export interface EstimateJsonVm {
  readonly id: string;
  /** The wave's name; null for a VM that is in no wave (and so has no start or end). */
  readonly wave: string | null;
  readonly startIso: string | null;
  readonly endIso: string | null;
  readonly memorySeconds: number | null;
  readonly diskSeconds: number | null;
  readonly switchoverSeconds: number | null;
  /** The likely total; `lowSeconds`/`highSeconds` its range (`highSeconds` null when open, e.g. no disk size). */
  readonly totalSeconds: number | null;
  readonly lowSeconds: number | null;
  readonly highSeconds: number | null;
  readonly switchoverLowSeconds: number | null;
  readonly switchoverHighSeconds: number | null;
  /** What drives the range, in words. */
  readonly rangeDrivers: readonly string[];
  readonly rounds: number | null;
  readonly converges: boolean | null;
  readonly bytesSent: number | null;
  readonly throughputBytesPerSecond: number | null;
  readonly limitedBy: string | null;
  /** What limits the per-stream throughput: link-share, window, loss, stream-cap, host-nic or unknown. */
  readonly throughputLimitedBy: string | null;
  readonly waitedFor: string | null;
}

export interface EstimateJson {
  readonly plan: EstimateJsonPlan;
  readonly waves: readonly EstimateJsonWave[];
  readonly vms: readonly EstimateJsonVm[];
  readonly steps: readonly EstimateJsonStep[];
  readonly findings: Counts;
}

/** JSON has no Infinity or NaN: a number that is not finite is reported as null. */
function finite(n: number | undefined): number | null {
  return n !== undefined && Number.isFinite(n) ? n : null;
}

function vmFields(e: VmEstimate | undefined): Omit<EstimateJsonVm, 'id' | 'wave' | 'startIso' | 'endIso' | 'waitedFor'> {
  return {
    memorySeconds: finite(e?.memorySeconds),
    diskSeconds: finite(e?.diskSeconds),
    switchoverSeconds: finite(e?.switchoverSeconds),
    totalSeconds: finite(e?.totalSeconds),
    lowSeconds: finite(e?.lowSeconds),
    highSeconds: finite(e?.highSeconds),
    switchoverLowSeconds: finite(e?.switchoverLowSeconds),
    switchoverHighSeconds: finite(e?.switchoverHighSeconds),
    rangeDrivers: e ? e.rangeDrivers : [],
    rounds: finite(e?.rounds),
    converges: e ? e.converges : null,
    bytesSent: finite(e?.bytesSent),
    throughputBytesPerSecond: finite(e?.throughput.bytesPerSecond),
    limitedBy: e ? e.limitedBy : null,
    throughputLimitedBy: e ? e.throughput.limitedBy : null,
  };
}

export function toEstimateJson(analysis: Analysis, counts: Counts): EstimateJson {
  const { schedule, vms } = analysis.estimate;
  const firstOffset = schedule.waves[0]?.utcOffsetMinutes ?? 0;
  const scheduled = new Set<string>();
  const vmRows: EstimateJsonVm[] = [];
  const stepRows: EstimateJsonStep[] = [];
  const waves = schedule.waves.map((w): EstimateJsonWave => {
    for (const v of w.vms) {
      scheduled.add(v.vmId);
      vmRows.push({
        id: v.vmId,
        wave: w.name,
        startIso: isoWithOffset(v.startEpochMs, w.utcOffsetMinutes),
        endIso: isoWithOffset(v.endEpochMs, w.utcOffsetMinutes),
        ...vmFields(vms.get(v.vmId)),
        waitedFor: v.waitedFor ?? null,
      });
    }
    for (const st of w.steps ?? []) {
      stepRows.push({
        id: st.stepId,
        wave: w.name,
        phase: st.phase,
        startIso: isoWithOffset(st.bestStartEpochMs, w.utcOffsetMinutes),
        endIso: isoWithOffset(st.bestEndEpochMs, w.utcOffsetMinutes),
        worstStartIso: isoWithOffset(st.worstStartEpochMs, w.utcOffsetMinutes),
        worstEndIso: isoWithOffset(st.worstEndEpochMs, w.utcOffsetMinutes),
        owner: st.owner ?? null,
        kind: st.kind,
        title: st.title ?? null,
      });
    }
    return {
      name: w.name,
      startIso: isoWithOffset(w.startEpochMs, w.utcOffsetMinutes),
      endIso: isoWithOffset(w.endEpochMs, w.utcOffsetMinutes),
      durationSeconds: finite(w.durationSeconds),
      lowSeconds: finite(w.lowDurationSeconds ?? w.durationSeconds),
      highSeconds: finite(w.highDurationSeconds ?? w.durationSeconds),
      lowOverrunSeconds: finite(w.lowOverrunSeconds ?? w.overrunSeconds),
      highOverrunSeconds: finite(w.highOverrunSeconds ?? w.overrunSeconds),
      windowSeconds: finite(w.windowSeconds),
      fits: w.fits ?? null,
      windowStartIso: w.windowStartEpochMs !== undefined ? isoWithOffset(w.windowStartEpochMs, w.utcOffsetMinutes) : null,
      overrunSeconds: finite(w.overrunSeconds),
      link: w.linkId ?? null,
      concurrency: w.concurrency,
      rollbackSeconds: finite(w.rollback?.seconds),
      worstEndIso: isoWithOffset(w.worstEndEpochMs ?? w.endEpochMs, w.utcOffsetMinutes),
    };
  });
  for (const [id, e] of vms) {
    if (!scheduled.has(id)) vmRows.push({ id, wave: null, startIso: null, endIso: null, ...vmFields(e), waitedFor: null });
  }
  // Without an anchor (no start, no window) the times count from T+0: they are not dates.
  const hasSchedule = schedule.waves.length > 0 && schedule.anchored !== false;
  return {
    plan: {
      totalSeconds: finite(schedule.totalSeconds),
      lowSeconds: finite(schedule.lowTotalSeconds),
      highSeconds: finite(schedule.highTotalSeconds),
      fits: schedule.fits,
      criticalPath: schedule.criticalPath,
      startIso: hasSchedule ? isoWithOffset(schedule.startEpochMs, firstOffset) : null,
      endIso: hasSchedule ? isoWithOffset(schedule.endEpochMs, schedule.waves[schedule.waves.length - 1].utcOffsetMinutes) : null,
    },
    waves,
    vms: vmRows,
    steps: stepRows,
    findings: counts,
  };
}

export function formatEstimateJson(analysis: Analysis, counts: Counts): string {
  return terminalSafeJson(toEstimateJson(analysis, counts));
}

// ---------------------------------------------------------------------------------------------
// Text

function table(rows: readonly (readonly string[])[], indent: string): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) => indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat(widths[i] - [...cell].length))).join('  ').trimEnd());
}

function duration(seconds: number | undefined): string {
  return seconds === undefined ? '-' : formatDuration(seconds);
}

function when(epochMs: number, offsetMinutes: number): string {
  const iso = isoWithOffset(epochMs, offsetMinutes);
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} ${offsetText(offsetMinutes)}`;
}

function waveBlock(w: WaveSchedule, analysis: Analysis, paint: Painter): string[] {
  const lines: string[] = [];
  const details = [w.linkId ? `link ${safe(w.linkId)}` : undefined, `concurrency ${w.concurrency}`].filter(Boolean).join(', ');
  lines.push(`${paint.paint(safe(w.name), 'bold')}  (${details})`);
  const anchor = w.windowStartEpochMs ?? w.startEpochMs;
  if (w.windowStartEpochMs !== undefined && w.windowSeconds !== undefined) {
    lines.push(`  window  ${when(w.windowStartEpochMs, w.utcOffsetMinutes)}, ${formatDuration(w.windowSeconds)}`);
  } else {
    lines.push(`  window  none (starts ${when(w.startEpochMs, w.utcOffsetMinutes)})`);
  }
  const rows: string[][] = [['VM', 'start', 'end', 'disk', 'memory', 'switchover', 'total', 'range', 'limited by']];
  for (const v of w.vms) {
    const e = analysis.estimate.vms.get(v.vmId);
    rows.push([
      safe(v.vmId),
      clockText(v.startEpochMs, w.utcOffsetMinutes, anchor),
      clockText(v.endEpochMs, w.utcOffsetMinutes, anchor),
      duration(e?.diskSeconds),
      duration(e?.memorySeconds),
      duration(e?.switchoverSeconds),
      duration(e?.totalSeconds),
      e ? formatDurationRange(e.lowSeconds, e.highSeconds) : '-',
      e ? safe(e.limitedBy) + (e.converges || /converge/i.test(e.limitedBy) ? '' : ' (does not converge)') : '-',
    ]);
  }
  if (w.vms.length > 0) lines.push('', ...table(rows, '  '), '');
  else lines.push('  (no VMs)');
  // Replica seeding (replication-async) runs before the window, so it is not in the times above.
  const seeds = w.vms.map((v) => ({ id: v.vmId, seconds: analysis.estimate.vms.get(v.vmId)?.seedSeconds ?? 0 })).filter((s) => s.seconds > 0);
  if (seeds.length > 0) lines.push(`  replica seeding before the window: ${seeds.map((s) => `${safe(s.id)} ${formatDuration(s.seconds)}`).join(', ')}`);
  let fit: string;
  if (w.windowSeconds === undefined || w.fits === undefined) fit = 'no window to fit';
  else if (w.fits) fit = paint.paint(`fits (${formatDuration(w.windowSeconds - (w.highDurationSeconds ?? w.worstDurationSeconds ?? w.durationSeconds))} spare at the high end)`, 'green');
  else if ((w.lowOverrunSeconds ?? w.overrunSeconds) === 0) fit = paint.paint(`fits only at the low end: the high end overruns by ${formatDuration(w.highOverrunSeconds ?? w.worstOverrunSeconds ?? 0)}`, 'red');
  else fit = paint.paint(`does NOT fit: overruns by ${formatDuration(w.lowOverrunSeconds ?? w.overrunSeconds)} even at the low end`, 'red', 'bold');
  const window = w.windowSeconds !== undefined ? ` of the ${formatDuration(w.windowSeconds)} window` : '';
  const range = w.lowDurationSeconds !== undefined && w.highDurationSeconds !== undefined ? ` (range ${formatDurationRange(w.lowDurationSeconds, w.highDurationSeconds)})` : '';
  lines.push(`  duration ${formatDuration(w.durationSeconds)}${range}${window}: ${fit}`);
  if (w.rollback && (w.rollback.vmsMoved > 0 || w.rollback.stepsSeconds > 0)) {
    const noReturn = w.rollback.pointOfNoReturnEpochMs !== undefined ? `; roll back no later than ${clockText(w.rollback.pointOfNoReturnEpochMs, w.utcOffsetMinutes, anchor)} to end inside the window` : '';
    lines.push(`  rollback from the end: ${formatDuration(w.rollback.seconds)} (reverse migration ${formatDuration(w.rollback.reverseMigrationSeconds)}, rollback steps ${formatDuration(w.rollback.stepsSeconds)})${noReturn}`);
  }
  return lines;
}

/** Who does what, when: every step grouped by owner, in time order, best case (worst case). */
function ownerTimetable(waves: readonly WaveSchedule[], paint: Painter): string[] {
  const byOwner = new Map<string, string[][]>();
  const rows: { owner: string; at: number; row: string[] }[] = [];
  for (const w of waves) {
    const anchor = w.windowStartEpochMs ?? w.startEpochMs;
    for (const st of w.steps ?? []) {
      const range = (best: number, worst: number): string => {
        const b = clockText(best, w.utcOffsetMinutes, anchor);
        const x = clockText(worst, w.utcOffsetMinutes, anchor);
        return b === x ? b : `${b} (${x})`;
      };
      rows.push({
        owner: st.owner ?? '(no owner)',
        at: st.bestStartEpochMs,
        row: [`${dateText(anchor, w.utcOffsetMinutes)}`, range(st.bestStartEpochMs, st.worstStartEpochMs), range(st.bestEndEpochMs, st.worstEndEpochMs), safe(st.stepId), st.kind, safe(w.name), safe(st.title ?? '')],
      });
    }
  }
  if (rows.length === 0) return [];
  rows.sort((a, b) => a.at - b.at);
  for (const r of rows) {
    const list = byOwner.get(r.owner) ?? [];
    list.push(r.row);
    byOwner.set(r.owner, list);
  }
  const lines: string[] = [paint.paint('Steps by owner', 'bold') + ' (best case; worst case in brackets)', ''];
  for (const owner of [...byOwner.keys()].sort()) {
    lines.push(`${paint.paint(safe(owner), 'bold')}`, ...table([['date', 'start', 'end', 'step', 'kind', 'wave', 'title'], ...(byOwner.get(owner) as string[][])], '  '), '');
  }
  return lines;
}

export function formatEstimateText(analysis: Analysis, paint: Painter): string {
  const { schedule, links } = analysis.estimate;
  const lines: string[] = [];
  const title = analysis.model.name?.value;
  if (title) lines.push(paint.paint(safe(title), 'bold'), '');
  for (const link of links.values()) {
    const rate = link.usableBytesPerSecond ?? link.bandwidthBytesPerSecond;
    const parts = [`RTT ${formatMilliseconds(link.rttSeconds)} (${safe(link.rttSource)})`];
    if (rate !== undefined) parts.push(`usable ${formatBitRate(rate)}`);
    if (link.bandwidthDelayProductBytes !== undefined) parts.push(`BDP ${formatBytes(link.bandwidthDelayProductBytes)}`);
    lines.push(`Link ${safe(link.linkId)}: ${parts.join(', ')}`);
  }
  if (links.size > 0) lines.push('');
  if (schedule.waves.length === 0) {
    lines.push('No waves could be scheduled (the runbook has no waves, or the estimate is not available).');
  }
  for (const w of schedule.waves) lines.push(...waveBlock(w, analysis, paint), '');
  lines.push(...ownerTimetable(schedule.waves, paint));
  const unscheduled = [...analysis.estimate.vms.keys()].filter((id) => !schedule.waves.some((w) => w.vms.some((v) => v.vmId === id)));
  if (unscheduled.length > 0) lines.push(`Not in any wave: ${unscheduled.map(safe).join(', ')}`, '');
  if (schedule.waves.length > 0) {
    const first = schedule.waves[0];
    const last = schedule.waves[schedule.waves.length - 1];
    const verdicts: string[] = [];
    if (schedule.waves.some((w) => w.windowSeconds !== undefined)) {
      verdicts.push(schedule.waves.every((w) => w.fits !== false) ? paint.paint('every wave fits its window', 'green') : paint.paint('some waves do NOT fit their windows', 'red', 'bold'));
    } else verdicts.push('no wave has a window');
    if (schedule.deadlineEpochMs !== undefined) {
      if (schedule.meetsDeadline === true) verdicts.push(paint.paint('ends before its deadline', 'green'));
      else if (schedule.meetsDeadline === false) verdicts.push(paint.paint('ends AFTER its deadline', 'red', 'bold'));
      else verdicts.push(paint.paint('deadline NOT checked: nothing anchors the schedule', 'red', 'bold'));
    }
    const span = schedule.anchored === false
      ? `no start date (counted from T+0; add start: or a wave window)`
      : `from ${when(schedule.startEpochMs, first.utcOffsetMinutes)} to ${when(schedule.endEpochMs, last.utcOffsetMinutes)}`;
    lines.push(`${paint.paint('Plan', 'bold')}: ${formatDuration(schedule.totalSeconds)} ${span}; ${verdicts.join('; ')}`);
    lines.push(`Critical path: ${schedule.criticalPath.length > 0 ? schedule.criticalPath.map(safe).join(' -> ') : '-'}`);
  }
  return lines.join('\n').replace(/\n+$/, '') + '\n';
}
