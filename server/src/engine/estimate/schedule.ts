/**
 * The scheduler: waves in order; inside a wave, list scheduling under the wave's concurrency and
 * `depends_on` (a VM starts once all its dependencies have ended, in this wave or an earlier one;
 * ties go to the order of the wave's `vms` list). Event-driven, O(n log n). Never throws and always
 * terminates: unknown or later-wave dependencies are ignored with a note, and a dependency cycle is
 * broken by starting its first-listed VM (the rules report cycles).
 */
import { methodOf, type RunbookModel, type Wave } from '../model';
import { MinHeap } from './heap';
import { estimateRollback, placeAfter, placeBefore, scheduledSteps } from './steps';
import type { Phase, PlanSchedule, ScheduledVm, VmEstimate, WaveSchedule } from './types';

const MS_PER_SECOND = 1000;

interface Done {
  readonly endMs: number;
  readonly waveIndex: number;
  readonly cause: Cause;
}

/** What decided a VM's start, for the critical path. */
interface Cause {
  readonly vmId?: string;
  readonly wave?: number;
}

interface Task {
  readonly id: string;
  readonly order: number;
  readonly durationMs: number;
  /** Low and high ends of the VM's range (high may be Infinity: an open range). */
  readonly lowMs: number;
  readonly highMs: number;
  readonly dependsOn: readonly { readonly value: string }[];
  /** HCX vMotion: one at a time per site pair (docs/sources.md 5.2), whatever else the wave runs. */
  readonly serial: boolean;
  cause: Cause;
  readyMs: number;
  readyBy?: string;
  pending: number;
  readonly dependents: number[];
  started: boolean;
}

/**
 * `reverse`: each VM's migration back to the source (steps.ts reverseEstimates), for the rollback
 * estimate; without it the forward estimates stand in.
 */
export function schedulePlan(
  model: RunbookModel,
  estimates: ReadonlyMap<string, VmEstimate>,
  reverse?: ReadonlyMap<string, VmEstimate>,
  planStartMs?: number,
  memo: ScheduleMemo = newScheduleMemo(),
): PlanSchedule {
  const done = new Map<string, Done>();
  const waves: WaveSchedule[] = [];
  /** Latest-ending VM of each wave (or what the wave's start inherited), for the critical path. */
  const tails: (string | undefined)[] = [];
  const waveStartCause: ('window' | 'previous-wave' | 'plan-start' | 'origin')[] = [];
  let previousEndMs: number | undefined;
  let previousOffset = model.start?.utcOffsetMinutes ?? 0;

  for (const wave of model.waves) {
    const windowStart = wave.window?.startEpochMs?.value;
    // A wave without a window follows the previous one; the first follows the plan's start.
    const startSource = windowStart !== undefined ? 'window' : previousEndMs !== undefined ? 'previous-wave' : planStartMs !== undefined ? 'plan-start' : 'origin';
    const startMs = windowStart ?? previousEndMs ?? planStartMs ?? 0;
    const utcOffsetMinutes = wave.window?.utcOffsetMinutes ?? previousOffset;
    const input: WaveInput = { wave, startSource, startMs, utcOffsetMinutes, model, estimates, reverse, done };
    const inputs = waveInputs(input);
    let kept = memo.waves.get(wave.vms);
    if (!kept || !sameInputs(kept.inputs, inputs)) {
      kept = { inputs, ...scheduleWave(input) };
      memo.waves.set(wave.vms, kept);
    }
    const { schedule, finished } = kept;
    for (const [id, d] of finished) done.set(id, d);
    waves.push(schedule);
    tails.push(kept.tail === undefined && startSource === 'previous-wave' ? tails[tails.length - 1] : kept.tail);
    waveStartCause.push(startSource);
    const worstEndMs = schedule.worstEndEpochMs as number;
    // A wave without a window starts when the previous one has ended in the worst case.
    previousEndMs = previousEndMs === undefined ? worstEndMs : Math.max(previousEndMs, worstEndMs);
    previousOffset = utcOffsetMinutes;
  }

  const startMs = waves.length > 0 ? Math.min(...waves.map((w) => w.startEpochMs)) : 0;
  const endMs = waves.length > 0 ? Math.max(...waves.map((w) => w.endEpochMs)) : 0;
  const lowEndMs = waves.length > 0 ? Math.max(...waves.map((w) => w.lowEndEpochMs ?? w.endEpochMs)) : 0;
  const highEndMs = waves.length > 0 ? Math.max(...waves.map((w) => w.highEndEpochMs ?? w.endEpochMs)) : 0;
  const deadline = model.deadlineEpochMs?.value;
  const anchored = planStartMs !== undefined || model.waves.some((w) => w.window?.startEpochMs !== undefined);
  // Without an anchor the end is T+duration, not a date: the deadline cannot be met or missed.
  const meetsDeadline = deadline === undefined || !anchored ? undefined : endMs <= deadline;
  return {
    startEpochMs: startMs,
    endEpochMs: endMs,
    totalSeconds: (endMs - startMs) / MS_PER_SECOND,
    fits: waves.every((w) => w.fits !== false) && meetsDeadline !== false && !(deadline !== undefined && !anchored),
    anchored,
    criticalPath: criticalPath(waves, done, tails, waveStartCause),
    waves,
    deadlineEpochMs: deadline,
    meetsDeadline,
    lowTotalSeconds: (lowEndMs - startMs) / MS_PER_SECOND,
    highTotalSeconds: (highEndMs - startMs) / MS_PER_SECOND,
    lowEndEpochMs: lowEndMs,
    highEndEpochMs: highEndMs,
  };
}

interface WaveInput {
  readonly wave: Wave;
  readonly startSource: 'window' | 'previous-wave' | 'plan-start' | 'origin';
  readonly startMs: number;
  readonly utcOffsetMinutes: number;
  readonly model: RunbookModel;
  readonly estimates: ReadonlyMap<string, VmEstimate>;
  readonly reverse?: ReadonlyMap<string, VmEstimate>;
  /** VMs scheduled in earlier waves. */
  readonly done: ReadonlyMap<string, Done>;
}

interface WaveResult {
  readonly schedule: WaveSchedule;
  /** This wave's VMs with their ends, for the later waves and the critical path. */
  readonly finished: readonly (readonly [string, Done])[];
  /** The latest-ending VM. */
  readonly tail?: string;
}

/**
 * Wave schedules by the wave's `vms` list, which the model keeps for an unchanged wave across edits
 * (model.ts), with everything scheduleWave read to compute them. After a keystroke in one VM only
 * its wave, and the waves whose inputs moved with it, are scheduled again.
 */
type WaveMemo = WaveResult & { readonly inputs: readonly unknown[] };
type SharesMemo = { readonly inputs: readonly unknown[]; readonly counted: readonly (readonly [string, number])[]; readonly finished: readonly (readonly [string, Done])[]; readonly endMs: number };

/** The schedule's per-document tables (kept in the document's memo, engine/memo.ts). */
export interface ScheduleMemo {
  readonly waves: WeakMap<object, WaveMemo>;
  /** The first pass (streams at start, estimates at the wave's nominal share) keeps its own table. */
  readonly shares: WeakMap<object, SharesMemo>;
}

export function newScheduleMemo(): ScheduleMemo {
  return { waves: new WeakMap(), shares: new WeakMap() };
}

/** Everything scheduleWave reads, as values and object identities (estimates and steps are kept across edits). */
function waveInputs(input: WaveInput): unknown[] {
  const { wave, model, estimates, reverse, done } = input;
  const out: unknown[] = [
    wave.index, input.startSource, input.startMs, input.utcOffsetMinutes, wave.name?.value, wave.link?.value,
    wave.concurrency?.value, wave.method?.value, model.method?.value, wave.window?.startEpochMs?.value, wave.window?.durationSeconds?.value,
    wave.steps.before.length, wave.steps.after.length, wave.steps.rollback.length,
    ...wave.steps.before, ...wave.steps.after, ...wave.steps.rollback,
  ];
  for (const item of wave.vms) {
    const id = item.value;
    const vm = model.vms.get(id);
    out.push(id, estimates.get(id), reverse?.get(id), done.get(id)?.waveIndex, vm?.dependsOn);
    if (vm) for (const dep of vm.dependsOn) out.push(done.get(dep.value)?.endMs);
  }
  return out;
}

function sameInputs(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One wave: list scheduling of its VMs between its `before` and `after` steps, and its rollback. */
function scheduleWave({ wave, startSource, startMs, utcOffsetMinutes, model, estimates, reverse, done }: WaveInput): WaveResult {
  const windowStart = wave.window?.startEpochMs?.value;
  const notes: string[] = [];
  const concurrency = waveConcurrency(model, wave, notes);
  const skipped: { vmId: string; reason: string }[] = [];
  // The `before` steps gate the migrations (steps.ts); they need the wave's VMs for per_vm steps.
  const vmIds = [...new Set(wave.vms.map((v) => v.value))].filter((id) => estimates.has(id) && !done.has(id));
  const stepsInput = { wave, startMs, concurrency, vmIds };
  const before = placeBefore(stepsInput, notes);
  const migrationStartMs = before.gateBestMs;

  const { tasks, local } = buildTasks(wave, model, estimates, done, migrationStartMs, notes, skipped);

  const likely = listSchedule(tasks, (t) => t.durationMs, concurrency, migrationStartMs, notes);
  const scheduled: ScheduledVm[] = likely.starts.map((st, k) => {
    const t = tasks[k];
    return {
      vmId: t.id,
      waveIndex: wave.index,
      startEpochMs: st.startMs,
      endEpochMs: st.startMs + t.durationMs,
      phases: phasesOf(estimates.get(t.id) as VmEstimate, st.startMs),
      waitedFor: !st.slotWait ? st.readyBy : undefined,
      waitedForSlotOf: st.slotWait ? st.freedBy : undefined,
      startReason: st.slotWait ? `waited for a free slot (freed by ${st.freedBy})` : st.readyBy ? `after dependency ${st.readyBy}` : migrationStartMs > startMs ? 'after the before steps' : 'at the wave start',
      streamsAtStart: st.running,
    };
  });
  for (const [k, st] of likely.starts.entries()) tasks[k].cause = st.cause;
  // The range of the migrations: the same list scheduling with every VM at its low and its high time.
  const lowRun = listSchedule(tasks, (t) => t.lowMs, concurrency, migrationStartMs, []);
  const highRun = listSchedule(tasks, (t) => t.highMs, concurrency, migrationStartMs, []);
  const lowMigrationsEndMs = lowRun.endMs;
  const highMigrationsEndMs = highRun.endMs;

  let endMs = startMs;
  let tail: string | undefined;
  const finished: [string, Done][] = [];
  for (const s of scheduled) {
    finished.push([s.vmId, { endMs: s.endEpochMs, waveIndex: wave.index, cause: tasks[local.get(s.vmId) as number].cause }]);
    if (s.endEpochMs >= endMs) {
      endMs = s.endEpochMs;
      tail = s.vmId;
    }
  }

  // Steps: the worst case shifts the migrations by the later gate; `after` steps follow both.
  const shiftMs = before.gateWorstMs - before.gateBestMs;
  const bestEnds = new Map<string, number>();
  const worstEnds = new Map<string, number>();
  for (const s of scheduled) {
    bestEnds.set(s.vmId, s.endEpochMs);
    worstEnds.set(s.vmId, s.endEpochMs + shiftMs);
  }
  const afterBest = placeAfter(stepsInput, 'best', before.gateBestMs, bestEnds, before.best, notes);
  const afterWorst = placeAfter(stepsInput, 'worst', before.gateWorstMs, worstEnds, before.worst, notes);
  let worstEndMs = scheduled.length > 0 ? endMs + shiftMs : endMs;
  for (const p of [...before.best, ...afterBest]) endMs = Math.max(endMs, p.endMs);
  for (const p of [...before.worst, ...afterWorst]) worstEndMs = Math.max(worstEndMs, p.endMs);
  const steps = [...scheduledSteps(wave.index, 'before', before.best, before.worst), ...scheduledSteps(wave.index, 'after', afterBest, afterWorst)];

  const windowSeconds = wave.window?.durationSeconds?.value;
  const windowEndMs = windowStart !== undefined && windowSeconds !== undefined ? windowStart + windowSeconds * MS_PER_SECOND : undefined;
  const overrunSeconds = windowEndMs !== undefined ? Math.max(0, (endMs - windowEndMs) / MS_PER_SECOND) : 0;
  const worstOverrunSeconds = windowEndMs !== undefined ? Math.max(0, (worstEndMs - windowEndMs) / MS_PER_SECOND) : 0;
  // The range: the migrations' end moves by the difference of the low (high) list schedule, and
  // the after steps with it (an approximation: they follow the migrations).
  const lastVmEndMs = scheduled.length > 0 ? Math.max(...scheduled.map((v) => v.endEpochMs)) : migrationStartMs;
  const lowEndMs = scheduled.length > 0 ? Math.max(startMs, endMs + (lowMigrationsEndMs - lastVmEndMs)) : endMs;
  const highEndMs = scheduled.length > 0 ? worstEndMs + (highMigrationsEndMs - lastVmEndMs) : worstEndMs;
  const lowOverrunSeconds = windowEndMs !== undefined ? Math.max(0, (lowEndMs - windowEndMs) / MS_PER_SECOND) : 0;
  const highOverrunSeconds = windowEndMs !== undefined ? Math.max(0, (highEndMs - windowEndMs) / MS_PER_SECOND) : 0;
  const rollback = estimateRollback({
    wave,
    concurrency,
    vmEnds: scheduled.map((s) => ({ id: s.vmId, endMs: s.endEpochMs + shiftMs })),
    reverseSeconds: (id) => (reverse?.get(id) ?? estimates.get(id))?.totalSeconds ?? 0,
    gateMs: before.gateWorstMs,
    lastPointMs: worstEndMs,
    windowEndMs,
  });
  const schedule: WaveSchedule = {
    index: wave.index,
    name: wave.name?.value ?? `Wave ${wave.index + 1}`,
    linkId: wave.link?.value,
    startEpochMs: startMs,
    endEpochMs: endMs,
    durationSeconds: (endMs - startMs) / MS_PER_SECOND,
    windowStartEpochMs: windowStart,
    windowSeconds,
    utcOffsetMinutes,
    // Judged on the high end of the range: worst-case steps, every VM at its high end (docs/estimates.md).
    // An open high end (unknown disk size, RB250) cannot be judged: the worst case stands in.
    fits: windowEndMs !== undefined ? (Number.isFinite(highEndMs) ? highEndMs : worstEndMs) <= windowEndMs : undefined,
    overrunSeconds,
    concurrency,
    vms: scheduled,
    startSource,
    skipped,
    notes,
    worstEndEpochMs: worstEndMs,
    worstDurationSeconds: (worstEndMs - startMs) / MS_PER_SECOND,
    worstOverrunSeconds,
    migrationsStartEpochMs: migrationStartMs,
    steps,
    rollback,
    lowEndEpochMs: lowEndMs,
    highEndEpochMs: highEndMs,
    lowDurationSeconds: (lowEndMs - startMs) / MS_PER_SECOND,
    highDurationSeconds: (highEndMs - startMs) / MS_PER_SECOND,
    lowOverrunSeconds,
    highOverrunSeconds,
  };
  return { schedule, finished, tail };
}

/** The wave's VMs as tasks with their dependencies (in this wave: counted; earlier: their end). */
function buildTasks(
  wave: Wave,
  model: RunbookModel,
  estimates: ReadonlyMap<string, VmEstimate>,
  done: ReadonlyMap<string, Done>,
  migrationStartMs: number,
  notes: string[],
  skipped: { vmId: string; reason: string }[],
): { tasks: Task[]; local: Map<string, number> } {
  const tasks: Task[] = [];
  const local = new Map<string, number>();
  for (const item of wave.vms) {
    const id = item.value;
    const est = estimates.get(id);
    if (!est) skipped.push({ vmId: id, reason: `'${id}' is not defined under vms` });
    else if (done.has(id)) skipped.push({ vmId: id, reason: `'${id}' already migrates in wave ${(done.get(id) as Done).waveIndex + 1}` });
    else if (local.has(id)) skipped.push({ vmId: id, reason: `'${id}' is listed twice in this wave` });
    else {
      local.set(id, tasks.length);
      tasks.push({
        id,
        order: tasks.length,
        durationMs: Math.max(0, est.totalSeconds) * MS_PER_SECOND,
        lowMs: Math.max(0, Math.min(est.lowSeconds, est.totalSeconds)) * MS_PER_SECOND,
        highMs: Math.max(est.highSeconds, est.totalSeconds) * MS_PER_SECOND,
        dependsOn: model.vms.get(id)?.dependsOn ?? [],
        serial: isHcxVmotion(model, id, wave),
        cause: { wave: wave.index },
        readyMs: migrationStartMs,
        pending: 0,
        dependents: [],
        started: false,
      });
    }
  }
  for (const task of tasks) {
    for (const dep of task.dependsOn) {
      const earlier = done.get(dep.value);
      const here = local.get(dep.value);
      if (earlier) {
        if (earlier.endMs > task.readyMs) {
          task.readyMs = earlier.endMs;
          task.readyBy = dep.value;
        }
      } else if (here !== undefined && here !== task.order) {
        task.pending++;
        tasks[here].dependents.push(task.order);
      } else if (here === undefined) {
        notes.push(`${task.id}: dependency '${dep.value}' is not scheduled in this or an earlier wave; ignored`);
      }
    }
  }

  return { tasks, local };
}

/**
 * The first pass of index.ts: how many migrations of its wave run once each VM has started (itself
 * included), from list scheduling alone (waves chained by their windows or the previous wave's
 * migrations; steps and rollback left out: they do not change who runs together inside a wave).
 */
export function sharesAtStart(model: RunbookModel, estimates: ReadonlyMap<string, VmEstimate>, planStartMs?: number, memo: ScheduleMemo = newScheduleMemo()): Map<string, number> {
  const shares = new Map<string, number>();
  const done = new Map<string, Done>();
  let previousEndMs: number | undefined;
  for (const wave of model.waves) {
    const startMs = wave.window?.startEpochMs?.value ?? previousEndMs ?? planStartMs ?? 0;
    const concurrency = waveConcurrency(model, wave);
    // Memoised like the wave schedules: after a keystroke only the edited VM's wave (and the waves
    // whose inputs moved with it) are counted again.
    const inputs: unknown[] = [wave.index, startMs, concurrency];
    for (const item of wave.vms) {
      const vm = model.vms.get(item.value);
      inputs.push(item.value, estimates.get(item.value), done.get(item.value)?.waveIndex, vm?.dependsOn);
      if (vm) for (const dep of vm.dependsOn) inputs.push(done.get(dep.value)?.endMs);
    }
    let kept = memo.shares.get(wave.vms);
    if (!kept || !sameInputs(kept.inputs, inputs)) {
      const { tasks } = buildTasks(wave, model, estimates, done, startMs, [], []);
      const run = listSchedule(tasks, (t) => t.durationMs, concurrency, startMs, []);
      const counted: [string, number][] = [];
      const finished: [string, Done][] = [];
      let endMs = startMs;
      for (const [k, st] of run.starts.entries()) {
        const t = tasks[k];
        const end = st.startMs + t.durationMs;
        counted.push([t.id, st.running]);
        finished.push([t.id, { endMs: end, waveIndex: wave.index, cause: st.cause }]);
        if (end > endMs) endMs = end;
      }
      kept = { inputs, counted, finished, endMs };
      memo.shares.set(wave.vms, kept);
    }
    for (const [id, n] of kept.counted) shares.set(id, n);
    for (const [id, d] of kept.finished) done.set(id, d);
    previousEndMs = previousEndMs === undefined ? kept.endMs : Math.max(previousEndMs, kept.endMs);
  }
  return shares;
}


interface Start {
  startMs: number;
  slotWait: boolean;
  readyBy?: string;
  freedBy?: string;
  cause: Cause;
  /** Migrations running on the wave's slots once this one has started (itself included). */
  running: number;
}

/**
 * List scheduling of a wave's tasks on `concurrency` slots with their dependencies, each task
 * taking `duration(task)` ms. Event-driven with binary heaps, O(n log n). Does not change `tasks`.
 */
function listSchedule(tasks: readonly Task[], duration: (t: Task) => number, concurrency: number, migrationStartMs: number, notes: string[]): { readonly starts: Start[]; readonly endMs: number } {
  const n = tasks.length;
  const readyMs = tasks.map((t) => t.readyMs);
  const readyBy = tasks.map((t) => t.readyBy);
  const pending = tasks.map((t) => t.pending);
  const started = new Array<boolean>(n).fill(false);
  const byOrder = (a: number, b: number) => a < b;
  const available = new MinHeap<number>(byOrder);
  const waiting = new MinHeap<number>((a, b) => readyMs[a] < readyMs[b] || (readyMs[a] === readyMs[b] && a < b));
  const running = new MinHeap<{ k: number; endMs: number }>((a, b) => a.endMs < b.endMs || (a.endMs === b.endMs && a.k < b.k));
  for (let k = 0; k < n; k++) if (pending[k] === 0) waiting.push(k);
  const starts: Start[] = new Array(n);
  let nowMs = migrationStartMs;
  let free = concurrency;
  // HCX vMotion tasks of a mixed wave wait for each other: one at a time, the others run as usual.
  let serialRunning = false;
  const deferred = new MinHeap<number>(byOrder);
  let lastFreedBy: string | undefined;
  let startedCount = 0;
  let nextForced = 0;
  let endMs = migrationStartMs;
  while (startedCount < n) {
    while (waiting.size > 0 && readyMs[waiting.peek() as number] <= nowMs) available.push(waiting.pop() as number);
    const batch: number[] = [];
    while (free > 0 && available.size > 0) {
      const k = available.pop() as number;
      const t = tasks[k];
      if (t.serial && serialRunning) {
        deferred.push(k);
        continue;
      }
      if (t.serial) serialRunning = true;
      started[k] = true;
      startedCount++;
      free--;
      const slotWait = nowMs > readyMs[k] && lastFreedBy !== undefined;
      const cause: Cause = slotWait ? { vmId: lastFreedBy } : readyBy[k] ? { vmId: readyBy[k] } : t.cause;
      const end = nowMs + duration(t);
      starts[k] = { startMs: nowMs, slotWait, readyBy: readyBy[k], freedBy: slotWait ? lastFreedBy : undefined, cause, running: 0 };
      batch.push(k);
      running.push({ k, endMs: end });
      if (end > endMs) endMs = end;
    }
    for (const k of batch) starts[k].running = concurrency - free;
    if (startedCount === n) break;
    const nextEnd = running.peek();
    const nextReady = waiting.peek();
    if (nextEnd && (nextReady === undefined || nextEnd.endMs <= readyMs[nextReady])) {
      running.pop();
      nowMs = Math.max(nowMs, nextEnd.endMs);
      free++;
      lastFreedBy = tasks[nextEnd.k].id;
      if (tasks[nextEnd.k].serial) {
        serialRunning = false;
        if (deferred.size > 0) available.push(deferred.pop() as number);
      }
      for (const d of tasks[nextEnd.k].dependents) {
        if (nextEnd.endMs >= readyMs[d]) {
          readyMs[d] = nextEnd.endMs;
          readyBy[d] = tasks[nextEnd.k].id;
        }
        if (--pending[d] === 0 && !started[d]) waiting.push(d);
      }
    } else if (nextReady !== undefined) {
      nowMs = Math.max(nowMs, readyMs[nextReady]);
      lastFreedBy = undefined;
    } else {
      // Nothing runs, nothing is ready: the rest wait on a dependency cycle. Break it at the
      // first-listed VM still blocked.
      while (nextForced < n && (started[nextForced] || pending[nextForced] === 0)) nextForced++;
      if (nextForced >= n) break; // cannot happen; guards termination
      notes.push(`${tasks[nextForced].id}: dependency cycle; started without waiting for its unfinished dependencies`);
      pending[nextForced] = 0;
      readyMs[nextForced] = Math.max(readyMs[nextForced], nowMs);
      waiting.push(nextForced);
    }
  }
  return { starts, endMs };
}

/** Phases in order: seed (before the start), disk, memory, switchover; setup opens the first. */
function phasesOf(est: VmEstimate, startMs: number): Phase[] {
  const phases: Phase[] = [];
  if (est.seedSeconds > 0) phases.push({ kind: 'seed', startEpochMs: startMs - est.seedSeconds * MS_PER_SECOND, endEpochMs: startMs });
  let t = startMs;
  let setup = est.setupSeconds;
  if (est.diskSeconds > 0) {
    const end = t + (setup + est.diskSeconds) * MS_PER_SECOND;
    phases.push({ kind: 'disk', startEpochMs: t, endEpochMs: end });
    t = end;
    setup = 0;
  }
  const memoryEnd = t + (setup + est.memorySeconds) * MS_PER_SECOND;
  phases.push({ kind: 'memory', startEpochMs: t, endEpochMs: memoryEnd });
  phases.push({ kind: 'switchover', startEpochMs: memoryEnd, endEpochMs: memoryEnd + est.switchoverSeconds * MS_PER_SECOND });
  return phases;
}

/** From the latest-ending VM back through whatever decided each start (dependency, slot, wave). */
function criticalPath(waves: readonly WaveSchedule[], done: ReadonlyMap<string, Done>, tails: readonly (string | undefined)[], waveStart: readonly string[]): string[] {
  let last: ScheduledVm | undefined;
  for (const w of waves) for (const s of w.vms) if (!last || s.endEpochMs > last.endEpochMs) last = s;
  const path: string[] = [];
  const seen = new Set<string>();
  let id = last?.vmId;
  while (id !== undefined && !seen.has(id)) {
    seen.add(id);
    path.push(id);
    const cause = done.get(id)?.cause;
    if (cause?.vmId !== undefined) id = cause.vmId;
    else if (cause?.wave !== undefined) {
      const wave = cause.wave;
      const pos = waves.findIndex((w) => w.index === wave);
      id = pos > 0 && waveStart[pos] === 'previous-wave' ? tails[pos - 1] : undefined;
    } else id = undefined;
  }
  return path.reverse();
}

/** A VM moved by HCX vMotion (its own method, else the wave's, else the plan's). */
function isHcxVmotion(model: RunbookModel, id: string, wave: Wave): boolean {
  const vm = model.vms.get(id);
  return vm !== undefined && methodOf(model, vm, wave) === 'hcx-vmotion';
}

/**
 * Migrations at once in a wave: its `concurrency`, except HCX vMotion, which VMware supports only
 * one at a time between a source and a destination site (docs/sources.md 5.2): then 1, with a note.
 */
export function waveConcurrency(model: RunbookModel, wave: Wave, notes?: string[]): number {
  const written = wave.concurrency && wave.concurrency.value >= 1 ? Math.floor(wave.concurrency.value) : 1;
  if ((wave.method?.value ?? model.method?.value) === 'hcx-vmotion' && written > 1) {
    notes?.push(`HCX vMotion runs one migration at a time per site pair (docs/sources.md 5.2): concurrency ${written} scheduled as 1`);
    return 1;
  }
  return written;
}
