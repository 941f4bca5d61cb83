/**
 * The timeline chart's geometry and words, shared by the webview and the SVG/HTML/CSV exports so
 * they draw the same chart: rows (a lane header per wave, then one row per VM), the time range,
 * axis ticks in the window's own UTC offset, and the tooltip lines (the same figures as the hover).
 * Pure functions of a ScheduleResult; no DOM, no Node.
 */
import type { ScheduleResult, TimelineProblem, TimelineRollback, TimelineStep, TimelineVm, TimelineVmDetail, TimelineWave } from '../protocol';
import { formatByteRate, formatBytes, formatDuration, formatDurationRange } from '../units/quantity';
import { clockText, formatLocalTime, isoWithOffset, offsetLabel as offsetLabelOf, relativeText } from '../units/time';

export const ROW_HEIGHT_PX = 22;
export const LANE_HEADER_HEIGHT_PX = 24;
export const BAR_HEIGHT_PX = 12;
export const LABEL_WIDTH_PX = 220;
export const AXIS_HEIGHT_PX = 34;
/** Ticks closer than this would overlap their labels. */
export const MIN_TICK_SPACING_PX = 84;

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;
/** Tick steps, finest first: the first at least MIN_TICK_SPACING_PX apart wins. */
const TICK_STEPS_MS = [
  1_000, 2_000, 5_000, 10_000, 15_000, 30_000,
  MINUTE_MS, 2 * MINUTE_MS, 5 * MINUTE_MS, 10 * MINUTE_MS, 15 * MINUTE_MS, 30 * MINUTE_MS,
  HOUR_MS, 2 * HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS,
  DAY_MS, 2 * DAY_MS, 7 * DAY_MS, 14 * DAY_MS, 28 * DAY_MS, 91 * DAY_MS, 364 * DAY_MS,
];

export type Row =
  | { readonly kind: 'wave'; readonly wave: TimelineWave; readonly y: number; readonly height: number }
  | { readonly kind: 'vm'; readonly vm: TimelineVm; readonly wave: TimelineWave | undefined; readonly y: number; readonly height: number }
  /** A runbook step: `before` steps above the wave's VMs, `after` steps below them. */
  | { readonly kind: 'step'; readonly step: TimelineStep; readonly wave: TimelineWave; readonly y: number; readonly height: number }
  /** The wave's rollback path (only when asked for: LayoutOptions.rollback). */
  | { readonly kind: 'rollback'; readonly rollback: TimelineRollback; readonly wave: TimelineWave; readonly y: number; readonly height: number };

export interface LayoutOptions {
  /** Add a rollback row to each wave that has a rollback estimate (the timeline's toggle). */
  readonly rollback?: boolean;
  /** Draw the calendar to scale instead of compressing idle stretches into marked gaps. */
  readonly calendar?: boolean;
}

export interface Lane {
  readonly wave: TimelineWave;
  /** Top of the lane header and bottom of its last VM row. */
  readonly top: number;
  readonly bottom: number;
}

export interface ChartLayout {
  readonly rows: readonly Row[];
  readonly lanes: readonly Lane[];
  /** Row index of each VM id (the first, if an id repeats). */
  readonly rowOfVm: ReadonlyMap<string, number>;
  /** Row index of each step, keyed by stepKey (step ids repeat across waves). */
  readonly rowOfStep: ReadonlyMap<string, number>;
  readonly heightPx: number;
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  /** The offset the axis is labelled in: the first wave's window. */
  readonly utcOffsetMinutes: number;
  /** The plan's origin when nothing anchors it: the axis reads T+ offsets (instantText). */
  readonly relativeOriginEpochMs?: number;
  /** Where each time goes on the axis: the work at scale, long idle stretches compressed into marked gaps. */
  readonly scale: TimeScale;
  /** Length of the drawn axis in axis ms (`scale`'s units): what "Fit" fits to the width. */
  readonly spanMs: number;
}

// The compressed axis ----------------------------------------------------------------------------

/**
 * A stretch of the plan drawn at scale: `atMs` is where it starts on the axis, in axis ms from the
 * chart's left edge (1 axis ms = 1 real ms inside a segment).
 */
export interface AxisSegment {
  readonly fromEpochMs: number;
  readonly toEpochMs: number;
  readonly atMs: number;
}

/** An idle stretch (between nights, or after the work until a window closes) drawn `widthMs` wide. */
export interface AxisGap {
  readonly fromEpochMs: number;
  readonly toEpochMs: number;
  readonly atMs: number;
  readonly widthMs: number;
}

export interface TimeScale {
  readonly segments: readonly AxisSegment[];
  readonly gaps: readonly AxisGap[];
}

/** `16 h`: a gap's real length, written on it. */
export function gapLabel(gap: Pick<AxisGap, 'fromEpochMs' | 'toEpochMs'>): string {
  const seconds = (gap.toEpochMs - gap.fromEpochMs) / 1000;
  // Short enough for the gap's width: whole hours from 2 h up (the tooltip has the exact length).
  if (seconds < 2 * 3600) return formatDuration(seconds);
  const hours = Math.round(seconds / 3600);
  return hours >= 24 ? `${Math.floor(hours / 24)} d${hours % 24 ? ` ${hours % 24} h` : ''}` : `${hours} h`;
}

/** The gap's tooltip: `23 h 9 min with no work, 02-06 22:51 to 02-07 22:00 (not drawn to scale)`. */
export function gapTitle(gap: Pick<AxisGap, 'fromEpochMs' | 'toEpochMs'>, utcOffsetMinutes: number, relativeOriginEpochMs?: number): string {
  const at = (ms: number): string => instantText({ utcOffsetMinutes, relativeOriginEpochMs }, ms);
  return `${formatDuration((gap.toEpochMs - gap.fromEpochMs) / 1000)} with no work, ${at(gap.fromEpochMs)} to ${at(gap.toEpochMs)} (not drawn to scale)`;
}

/** Axis ms (from the chart's left edge) of a time: at scale inside segments, squeezed inside gaps. */
/** What times a wave's instants are written in: its UTC offset, or offsets from the plan's origin when nothing anchors it. */
export interface TimeBasisOf {
  readonly utcOffsetMinutes: number;
  readonly relativeOriginEpochMs?: number;
}

/** `2026-12-05 22:00 -05:00`, or `T+02:30` for a plan nothing anchors (RB214): never a 1970 date. */
export function instantText(basis: TimeBasisOf | undefined, epochMs: number): string {
  if (basis?.relativeOriginEpochMs !== undefined) return relativeText(epochMs, basis.relativeOriginEpochMs);
  return formatLocalTime(epochMs, basis?.utcOffsetMinutes ?? 0);
}

/** ISO 8601 with the offset for the CSV export, or `T+02:30` for a plan nothing anchors. */
export function instantIso(basis: TimeBasisOf | undefined, epochMs: number): string {
  if (basis?.relativeOriginEpochMs !== undefined) return relativeText(epochMs, basis.relativeOriginEpochMs);
  return isoWithOffset(epochMs, basis?.utcOffsetMinutes ?? 0);
}

/** `Times in UTC-05:00`, or that times count from the plan's start when nothing anchors it. */
export function timesLabel(basis: TimeBasisOf): string {
  return basis.relativeOriginEpochMs !== undefined ? 'No start or window: times are offsets from T+0' : `Times in ${offsetLabelOf(basis.utcOffsetMinutes)}`;
}

export function axisMs(scale: TimeScale, epochMs: number): number {
  const segs = scale.segments;
  if (segs.length === 0) return epochMs;
  if (epochMs <= segs[0].fromEpochMs) return segs[0].atMs + (epochMs - segs[0].fromEpochMs);
  const last = segs[segs.length - 1];
  if (epochMs >= last.toEpochMs) return last.atMs + (epochMs - last.fromEpochMs);
  let lo = 0;
  let hi = segs.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (segs[mid].fromEpochMs <= epochMs) lo = mid;
    else hi = mid - 1;
  }
  const seg = segs[lo];
  if (epochMs <= seg.toEpochMs) return seg.atMs + (epochMs - seg.fromEpochMs);
  const gap = scale.gaps.find((g) => g.fromEpochMs <= epochMs && epochMs <= g.toEpochMs);
  if (!gap) return seg.atMs + (epochMs - seg.fromEpochMs);
  return gap.atMs + ((epochMs - gap.fromEpochMs) / (gap.toEpochMs - gap.fromEpochMs)) * gap.widthMs;
}

/** The time at an axis position (the inverse of axisMs; inside a gap, by proportion). */
export function epochAtAxisMs(scale: TimeScale, at: number): number {
  const segs = scale.segments;
  if (segs.length === 0) return at;
  for (const gap of scale.gaps) {
    if (at > gap.atMs && at < gap.atMs + gap.widthMs) return gap.fromEpochMs + ((at - gap.atMs) / gap.widthMs) * (gap.toEpochMs - gap.fromEpochMs);
  }
  let seg = segs[0];
  for (const s of segs) if (s.atMs <= at) seg = s;
  return seg.fromEpochMs + (at - seg.atMs);
}

/** Idle stretches shorter than this stay at scale. */
const MIN_GAP_MS = 20 * MINUTE_MS;
/** A compressed gap is drawn this share of the work's length wide (same width for every gap). */
const GAP_SHARE = 0.06;

/**
 * Builds the axis from the busy intervals (VM bars, steps, rollbacks) and the windows' edges: idle
 * stretches much longer than a gap's drawn width (nights between waves, hours of a window after its
 * work is done) are compressed, so a plan over several nights reads at a glance and Fit fits the
 * work, not the calendar. `compress: false` keeps the calendar (one segment).
 */
export function buildTimeScale(busy: readonly (readonly [number, number])[], instants: readonly number[], pad: number, compress = true): { scale: TimeScale; startEpochMs: number; endEpochMs: number; spanMs: number } {
  const intervals: [number, number][] = busy.filter(([a, b]) => Number.isFinite(a) && Number.isFinite(b)).map(([a, b]) => [Math.min(a, b), Math.max(a, b)]);
  for (const t of instants) if (Number.isFinite(t)) intervals.push([t, t]);
  intervals.sort((a, b) => a[0] - b[0]);
  let start = intervals.length > 0 ? intervals[0][0] : 0;
  let end = intervals.length > 0 ? Math.max(...intervals.map((i) => i[1])) : HOUR_MS;
  if (end - start < MINUTE_MS) end = start + MINUTE_MS;
  const merged: [number, number][] = [];
  for (const [a, b] of intervals) {
    const lastOne = merged[merged.length - 1];
    if (lastOne && a <= lastOne[1]) lastOne[1] = Math.max(lastOne[1], b);
    else merged.push([a, b]);
  }
  const busyMs = merged.reduce((sum, [a, b]) => sum + (b - a), 0);
  const gapWidth = Math.max(MINUTE_MS, busyMs * GAP_SHARE);
  const padMs = (compress ? Math.max(busyMs, MINUTE_MS) : end - start) * pad;
  start -= padMs;
  end += padMs;
  const segments: AxisSegment[] = [];
  const gaps: AxisGap[] = [];
  let segFrom = start;
  let at = 0;
  if (compress) {
    for (let i = 1; i < merged.length; i++) {
      const idleFrom = merged[i - 1][1];
      const idleTo = merged[i][0];
      if (idleTo - idleFrom < Math.max(MIN_GAP_MS, 3 * gapWidth)) continue;
      segments.push({ fromEpochMs: segFrom, toEpochMs: idleFrom, atMs: at });
      at += idleFrom - segFrom;
      gaps.push({ fromEpochMs: idleFrom, toEpochMs: idleTo, atMs: at, widthMs: gapWidth });
      at += gapWidth;
      segFrom = idleTo;
    }
  }
  segments.push({ fromEpochMs: segFrom, toEpochMs: end, atMs: at });
  at += end - segFrom;
  return { scale: { segments, gaps }, startEpochMs: start, endEpochMs: end, spanMs: at };
}

/** A step's key in the chart: its wave, phase and id (the same id may appear in every wave). */
export function stepKey(step: Pick<TimelineStep, 'waveIndex' | 'phase' | 'id'>): string {
  return `${step.waveIndex}/${step.phase}/${step.id}`;
}

/**
 * Rows in wave order: the lane header, the wave's `before` steps, its VMs in schedule order (by
 * start), its `after` steps, and (on demand) its rollback row.
 */
export function layoutRows(schedule: ScheduleResult, options: LayoutOptions = {}): ChartLayout {
  const byWave = new Map<number, TimelineVm[]>();
  for (const vm of schedule.vms) {
    let list = byWave.get(vm.waveIndex);
    if (!list) byWave.set(vm.waveIndex, (list = []));
    list.push(vm);
  }
  const stepsByWave = new Map<number, TimelineStep[]>();
  for (const step of schedule.steps ?? []) {
    let list = stepsByWave.get(step.waveIndex);
    if (!list) stepsByWave.set(step.waveIndex, (list = []));
    list.push(step);
  }
  const rows: Row[] = [];
  const lanes: Lane[] = [];
  const rowOfVm = new Map<string, number>();
  const rowOfStep = new Map<string, number>();
  let y = 0;
  const busy: [number, number][] = [];
  const instants: number[] = [];
  const windowEnds: number[] = [];
  const waves = [...schedule.waves].sort((a, b) => a.index - b.index);
  for (const wave of waves) {
    const top = y;
    rows.push({ kind: 'wave', wave, y, height: LANE_HEADER_HEIGHT_PX });
    y += LANE_HEADER_HEIGHT_PX;
    busy.push([wave.startEpochMs, wave.endEpochMs]);
    if (wave.forecast) busy.push([wave.startEpochMs, wave.forecast.endEpochMs]);
    // A window's start is drawn at scale; its end only where work runs over it (an overrun) or at
    // the plan's end: the idle hours of a window after its work are part of the gap that follows.
    if (wave.windowStartEpochMs !== undefined) instants.push(wave.windowStartEpochMs);
    if (wave.windowEndEpochMs !== undefined) windowEnds.push(wave.windowEndEpochMs);
    const steps = stepsByWave.get(wave.index) ?? [];
    const addStep = (step: TimelineStep): void => {
      const key = stepKey(step);
      if (!rowOfStep.has(key)) rowOfStep.set(key, rows.length);
      rows.push({ kind: 'step', step, wave, y, height: ROW_HEIGHT_PX });
      y += ROW_HEIGHT_PX;
      busy.push([Math.min(step.bestStartEpochMs, step.worstStartEpochMs), Math.max(step.bestEndEpochMs, step.worstEndEpochMs)]);
    };
    for (const step of steps) if (step.phase === 'before') addStep(step);
    for (const vm of byWave.get(wave.index) ?? []) {
      if (!rowOfVm.has(vm.id)) rowOfVm.set(vm.id, rows.length);
      rows.push({ kind: 'vm', vm, wave, y, height: ROW_HEIGHT_PX });
      y += ROW_HEIGHT_PX;
      for (const p of vm.phases) busy.push([p.startEpochMs, p.endEpochMs]);
      // The whisker of the VM's range reaches to its high end: keep it at scale too.
      busy.push([vm.startEpochMs, Math.max(vm.endEpochMs, vmRangeEndEpochMs(vm))]);
      // What happened and what is forecast (issue 14) are drawn over the plan: at scale as well.
      if (vm.actual) busy.push([vm.actual.startEpochMs, vm.actual.endEpochMs ?? vm.actual.startEpochMs]);
      if (vm.forecast) busy.push([vm.forecast.startEpochMs, vm.forecast.endEpochMs]);
    }
    for (const step of steps) if (step.phase === 'after') addStep(step);
    if (options.rollback && wave.rollback) {
      rows.push({ kind: 'rollback', rollback: wave.rollback, wave, y, height: ROW_HEIGHT_PX });
      y += ROW_HEIGHT_PX;
      busy.push([rollbackStartEpochMs(wave.rollback), wave.rollback.endEpochMs]);
    }
    lanes.push({ wave, top, bottom: y });
  }
  if (schedule.nowEpochMs !== undefined && Number.isFinite(schedule.nowEpochMs)) instants.push(schedule.nowEpochMs);
  // A little room either side (2 %) so the first and last bars do not touch the edges.
  const lastBusy = Math.max(...busy.map((b) => b[1]), ...instants);
  const lastEnd = Math.max(...windowEnds);
  if (lastEnd > lastBusy) instants.push(lastEnd);
  if (options.calendar === true) instants.push(...windowEnds);
  const axis = buildTimeScale(busy, instants, 0.02, options.calendar !== true);
  return {
    rows,
    lanes,
    rowOfVm,
    rowOfStep,
    heightPx: y,
    startEpochMs: axis.startEpochMs,
    endEpochMs: axis.endEpochMs,
    utcOffsetMinutes: waves.find((w) => w.windowStartEpochMs !== undefined)?.utcOffsetMinutes ?? waves[0]?.utcOffsetMinutes ?? 0,
    relativeOriginEpochMs: waves.find((w) => w.relativeOriginEpochMs !== undefined)?.relativeOriginEpochMs,
    scale: axis.scale,
    spanMs: axis.spanMs,
  };
}

/** The schedule of one wave only (the timeline's per-wave view): its VMs and steps; undefined if there is no such wave. */
export function waveOnly(schedule: ScheduleResult, waveIndex: number): ScheduleResult | undefined {
  const wave = schedule.waves.find((w) => w.index === waveIndex);
  if (!wave) return undefined;
  return {
    ...schedule,
    waves: [wave],
    vms: schedule.vms.filter((vm) => vm.waveIndex === waveIndex),
    steps: schedule.steps?.filter((st) => st.waveIndex === waveIndex),
  };
}

/** First row whose bottom is below `y` (binary search over the rows' tops). */
export function rowIndexAt(rows: readonly Row[], y: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rows[mid].y + rows[mid].height <= y) lo = mid + 1;
    else hi = mid;
  }
  return Math.max(0, lo);
}

export interface Tick {
  readonly epochMs: number;
  readonly label: string;
  /** A local midnight (the label carries the date). */
  readonly major: boolean;
}

export function tickStepMs(pxPerMs: number): number {
  for (const step of TICK_STEPS_MS) if (step * pxPerMs >= MIN_TICK_SPACING_PX) return step;
  return TICK_STEPS_MS[TICK_STEPS_MS.length - 1];
}

/** Ticks between `fromMs` and `toMs`, aligned to round local times in the window's offset. */
export function axisTicks(fromMs: number, toMs: number, pxPerMs: number, utcOffsetMinutes: number, relativeOriginEpochMs?: number): Tick[] {
  const step = tickStepMs(pxPerMs);
  if (relativeOriginEpochMs !== undefined) {
    // A plan nothing anchors: ticks at round offsets from its origin, labelled T+hh:mm.
    const ticks: Tick[] = [];
    let at = relativeOriginEpochMs + Math.ceil((fromMs - relativeOriginEpochMs) / step) * step;
    for (let guard = 0; at <= toMs && guard < 10_000; guard++, at += step) ticks.push({ epochMs: at, label: relativeText(at, relativeOriginEpochMs), major: (at - relativeOriginEpochMs) % DAY_MS === 0 });
    return ticks;
  }
  const offsetMs = utcOffsetMinutes * MINUTE_MS;
  const ticks: Tick[] = [];
  // Steps over a day align to local midnights (a week starts on the first midnight in view).
  const align = step > DAY_MS ? DAY_MS : step;
  let local = Math.ceil((fromMs + offsetMs) / align) * align;
  for (let guard = 0; local - offsetMs <= toMs && guard < 10_000; guard++, local += step) {
    const iso = new Date(local).toISOString();
    const major = local % DAY_MS === 0;
    const date = iso.slice(5, 10);
    const time = step < MINUTE_MS ? iso.slice(11, 19) : iso.slice(11, 16);
    ticks.push({ epochMs: local - offsetMs, label: step >= DAY_MS ? date : major ? `${date} ${time}` : time, major });
  }
  return ticks;
}

export function waveWindowEnd(wave: TimelineWave | undefined): number | undefined {
  return wave?.windowEndEpochMs;
}

/** A VM overruns when it ends after its wave's window, or its memory pre-copy does not converge. */
export function vmOverruns(vm: TimelineVm, wave: TimelineWave | undefined): boolean {
  const windowEnd = waveWindowEnd(wave);
  return !vm.converges || (windowEnd !== undefined && vm.endEpochMs > windowEnd);
}

/** A step ends after its wave's window (judged on its worst case, as the wave is). */
export function stepOverruns(step: TimelineStep, wave: TimelineWave | undefined): boolean {
  const windowEnd = waveWindowEnd(wave);
  return windowEnd !== undefined && step.worstEndEpochMs > windowEnd;
}

/** A step's start or end in the window's offset: best case, the worst in brackets where it differs. */
export function stepTimeText(bestEpochMs: number, worstEpochMs: number, utcOffsetMinutes: number, relativeOriginEpochMs?: number): string {
  const basis = { utcOffsetMinutes, relativeOriginEpochMs };
  const best = instantText(basis, bestEpochMs);
  return worstEpochMs > bestEpochMs ? `${best} (worst ${instantText(basis, worstEpochMs)})` : best;
}

/** `≈ 10 min`, or `10 min to 40 min` for a range. */
export function stepDurationText(step: TimelineStep): string {
  const best = (step.bestEndEpochMs - step.bestStartEpochMs) / 1000;
  const worst = (step.worstEndEpochMs - step.worstStartEpochMs) / 1000;
  return worst > best ? `${formatDuration(best)} to ${formatDuration(worst)}` : `≈ ${formatDuration(best)}`;
}

/** `rollback from the end 2 h 10 min; point of no return 03:40` (undefined without a rollback). */
export function waveRollbackText(wave: TimelineWave): string | undefined {
  const r = wave.rollback;
  if (!r) return undefined;
  const ponr = r.pointOfNoReturnEpochMs !== undefined ? `; point of no return ${instantText(wave, r.pointOfNoReturnEpochMs)}` : '';
  return `rollback from the end ≈ ${formatDuration(r.seconds)}${ponr}`;
}

export const PHASE_LABELS: Readonly<Record<TimelineVm['phases'][number]['kind'], string>> = {
  seed: 'replica seed',
  disk: 'disk copy',
  memory: 'memory pre-copy',
  switchover: 'switchover',
};

export function vmTitle(vm: TimelineVm): string {
  return vm.name ? `${vm.id} (${vm.name})` : vm.id;
}

/** Where the VM would end at the high end of its range (its end when it has no range). */
export function vmRangeEndEpochMs(vm: TimelineVm): number {
  return vm.highSeconds !== undefined && vm.highSeconds > vm.totalSeconds ? vm.startEpochMs + vm.highSeconds * 1000 : vm.endEpochMs;
}

/** Where the VM would end at the low end of its range. */
export function vmRangeStartEpochMs(vm: TimelineVm): number {
  return vm.lowSeconds !== undefined && vm.lowSeconds < vm.totalSeconds ? vm.startEpochMs + vm.lowSeconds * 1000 : vm.endEpochMs;
}

/** Whether the VM's bar gets a whisker (its range differs from its likely time). */
export function vmHasRange(vm: TimelineVm): boolean {
  return vmRangeEndEpochMs(vm) > vm.endEpochMs || vmRangeStartEpochMs(vm) < vm.endEpochMs;
}

/** `12-18 min`, `12 min or more` (open), or the likely value alone without a range. */
export function vmRangeText(vm: TimelineVm): string {
  if (vm.lowSeconds === undefined || vm.highSeconds === undefined) return formatDuration(vm.totalSeconds);
  return formatDurationRange(vm.lowSeconds, vm.rangeOpen ? Infinity : vm.highSeconds);
}

/** The tooltip: the VM hover's figures, then when it runs in the window's own offset. */
export function vmTooltipLines(vm: TimelineVm, wave: TimelineWave | undefined, detail: TimelineVmDetail | undefined): string[] {
  const offset = wave?.utcOffsetMinutes ?? 0;
  const lines = [`VM ${vmTitle(vm)}`, ...vmProblemLines(vm), `Total ≈ ${vmRangeText(vm)} (likely ${formatDuration(vm.totalSeconds)})`];
  if (detail) {
    lines.push(`Memory pre-copy ${formatDuration(detail.memorySeconds)} in ${detail.rounds} round${detail.rounds === 1 ? '' : 's'}${vm.converges ? '' : ' (does not converge)'}`);
  } else if (!vm.converges) lines.push('Memory pre-copy does not converge');
  lines.push(`Switchover (stun) ${formatDuration(vm.switchoverSeconds)}`);
  if (detail) {
    lines.push(detail.diskBytes > 0 ? `Disk ${formatBytes(detail.diskBytes)} in ${formatDuration(detail.diskSeconds)} (${detail.storage})` : `Disk none (${detail.storage})`);
    if (detail.seedSeconds > 0) lines.push(`Replica seed (before the window) ${formatDuration(detail.seedSeconds)}`);
    if (detail.setupSeconds > 0) lines.push(`Setup ${formatDuration(detail.setupSeconds)}`);
    lines.push(`Memory ${formatBytes(detail.memoryBytes)}`);
    lines.push(`Dirty rate ${formatByteRate(detail.dirtyRateBytesPerSecond)} (${detail.dirtyRateSource})`);
    lines.push(`Throughput per stream ${formatByteRate(detail.throughputBytesPerSecond)}`);
  }
  lines.push(`Limited by ${vm.limitedBy}`);
  lines.push(`${instantText(wave, vm.startEpochMs)} → ${instantText(wave, vm.endEpochMs)}`);
  const actual = vmActualText(vm, offset, wave?.windowStartEpochMs ?? vm.startEpochMs);
  if (actual) lines.push(`Actual: ${actual}`);
  if (vm.critical) lines.push('On the critical path');
  if (vmOverruns(vm, wave)) lines.push(vm.converges ? `Ends after the window (${wave?.name ?? 'its wave'})` : 'Does not converge');
  if (vm.dependsOn.length > 0) lines.push(`Depends on ${vm.dependsOn.join(', ')}`);
  return lines;
}

/** The seconds a wave-fit label reads (the engine's wave schedule and the protocol's wave both have them). */
export interface WaveFitSeconds {
  readonly durationSeconds: number;
  readonly windowSeconds?: number;
  readonly overrunSeconds: number;
  /** The wave's range (issue 13): low and high durations, overruns at each end. */
  readonly lowDurationSeconds?: number;
  readonly highDurationSeconds?: number;
  readonly lowOverrunSeconds?: number;
  readonly highOverrunSeconds?: number;
  readonly worstOverrunSeconds?: number;
}

/**
 * `≈ 3-4 h of 6 h`, `≈ 6-7 h of 6 h · overruns by 25 min even at the low end`,
 * `≈ 5-7 h of 6 h · high end overruns by 1 h`, or `≈ 3-4 h` without a window.
 */
export function waveFitLabel(wave: WaveFitSeconds): string {
  const duration = `≈ ${wave.lowDurationSeconds !== undefined && wave.highDurationSeconds !== undefined ? formatDurationRange(wave.lowDurationSeconds, wave.highDurationSeconds) : formatDuration(wave.durationSeconds)}`;
  if (wave.windowSeconds === undefined) return duration;
  const of = `${duration} of ${formatDuration(wave.windowSeconds)}`;
  const low = wave.lowOverrunSeconds ?? wave.overrunSeconds;
  const high = wave.highOverrunSeconds ?? wave.worstOverrunSeconds ?? 0;
  if (low > 0) return `${of} · overruns by ${formatDuration(low)} even at the low end`;
  return high > 0 && Number.isFinite(high) ? `${of} · high end overruns by ${formatDuration(high)}` : of;
}

/** The lane header's words: the wave's name and its fit against the window. */
export function waveFitText(wave: TimelineWave): string {
  return waveFitLabel({
    durationSeconds: (wave.endEpochMs - wave.startEpochMs) / 1000,
    windowSeconds: wave.windowStartEpochMs !== undefined && wave.windowEndEpochMs !== undefined ? (wave.windowEndEpochMs - wave.windowStartEpochMs) / 1000 : undefined,
    overrunSeconds: wave.overrunSeconds,
  } as Parameters<typeof waveFitLabel>[0]);
}

/** How many of a wave's VMs have errors (they will fail or cannot run as planned) and warnings. */
export interface WaveProblemCounts {
  readonly failing: number;
  readonly warned: number;
}

/** `1 VM will fail`, `2 VMs with warnings`, both joined by a comma, or '' when none. */
export function waveProblemsText(counts: WaveProblemCounts): string {
  const parts: string[] = [];
  if (counts.failing > 0) parts.push(`${counts.failing} VM${counts.failing === 1 ? '' : 's'} will fail`);
  if (counts.warned > 0) parts.push(`${counts.warned} VM${counts.warned === 1 ? '' : 's'} with ${counts.warned === 1 ? 'a warning' : 'warnings'}`);
  return parts.join(', ');
}

/**
 * A wave's verdict, as the code lens and the summary say it: `fits the window`, `does not fit`, or
 * `no window`, then its VMs' problems: `fits the window, 1 VM will fail`.
 */
export function waveVerdictText(fits: boolean | undefined, counts: WaveProblemCounts): string {
  const verdict = fits === undefined ? 'no window' : fits ? 'fits the window' : 'does not fit';
  const problems = waveProblemsText(counts);
  return problems ? `${verdict}, ${problems}` : verdict;
}

/** Counts VMs with errors and (only) warnings, from each VM's problems (a wave's VMs). */
export function problemCounts(problemLists: Iterable<readonly TimelineProblem[] | undefined>): WaveProblemCounts {
  let failing = 0;
  let warned = 0;
  for (const list of problemLists) {
    if (!list || list.length === 0) continue;
    if (list.some((p) => p.severity === 'error')) failing++;
    else warned++;
  }
  return { failing, warned };
}

/** A wave's VM problem counts in a schedule. */
export function waveProblemCounts(schedule: Pick<ScheduleResult, 'vms'>, waveIndex: number): WaveProblemCounts {
  return problemCounts(schedule.vms.filter((vm) => vm.waveIndex === waveIndex).map((vm) => vm.problems));
}

/** The worst severity among a VM's problems, if it has any. */
export function vmSeverity(vm: TimelineVm): 'error' | 'warning' | undefined {
  if (!vm.problems || vm.problems.length === 0) return undefined;
  return vm.problems.some((p) => p.severity === 'error') ? 'error' : 'warning';
}

/** `RB205 error: …` lines, one per problem, for tooltips and the table. */
export function vmProblemLines(vm: TimelineVm): string[] {
  return (vm.problems ?? []).map((p) => `${p.code} ${p.severity}: ${p.message}`);
}

/** `Link chi-chi2 (also wave 3)`, `(also waves 3, 4)`: the what-if's link and the other waves that use it. */
export function linkWavesText(linkId: string, waveIndices: readonly number[], currentIndex: number): string {
  const others = waveIndices.filter((i) => i !== currentIndex).map((i) => i + 1);
  if (others.length === 0) return `Link ${linkId}`;
  return `Link ${linkId} (also wave${others.length === 1 ? '' : 's'} ${others.join(', ')})`;
}

/** `errors: 1 → 0` (as written → with the what-if), or `errors: 1` when unchanged. */
export function whatIfCountText(noun: string, before: number, after: number): string {
  return before === after ? `${noun}: ${after}` : `${noun}: ${before} → ${after}`;
}

/** The chart's key: what each mark means (the page and the exports show the same). */
export const LEGEND_ITEMS: readonly { readonly key: string; readonly text: string }[] = [
  { key: 'window', text: 'maintenance window (dashed)' },
  { key: 'phases', text: 'seed · disk copy · memory pre-copy · ◆ switchover' },
  { key: 'critical', text: 'critical path (bold name, yellow outline and underline)' },
  { key: 'overrun', text: 'past the window / not converging (red)' },
  { key: 'error', text: 'VM with an error: will fail (● red)' },
  { key: 'warning', text: 'VM with a warning (● yellow)' },
  { key: 'step', text: 'runbook step (hatched, dashed)' },
  { key: 'gap', text: 'idle time not to scale (length written on it)' },
  { key: 'actual', text: 'recorded actuals: moved (green), running (blue), failed (red ✕), forecast (dashed), now (red line)' },
];

/** `Plan ≈ 3 d 4 h · 2 errors · 1 warning`. */
export function planHeadline(schedule: ScheduleResult): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `Plan ≈ ${formatDuration(schedule.totalSeconds)} · ${schedule.fits ? 'every wave fits' : 'some wave overruns'} · ${plural(schedule.errors, 'error')} · ${plural(schedule.warnings, 'warning')}`;
}

/** x of a time, in px from the chart's left edge (on the compressed axis when the layout has one). */
export function xOf(epochMs: number, layout: Pick<ChartLayout, 'startEpochMs'> & Partial<Pick<ChartLayout, 'scale'>>, pxPerMs: number): number {
  return (layout.scale ? axisMs(layout.scale, epochMs) : epochMs - layout.startEpochMs) * pxPerMs;
}

/** Width in px of the span from `fromMs` to `toMs` (across gaps, as drawn). */
export function widthOf(fromMs: number, toMs: number, layout: Pick<ChartLayout, 'startEpochMs'> & Partial<Pick<ChartLayout, 'scale'>>, pxPerMs: number): number {
  return xOf(toMs, layout, pxPerMs) - xOf(fromMs, layout, pxPerMs);
}

/**
 * Ticks for the visible axis range [fromAxisMs, toAxisMs] of a (compressed) layout: each segment's
 * own ticks at round local times, and a dated tick where a segment starts after a gap.
 */
export function scaleTicks(layout: Pick<ChartLayout, 'scale' | 'utcOffsetMinutes' | 'startEpochMs'> & { readonly relativeOriginEpochMs?: number }, fromAxisMs: number, toAxisMs: number, pxPerMs: number): (Tick & { readonly axisMs: number })[] {
  const out: (Tick & { readonly axisMs: number })[] = [];
  const minApartMs = MIN_TICK_SPACING_PX / pxPerMs;
  layout.scale.segments.forEach((seg, i) => {
    const segEnd = seg.atMs + (seg.toEpochMs - seg.fromEpochMs);
    if (segEnd < fromAxisMs || seg.atMs > toAxisMs) return;
    const fromMs = seg.fromEpochMs + Math.max(0, fromAxisMs - seg.atMs);
    const toMs = Math.min(seg.toEpochMs, seg.fromEpochMs + (toAxisMs - seg.atMs));
    const ticks: (Tick & { axisMs: number })[] = [];
    if (i > 0) {
      const iso = new Date(seg.fromEpochMs + layout.utcOffsetMinutes * MINUTE_MS).toISOString();
      const label = layout.relativeOriginEpochMs !== undefined ? relativeText(seg.fromEpochMs, layout.relativeOriginEpochMs) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
      ticks.push({ epochMs: seg.fromEpochMs, label, major: true, axisMs: seg.atMs });
    }
    for (const t of axisTicks(fromMs, toMs, pxPerMs, layout.utcOffsetMinutes, layout.relativeOriginEpochMs)) ticks.push({ ...t, axisMs: seg.atMs + (t.epochMs - seg.fromEpochMs) });
    for (const t of ticks) {
      const prev = out[out.length - 1];
      if (prev && t.axisMs - prev.axisMs < minApartMs) continue;
      out.push(t);
    }
  });
  return out;
}

/** Bars narrower than this are drawn this wide so a short switchover or VM stays visible and clickable. */
export const MIN_BAR_WIDTH_PX = 2;

// Steps and rollback --------------------------------------------------------------------------

export const STEP_KIND_LABELS: Readonly<Record<TimelineStep['kind'], string>> = { manual: 'manual', script: 'script', check: 'check' };

/** `freeze (Application freeze)`: the id, then the title when there is one. */
export function stepTitle(step: TimelineStep): string {
  return step.title ? `${step.id} (${step.title})` : step.id;
}

/** `check step after the migrations, owner qa`. */
export function stepRoleText(step: TimelineStep): string {
  return `${STEP_KIND_LABELS[step.kind]} step ${step.phase} the migrations${step.owner ? `, owner ${step.owner}` : ''}`;
}

/** Whether the step's range reaches past the best case (a whisker is drawn). */
export function stepHasRange(step: TimelineStep): boolean {
  return step.worstEndEpochMs > step.bestEndEpochMs || step.worstStartEpochMs > step.bestStartEpochMs;
}

/** The tooltip: owner, kind, best and worst times in the window's own offset, what it waits for. */
export function stepTooltipLines(step: TimelineStep, wave: TimelineWave | undefined): string[] {
  const offset = wave?.utcOffsetMinutes ?? 0;
  const best = (step.bestEndEpochMs - step.bestStartEpochMs) / 1000;
  const worst = (step.worstEndEpochMs - step.worstStartEpochMs) / 1000;
  const lines = [`Step ${stepTitle(step)}`, stepRoleText(step)];
  lines.push(`Best ${instantText(wave, step.bestStartEpochMs)} → ${instantText(wave, step.bestEndEpochMs)} (≈ ${formatDuration(best)})`);
  lines.push(`Worst ${instantText(wave, step.worstStartEpochMs)} → ${instantText(wave, step.worstEndEpochMs)} (≈ ${formatDuration(worst)})`);
  if (step.waitsFor.length > 0) lines.push(`Waits for ${step.waitsFor.join(', ')}`);
  return lines;
}

/** Where the drawn rollback span starts: the point of no return, else the wave's last point. */
export function rollbackStartEpochMs(rollback: TimelineRollback): number {
  return rollback.pointOfNoReturnEpochMs ?? rollback.fromEpochMs;
}

/**
 * The rollback row's tooltip, worded as RB221: from the wave's last point, how long rolling back
 * takes and when it ends against the window; until when a failure is still recoverable in time.
 */
export function rollbackTooltipLines(rollback: TimelineRollback, wave: TimelineWave): string[] {
  const offset = wave.utcOffsetMinutes;
  const at = (ms: number) => instantText(wave, ms);
  const parts = [`reverse migration ${formatDuration(rollback.reverseMigrationSeconds)}`];
  if (rollback.stepsSeconds > 0) parts.push(`rollback steps ${formatDuration(rollback.stepsSeconds)}`);
  const lines = [`Rollback of ${wave.index + 1}. ${wave.name}`];
  const windowEnd = wave.windowEndEpochMs;
  const late = windowEnd !== undefined && rollback.endEpochMs > windowEnd;
  lines.push(late
    ? `A failed cutover at ${at(rollback.fromEpochMs)} could not be rolled back before the window closes at ${at(windowEnd as number)}`
    : `From the wave's last point (${at(rollback.fromEpochMs)})${windowEnd !== undefined ? `, inside the window (closes ${at(windowEnd)})` : ''}`);
  lines.push(`Rolling back takes ${formatDuration(rollback.seconds)} (${parts.join(' + ')}) and ends at ${at(rollback.endEpochMs)}`);
  if (windowEnd !== undefined) {
    lines.push(rollback.pointOfNoReturnEpochMs !== undefined
      ? `A failure is recoverable in time only until ${at(rollback.pointOfNoReturnEpochMs)} (point of no return)`
      : 'Not even a failure at the start of the migrations could be rolled back in time.');
  }
  return lines;
}

/** What a VM's actuals and forecast say, for tooltips and labels read aloud (empty without actuals). */
export function vmActualText(vm: TimelineVm, utcOffsetMinutes: number, dayOfEpochMs: number): string {
  const at = (ms: number): string => clockText(ms, utcOffsetMinutes, dayOfEpochMs);
  const a = vm.actual;
  const f = vm.forecast;
  if (!a) return f ? `not started; forecast ${at(f.startEpochMs)} to ${at(f.endEpochMs)}` : '';
  if (a.status === 'succeeded' && a.endEpochMs !== undefined) return `moved ${at(a.startEpochMs)} to ${at(a.endEpochMs)}`;
  if (a.status === 'running') return `running since ${at(a.startEpochMs)}${f ? `; forecast end ${at(f.endEpochMs)}` : ''}`;
  return `${a.status} at ${at(a.endEpochMs ?? a.startEpochMs)} (started ${at(a.startEpochMs)})${f ? `; retry forecast ${at(f.startEpochMs)} to ${at(f.endEpochMs)}` : ''}`;
}

/** The wave's re-forecast in words: `forecast end 00:58 +1d, 13 min past the window; 41 % slower`. */
export function waveForecastText(wave: TimelineWave): string | undefined {
  const f = wave.forecast;
  if (!f) return undefined;
  const at = (ms: number): string => clockText(ms, wave.utcOffsetMinutes, wave.windowStartEpochMs ?? wave.startEpochMs);
  const pct = Math.round((f.pace - 1) * 100);
  const pace = pct === 0 ? 'as planned' : `${Math.abs(pct)} % ${pct > 0 ? 'slower' : 'faster'} than planned`;
  const end = `${f.finished ? 'ended' : 'forecast end'} ${at(f.endEpochMs)}${f.overrunSeconds > 0 ? `, ${formatDuration(f.overrunSeconds)} past the window` : wave.windowEndEpochMs !== undefined ? ', inside the window' : ''}`;
  const decide = !f.finished && f.decideByEpochMs !== undefined ? `; decide on a rollback by ${at(f.decideByEpochMs)}` : '';
  return `${end}; ${pace}${decide}`;
}
