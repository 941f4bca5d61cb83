/**
 * Re-forecast of a plan from what already happened (issue 14 section 4; docs/estimates.md,
 * "Re-forecast"). Pure: the plan's schedule, the actuals (shared/src/measured.ts) and "now" in, a
 * forecast per wave out.
 *
 * The model, in short:
 * - **Pace** of a wave: the sum of the actual durations of its succeeded moves over the sum of their
 *   planned durations (a ratio of sums, so big moves weigh as much as they take). Without a finished
 *   move in the wave, the pace of the earlier waves' finished moves, else 1 (the plan).
 * - **Delay propagation** along the plan's own precedence: each VM that has not finished starts when
 *   its planned predecessors (the dependency it waited for, the VM whose slot it took) finish in the
 *   forecast, shifted by as much as they are late or early, never before now, and takes its planned
 *   duration times the pace. A running move ends at its actual start + planned x pace, never before
 *   now. Steps alike: a step starts after what it waits for (steps, VMs, "every migration"), shifted by
 *   their lateness; an actual start or end replaces the forecast one.
 * - A failed or cancelled move is kept as a failure (not done), and its retry is in the forecast: it
 *   starts when the next slot of the wave frees (the earliest forecast end among the moves still
 *   running or waiting, never before now) and takes its planned duration times the pace.
 * - Later waves that follow the previous one (no window of their own) shift with it.
 * - Point of no return: the plan's rollback curve (rollback time after k VMs moved: their reverse
 *   migration plus the rollback steps, steps.ts) with the reverse migration at the wave's pace and
 *   each point moved to when the k-th VM moves in the forecast; the latest moment from which a
 *   rollback still ends inside the window, as the plan computes it.
 * With actuals equal to the plan (and now anywhere), every forecast time equals the planned one.
 */
import type { ActualMigration, ActualStep, Actuals, MeasuredStatus } from '../../../../shared/src/measured';
import type { PlanSchedule, RollbackEstimate, ScheduledStep, ScheduledVm, WaveSchedule } from '../estimate/types';

export type VmProgress = 'done' | 'failed' | 'running' | 'waiting';

export interface VmForecast {
  readonly vmId: string;
  readonly progress: VmProgress;
  readonly plannedStartEpochMs: number;
  readonly plannedEndEpochMs: number;
  /** Actual start, or the forecast one. */
  readonly startEpochMs: number;
  /** Actual end, or the forecast one (a failed move: when it failed, or now if unknown). */
  readonly endEpochMs: number;
  readonly actualStartEpochMs?: number;
  readonly actualEndEpochMs?: number;
  readonly status?: MeasuredStatus;
  /** Earlier attempts of the same VM (failed or cancelled) before the one that counts. */
  readonly attempts: number;
  /** A failed move's retry, as forecast. */
  readonly retryStartEpochMs?: number;
  readonly retryEndEpochMs?: number;
}

export interface StepForecast {
  readonly stepId: string;
  readonly phase: 'before' | 'after';
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  readonly actualStartEpochMs?: number;
  readonly actualEndEpochMs?: number;
  readonly state: 'done' | 'running' | 'waiting';
}

export interface WaveForecast {
  readonly index: number;
  readonly name: string;
  /** True when anything of this wave happened (a move or a step recorded). */
  readonly started: boolean;
  /** Every VM moved (succeeded) and every step done. */
  readonly finished: boolean;
  /** Actual / planned duration of the finished moves used for the pace (1 = as planned). */
  readonly pace: number;
  /** Where the pace came from: this wave's finished moves, earlier waves', or the plan. */
  readonly paceSource: 'this-wave' | 'earlier-waves' | 'plan';
  readonly pacedMoves: number;
  readonly counts: { readonly done: number; readonly failed: number; readonly running: number; readonly waiting: number };
  readonly plannedEndEpochMs: number;
  readonly forecastEndEpochMs: number;
  readonly windowStartEpochMs?: number;
  readonly windowEndEpochMs?: number;
  /** Forecast end past the window's end, seconds (0 when it fits or has no window). */
  readonly overrunSeconds: number;
  /** Latest moment to decide on a rollback that still ends inside the window. */
  readonly decideByEpochMs?: number;
  readonly vms: readonly VmForecast[];
  readonly steps: readonly StepForecast[];
  readonly utcOffsetMinutes: number;
}

export interface PlanForecast {
  readonly nowEpochMs: number;
  readonly waves: readonly WaveForecast[];
  /** The wave running now (the last started one that is not finished), if any. */
  readonly runningWaveIndex?: number;
  /** Actual migrations that match no VM of the schedule, and steps that match no step of their wave. */
  readonly unmatched: readonly string[];
}

/** Chooses the attempt that counts for a VM: the latest by start. */
function latestAttempt(attempts: readonly ActualMigration[]): ActualMigration {
  return attempts.reduce((a, b) => (b.startEpochMs > a.startEpochMs ? b : a));
}

/** The forecast, or undefined without actuals (nothing happened yet: the plan is the forecast). */
export function forecastPlan(schedule: PlanSchedule, actuals: Actuals | undefined, nowEpochMs: number, vmNames?: ReadonlyMap<string, string>): PlanForecast | undefined {
  if (!actuals || (actuals.migrations.length === 0 && actuals.steps.length === 0)) return undefined;
  const scheduledIds = new Map<string, string>();
  for (const w of schedule.waves) for (const v of w.vms) scheduledIds.set(v.vmId.toLowerCase(), v.vmId);
  if (vmNames) for (const [name, id] of vmNames) if (!scheduledIds.has(name.toLowerCase()) && scheduledIds.has(id.toLowerCase())) scheduledIds.set(name.toLowerCase(), id);
  const attemptsByVm = new Map<string, ActualMigration[]>();
  const unmatched: string[] = [];
  for (const m of actuals.migrations) {
    const id = scheduledIds.get(m.vm.toLowerCase());
    if (id === undefined) { unmatched.push(`migration of '${m.vm}' (not a VM of any wave)`); continue; }
    const list = attemptsByVm.get(id) ?? [];
    list.push(m);
    attemptsByVm.set(id, list);
  }
  const stepsByWave = new Map<string, ActualStep[]>();
  for (const s of actuals.steps) {
    const list = stepsByWave.get(s.wave.toLowerCase()) ?? [];
    list.push(s);
    stepsByWave.set(s.wave.toLowerCase(), list);
  }

  const waves: WaveForecast[] = [];
  const finishedRatios = { actualMs: 0, plannedMs: 0, moves: 0 };
  let shiftFromPreviousMs = 0;
  let runningWaveIndex: number | undefined;
  for (const wave of schedule.waves) {
    const waveSteps = stepsByWave.get(wave.name.toLowerCase()) ?? [];
    const known = new Set((wave.steps ?? []).map((s) => s.stepId));
    for (const s of waveSteps) if (!known.has(s.step)) unmatched.push(`step '${s.step}' of wave '${s.wave}' (no such step in the wave)`);
    const result = forecastWave(wave, attemptsByVm, waveSteps, nowEpochMs, finishedRatios, wave.startSource === 'previous-wave' ? shiftFromPreviousMs : 0);
    waves.push(result.forecast);
    shiftFromPreviousMs = result.forecast.forecastEndEpochMs - wave.endEpochMs;
    if (result.forecast.started && !result.forecast.finished) runningWaveIndex = wave.index;
    finishedRatios.actualMs += result.finishedActualMs;
    finishedRatios.plannedMs += result.finishedPlannedMs;
    finishedRatios.moves += result.finishedMoves;
  }
  return { nowEpochMs, waves, runningWaveIndex, unmatched };
}

interface WaveResult {
  readonly forecast: WaveForecast;
  readonly finishedActualMs: number;
  readonly finishedPlannedMs: number;
  readonly finishedMoves: number;
}

function forecastWave(
  wave: WaveSchedule,
  attemptsByVm: ReadonlyMap<string, readonly ActualMigration[]>,
  actualSteps: readonly ActualStep[],
  nowMs: number,
  earlier: { readonly actualMs: number; readonly plannedMs: number; readonly moves: number },
  inheritedShiftMs: number,
): WaveResult {
  // The pace: the ratio of sums over this wave's succeeded moves.
  let actualMs = 0;
  let plannedMs = 0;
  let moves = 0;
  const attemptOf = new Map<string, { latest: ActualMigration; count: number }>();
  for (const v of wave.vms) {
    const attempts = attemptsByVm.get(v.vmId);
    if (!attempts || attempts.length === 0) continue;
    const latest = latestAttempt(attempts);
    attemptOf.set(v.vmId, { latest, count: attempts.length });
    if (latest.status === 'succeeded' && latest.endEpochMs !== undefined) {
      actualMs += Math.max(0, latest.endEpochMs - latest.startEpochMs);
      plannedMs += v.endEpochMs - v.startEpochMs;
      moves++;
    }
  }
  let pace = 1;
  let paceSource: WaveForecast['paceSource'] = 'plan';
  if (moves > 0 && plannedMs > 0) { pace = actualMs / plannedMs; paceSource = 'this-wave'; }
  else if (earlier.moves > 0 && earlier.plannedMs > 0) { pace = earlier.actualMs / earlier.plannedMs; paceSource = 'earlier-waves'; }
  const stepActual = new Map(actualSteps.map((s) => [s.step, s]));
  const started = attemptOf.size > 0 || actualSteps.some((s) => s.startEpochMs !== undefined || s.endEpochMs !== undefined);

  // Shift (forecast end - planned end) of everything already placed, by id: VMs and steps.
  const shiftOf = new Map<string, number>();
  const plannedStepsBefore = (wave.steps ?? []).filter((s) => s.phase === 'before');
  const plannedStepsAfter = (wave.steps ?? []).filter((s) => s.phase === 'after');
  const stepForecasts: StepForecast[] = [];
  const placeStep = (s: ScheduledStep, waitShift: number): void => {
    const actual = stepActual.get(s.stepId);
    const plannedStart = s.bestStartEpochMs;
    const plannedEnd = s.bestEndEpochMs;
    const durationMs = plannedEnd - plannedStart;
    let start = actual?.startEpochMs ?? Math.max(plannedStart + waitShift, started ? nowMs : -Infinity);
    if (actual?.startEpochMs === undefined && actual?.endEpochMs !== undefined) start = Math.min(start, actual.endEpochMs);
    let end: number;
    let state: StepForecast['state'];
    if (actual?.endEpochMs !== undefined) { end = actual.endEpochMs; state = 'done'; }
    else if (actual?.startEpochMs !== undefined) { end = Math.max(nowMs, start + durationMs); state = 'running'; }
    else { end = start + durationMs; state = 'waiting'; }
    shiftOf.set(s.stepId, end - plannedEnd);
    stepForecasts.push({ stepId: s.stepId, phase: s.phase, startEpochMs: start, endEpochMs: end, actualStartEpochMs: actual?.startEpochMs, actualEndEpochMs: actual?.endEpochMs, state });
  };
  const waitShift = (s: ScheduledStep, fallback: number): number => {
    let shift = -Infinity;
    for (const w of s.waitsFor) {
      const known = shiftOf.get(w);
      if (known !== undefined) shift = Math.max(shift, known);
    }
    return shift === -Infinity ? fallback : shift;
  };
  // Before steps in list order (a step waits only for earlier ones or the wave start).
  shiftOf.set('the wave start', inheritedShiftMs);
  for (const s of plannedStepsBefore) placeStep(s, waitShift(s, inheritedShiftMs));
  const migrationsStart = wave.migrationsStartEpochMs ?? wave.startEpochMs;
  // The migrations start when the last before step ends: its lateness shifts the first moves.
  const lastBeforeEnd = stepForecasts.reduce((m, s) => Math.max(m, s.endEpochMs), -Infinity);
  const migrationsShift = plannedStepsBefore.length > 0 ? lastBeforeEnd - migrationsStart : inheritedShiftMs;

  // VMs in planned start order: a predecessor always starts (and here, ends) before its successor.
  const vmForecasts: VmForecast[] = [];
  const ordered = [...wave.vms].sort((a, b) => a.startEpochMs - b.startEpochMs || a.endEpochMs - b.endEpochMs);
  const counts = { done: 0, failed: 0, running: 0, waiting: 0 };
  for (const v of ordered) {
    const plannedDurationMs = v.endEpochMs - v.startEpochMs;
    const att = attemptOf.get(v.vmId);
    const a = att?.latest;
    let start: number;
    let end: number;
    let progress: VmProgress;
    if (a && a.status === 'succeeded' && a.endEpochMs !== undefined) {
      start = a.startEpochMs; end = a.endEpochMs; progress = 'done';
    } else if (a && (a.status === 'failed' || a.status === 'cancelled')) {
      start = a.startEpochMs; end = a.endEpochMs ?? Math.max(nowMs, a.startEpochMs); progress = 'failed';
    } else if (a) {
      start = a.startEpochMs; end = Math.max(nowMs, a.startEpochMs + plannedDurationMs * pace); progress = 'running';
    } else {
      const shift = predecessorShift(v, shiftOf, migrationsShift);
      start = Math.max(v.startEpochMs + shift, started ? nowMs : -Infinity);
      end = start + plannedDurationMs * pace;
      progress = 'waiting';
    }
    counts[progress]++;
    shiftOf.set(v.vmId, end - v.endEpochMs);
    vmForecasts.push({
      vmId: v.vmId, progress, plannedStartEpochMs: v.startEpochMs, plannedEndEpochMs: v.endEpochMs, startEpochMs: start, endEpochMs: end,
      actualStartEpochMs: a?.startEpochMs, actualEndEpochMs: a?.endEpochMs, status: a?.status, attempts: att ? att.count - 1 : 0,
    });
  }
  // Retries of failed moves take the next slot to free up.
  const pendingEnds = vmForecasts.filter((v) => v.progress === 'running' || v.progress === 'waiting').map((v) => v.endEpochMs).sort((a, b) => a - b);
  for (const [i, v] of vmForecasts.entries()) {
    if (v.progress !== 'failed') continue;
    const slot = pendingEnds.shift();
    const retryStart = Math.max(nowMs, v.endEpochMs, slot ?? -Infinity);
    const retryEnd = retryStart + (v.plannedEndEpochMs - v.plannedStartEpochMs) * pace;
    vmForecasts[i] = { ...v, retryStartEpochMs: retryStart, retryEndEpochMs: retryEnd };
    pendingEnds.push(retryEnd);
    pendingEnds.sort((a, b) => a - b);
  }
  const plannedMigrationsEnd = wave.vms.reduce((m, v) => Math.max(m, v.endEpochMs), migrationsStart);
  const forecastMigrationsEnd = vmForecasts.reduce((m, v) => Math.max(m, v.retryEndEpochMs ?? v.endEpochMs), migrationsStart + migrationsShift);
  const migrationsEndShift = forecastMigrationsEnd - plannedMigrationsEnd;
  shiftOf.set('every migration of the wave', migrationsEndShift);
  shiftOf.set('its VM\'s switchover', migrationsEndShift);
  for (const s of plannedStepsAfter) placeStep(s, waitShift(s, migrationsEndShift));
  const forecastEnd = Math.max(forecastMigrationsEnd, ...stepForecasts.map((s) => s.endEpochMs), wave.startEpochMs + inheritedShiftMs);
  // With nothing late, the end is the plan's (best case) end exactly.
  const planEnd = wave.endEpochMs;
  const windowEnd = wave.windowStartEpochMs !== undefined && wave.windowSeconds !== undefined ? wave.windowStartEpochMs + wave.windowSeconds * 1000 : undefined;
  const r = wave.rollback;
  const decideBy = windowEnd !== undefined && r ? decideByEpochMs(r, vmForecasts, pace, migrationsShift, windowEnd) : undefined;
  const allDone = counts.done === wave.vms.length && stepForecasts.every((s) => s.state === 'done');
  return {
    forecast: {
      index: wave.index, name: wave.name, started, finished: started && allDone, pace, paceSource, pacedMoves: paceSource === 'this-wave' ? moves : paceSource === 'earlier-waves' ? earlier.moves : 0,
      counts, plannedEndEpochMs: planEnd, forecastEndEpochMs: forecastEnd, windowStartEpochMs: wave.windowStartEpochMs, windowEndEpochMs: windowEnd,
      overrunSeconds: windowEnd !== undefined ? Math.max(0, (forecastEnd - windowEnd) / 1000) : 0,
      decideByEpochMs: decideBy, vms: vmForecasts, steps: stepForecasts, utcOffsetMinutes: wave.utcOffsetMinutes,
    },
    finishedActualMs: actualMs,
    finishedPlannedMs: plannedMs,
    finishedMoves: moves,
  };
}

/** How late (or early) a waiting VM's planned predecessors finish in the forecast. */
function predecessorShift(v: ScheduledVm, shiftOf: ReadonlyMap<string, number>, waveShift: number): number {
  const predecessors = [v.waitedFor, v.waitedForSlotOf].filter((p): p is string => p !== undefined && shiftOf.has(p));
  if (predecessors.length === 0) return waveShift;
  return Math.max(...predecessors.map((p) => shiftOf.get(p) as number));
}

/** The plan's point-of-no-return search (steps.ts estimateRollback) over the forecast's rollback curve. */
function decideByEpochMs(r: RollbackEstimate, vms: readonly VmForecast[], pace: number, migrationsShiftMs: number, windowEndMs: number): number | undefined {
  const plannedEnds = vms.map((v) => v.plannedEndEpochMs).sort((a, b) => a - b);
  const forecastEnds = vms.map((v) => v.retryEndEpochMs ?? v.endEpochMs).sort((a, b) => a - b);
  const points = r.points.map((p) => {
    const k = p.vmsMoved;
    const shift = k === 0 ? migrationsShiftMs : k <= forecastEnds.length ? forecastEnds[k - 1] - plannedEnds[k - 1] : 0;
    return { atEpochMs: p.atEpochMs + shift, seconds: r.stepsSeconds + (p.seconds - r.stepsSeconds) * pace };
  });
  for (let k = points.length - 1; k >= 0; k--) {
    const latest = windowEndMs - points[k].seconds * 1000;
    if (latest >= points[k].atEpochMs) {
      const next = points[k + 1]?.atEpochMs;
      return next !== undefined ? Math.min(latest, next) : latest;
    }
  }
  return undefined;
}
