/**
 * Runbook steps in the schedule (docs/estimates.md, "Steps and rollback"). A wave runs its `before`
 * steps, then its migrations (schedule.ts), then its `after` steps; every step has a best and a worst
 * duration, so each is placed twice. A step waits for what its `depends_on` names, else for the
 * previous step of its list; the first `before` step waits for the wave start, the first `after`
 * step for every migration. Migrations wait for every `before` step (a VM cannot name a step: the
 * `before` list is the gate). `per_vm` steps run once per VM, `concurrency` copies at a time.
 *
 * Rollback from a point of the wave: the VMs that had switched over by then migrate back (the
 * estimator run with the link reversed), `concurrency` at a time, then the `rollback` steps run.
 * A VM still migrating at that point needs no reverse move: a cancelled or failed vMotion leaves the
 * VM running on the source (docs/sources.md 1.6).
 *
 * Never throws; unknown ids and cycles are ignored with a note (the RB12x rules report them).
 */
import type { Link, RunbookModel, Step, StepKind, StepPhase, Vm, Wave } from '../model';
import type { EngineOptions } from '../options';
import { StreamRates } from './link';
import type { RollbackEstimate, ScheduledStep, VmEstimate } from './types';
import type { EstimateMemo } from './memo';
import { estimateContext, makePlacement, VmEstimateMemo, type Placement } from './vm';


const MS_PER_SECOND = 1000;

export type StepCase = 'best' | 'worst';

/** A step's duration in one case; best > worst (RB126) is read as the range it must mean. */
export function stepSeconds(step: Step, which: StepCase): number {
  const d = step.duration?.value;
  if (!d) return 0;
  const low = Math.max(0, Math.min(d.bestSeconds, d.worstSeconds));
  const high = Math.max(0, d.bestSeconds, d.worstSeconds);
  return which === 'best' ? low : high;
}

/** End of something a step may wait for outside its own list (a VM, a step of another list). */
export type ExternalEnd = (id: string) => number | undefined;

export interface ListInput {
  readonly steps: readonly Step[];
  /** No step of the list starts earlier. */
  readonly floorMs: number;
  /** When the first step of the list starts if it names no dependency. */
  readonly firstReadyMs: number;
  readonly firstReadyWords: string;
  readonly external: ExternalEnd;
  /** VMs of the wave with their ends in this case, for `per_vm` steps. */
  readonly vmEnds: readonly { readonly id: string; readonly endMs: number }[];
  /** In `after`, a per-VM copy waits for its own VM (in `before`, all copies are ready at once). */
  readonly perVmWaitsForVm: boolean;
  readonly concurrency: number;
  readonly which: StepCase;
}

export interface PlacedStep {
  readonly step: Step;
  readonly startMs: number;
  readonly endMs: number;
  /** What the step waited for, in words. */
  readonly waitsFor: readonly string[];
  readonly instances?: number;
}

/** Places a list of steps in one case. Returns them in list order, plus scheduling notes. */
export function placeList(input: ListInput, notes: string[]): PlacedStep[] {
  const { steps } = input;
  const index = new Map<string, number>();
  steps.forEach((s, i) => {
    if (!index.has(s.id.value)) index.set(s.id.value, i);
  });
  const placed: (PlacedStep | undefined)[] = new Array(steps.length);
  const state: number[] = new Array(steps.length).fill(0); // 0 new, 1 visiting, 2 done

  // Iterative depth-first placement: a step is placed once all its dependencies are.
  const place = (root: number): void => {
    const stack: number[] = [root];
    while (stack.length > 0) {
      const i = stack[stack.length - 1];
      if (state[i] === 2) {
        stack.pop();
        continue;
      }
      state[i] = 1;
      const deps = dependenciesOf(steps, i);
      let waiting = false;
      for (const dep of deps) {
        const j = index.get(dep);
        if (j === undefined || j === i || state[j] === 2) continue;
        if (state[j] === 1) continue; // a cycle: this edge is ignored below
        stack.push(j);
        waiting = true;
        break;
      }
      if (waiting) continue;
      placed[i] = placeOne(input, i, deps, index, placed, notes);
      state[i] = 2;
      stack.pop();
    }
  };
  for (let i = 0; i < steps.length; i++) if (state[i] === 0) place(i);
  return placed as PlacedStep[];
}

function dependenciesOf(steps: readonly Step[], i: number): string[] {
  const explicit = steps[i].dependsOn;
  if (explicit) return explicit.map((d) => d.value);
  return i > 0 ? [steps[i - 1].id.value] : [];
}

function placeOne(input: ListInput, i: number, deps: readonly string[], index: ReadonlyMap<string, number>, placed: readonly (PlacedStep | undefined)[], notes: string[]): PlacedStep {
  const step = input.steps[i];
  const implicitFirst = step.dependsOn === undefined && i === 0;
  let readyMs = input.floorMs;
  const waitsFor: string[] = [];
  if (implicitFirst) {
    readyMs = Math.max(readyMs, input.firstReadyMs);
    waitsFor.push(input.firstReadyWords);
  }
  for (const dep of deps) {
    const j = index.get(dep);
    let endMs: number | undefined;
    if (j !== undefined && j !== i) endMs = placed[j]?.endMs;
    else if (j === undefined) endMs = input.external(dep);
    if (endMs === undefined) {
      if (input.which === 'best') notes.push(`step ${step.id.value}: dependency '${dep}' cannot be waited for here (unknown, a cycle, or a later phase); ignored`);
      continue;
    }
    waitsFor.push(dep);
    readyMs = Math.max(readyMs, endMs);
  }
  const seconds = stepSeconds(step, input.which);
  if (step.perVm?.value !== true) return { step, startMs: readyMs, endMs: readyMs + seconds * MS_PER_SECOND, waitsFor };

  // One copy per VM on `concurrency` slots; in `after` a copy also waits for its VM. A first
  // `after` step with no depends_on waits only for its own VM, not for every migration.
  const base = implicitFirst && input.perVmWaitsForVm ? input.floorMs : readyMs;
  const ready = input.vmEnds.map((v) => (input.perVmWaitsForVm ? Math.max(base, v.endMs) : base)).sort((a, b) => a - b);
  if (implicitFirst && input.perVmWaitsForVm) waitsFor.splice(0, waitsFor.length, 'its VM\'s switchover');
  if (ready.length === 0) return { step, startMs: readyMs, endMs: readyMs, waitsFor, instances: 0 };
  const slots: number[] = new Array(Math.max(1, input.concurrency)).fill(-Infinity);
  let startMs = Infinity;
  let endMs = -Infinity;
  for (const r of ready) {
    let k = 0;
    for (let s = 1; s < slots.length; s++) if (slots[s] < slots[k]) k = s;
    const start = Math.max(r, slots[k]);
    slots[k] = start + seconds * MS_PER_SECOND;
    startMs = Math.min(startMs, start);
    endMs = Math.max(endMs, slots[k]);
  }
  return { step, startMs, endMs, waitsFor, instances: ready.length };
}

export interface WaveStepsInput {
  readonly wave: Wave;
  readonly startMs: number;
  readonly concurrency: number;
  /** VM ids scheduled in this wave. */
  readonly vmIds: readonly string[];
}

export interface BeforeResult {
  readonly best: readonly PlacedStep[];
  readonly worst: readonly PlacedStep[];
  /** When the migrations may start, in each case. */
  readonly gateBestMs: number;
  readonly gateWorstMs: number;
}

export function placeBefore(input: WaveStepsInput, notes: string[]): BeforeResult {
  const steps = input.wave.steps.before;
  const run = (which: StepCase): PlacedStep[] =>
    placeList({
      steps,
      floorMs: input.startMs,
      firstReadyMs: input.startMs,
      firstReadyWords: 'the wave start',
      external: () => undefined, // VMs and `after` steps come later: RB123
      vmEnds: input.vmIds.map((id) => ({ id, endMs: input.startMs })),
      perVmWaitsForVm: false,
      concurrency: input.concurrency,
      which,
    }, notes);
  const best = run('best');
  const worst = run('worst');
  const gate = (list: readonly PlacedStep[]): number => list.reduce((m, p) => Math.max(m, p.endMs), input.startMs);
  return { best, worst, gateBestMs: gate(best), gateWorstMs: gate(worst) };
}

/** Places the `after` steps in one case, given the VM ends and the `before` steps of that case. */
export function placeAfter(input: WaveStepsInput, which: StepCase, gateMs: number, vmEnds: ReadonlyMap<string, number>, before: readonly PlacedStep[], notes: string[]): PlacedStep[] {
  const beforeEnds = new Map<string, number>();
  for (const p of before) if (!beforeEnds.has(p.step.id.value)) beforeEnds.set(p.step.id.value, p.endMs);
  let allMs = gateMs;
  for (const end of vmEnds.values()) allMs = Math.max(allMs, end);
  return placeList({
    steps: input.wave.steps.after,
    floorMs: gateMs,
    firstReadyMs: allMs,
    firstReadyWords: 'every migration of the wave',
    external: (id) => vmEnds.get(id) ?? beforeEnds.get(id),
    vmEnds: input.vmIds.map((id) => ({ id, endMs: vmEnds.get(id) ?? gateMs })),
    perVmWaitsForVm: true,
    concurrency: input.concurrency,
    which,
  }, which === 'best' ? notes : []);
}

export function scheduledSteps(waveIndex: number, phase: 'before' | 'after', best: readonly PlacedStep[], worst: readonly PlacedStep[]): ScheduledStep[] {
  return best.map((b, i) => {
    const w = worst[i];
    const step = b.step;
    return {
      stepId: step.id.value,
      waveIndex,
      phase,
      kind: (step.kind?.value ?? 'manual') as StepKind,
      owner: step.owner?.value,
      title: step.title?.value,
      bestStartEpochMs: b.startMs,
      bestEndEpochMs: b.endMs,
      worstStartEpochMs: w.startMs,
      worstEndEpochMs: w.endMs,
      waitsFor: w.waitsFor,
      instances: b.instances,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Rollback

/** Most points of a wave the rollback curve is computed at (plus the last point). */
const MAX_ROLLBACK_POINTS = 48;

export interface RollbackInput {
  readonly wave: Wave;
  readonly concurrency: number;
  /** VMs of the wave with their worst-case switchover ends. */
  readonly vmEnds: readonly { readonly id: string; readonly endMs: number }[];
  /** Reverse-migration seconds of each VM. */
  readonly reverseSeconds: (id: string) => number;
  /** Worst-case start of the migrations and end of the wave (the last point). */
  readonly gateMs: number;
  readonly lastPointMs: number;
  readonly windowEndMs?: number;
}

/** Makespan of moving `seconds` back, `concurrency` at a time, in the order given. */
function makespanSeconds(seconds: readonly number[], concurrency: number): number {
  // More slots than migrations change nothing; a runbook's `concurrency: 1e9` (or NaN) must not size an array.
  const width = concurrency === Infinity ? seconds.length : Number.isFinite(concurrency) ? Math.min(Math.floor(concurrency), seconds.length) : 1;
  const slots: number[] = new Array(Math.max(1, width)).fill(0);
  let end = 0;
  for (const s of seconds) {
    let k = 0;
    for (let i = 1; i < slots.length; i++) if (slots[i] < slots[k]) k = i;
    slots[k] += s;
    end = Math.max(end, slots[k]);
  }
  return end;
}

/** The rollback steps' own length (worst case), from their start. */
export function rollbackStepsSeconds(wave: Wave, concurrency: number, vmCount: number): { seconds: number; steps: { stepId: string; startSeconds: number; endSeconds: number }[] } {
  const placed = placeList({
    steps: wave.steps.rollback,
    floorMs: 0,
    firstReadyMs: 0,
    firstReadyWords: 'the reverse migration',
    external: () => undefined,
    vmEnds: Array.from({ length: vmCount }, (_, k) => ({ id: String(k), endMs: 0 })),
    perVmWaitsForVm: false,
    concurrency,
    which: 'worst',
  }, []);
  let end = 0;
  const steps = placed.map((p) => {
    end = Math.max(end, p.endMs);
    return { stepId: p.step.id.value, startSeconds: p.startMs / MS_PER_SECOND, endSeconds: p.endMs / MS_PER_SECOND };
  });
  return { seconds: end / MS_PER_SECOND, steps };
}

export function estimateRollback(input: RollbackInput): RollbackEstimate {
  const order = [...input.vmEnds].sort((a, b) => a.endMs - b.endMs);
  const stepsPart = rollbackStepsSeconds(input.wave, input.concurrency, order.length);
  const back = order.map((v) => Math.max(0, input.reverseSeconds(v.id)));
  // Points: the migrations' start (nothing moved yet), after each switchover (sampled on large
  // waves), and the last point of the wave.
  const points: { atEpochMs: number; seconds: number; vmsMoved: number }[] = [];
  const at = (atMs: number, moved: number): void => {
    points.push({ atEpochMs: atMs, seconds: makespanSeconds(back.slice(0, moved), input.concurrency) + stepsPart.seconds, vmsMoved: moved });
  };
  at(input.gateMs, 0);
  const stride = Math.max(1, Math.ceil(order.length / MAX_ROLLBACK_POINTS));
  for (let k = stride; k < order.length; k += stride) at(order[k - 1].endMs, k);
  if (order.length > 0) at(order[order.length - 1].endMs, order.length);
  const reverseSeconds = makespanSeconds(back, input.concurrency);
  const seconds = reverseSeconds + stepsPart.seconds;
  if (input.lastPointMs > (points[points.length - 1]?.atEpochMs ?? -Infinity)) points.push({ atEpochMs: input.lastPointMs, seconds, vmsMoved: order.length });
  let pointOfNoReturnEpochMs: number | undefined;
  if (input.windowEndMs !== undefined) {
    // Latest moment from which rolling back still ends inside the window: between two points the
    // rollback time is constant (the same VMs have moved), so the bound is windowEnd - seconds.
    for (let k = points.length - 1; k >= 0; k--) {
      const latest = input.windowEndMs - points[k].seconds * MS_PER_SECOND;
      if (latest >= points[k].atEpochMs) {
        const next = points[k + 1]?.atEpochMs;
        pointOfNoReturnEpochMs = next !== undefined ? Math.min(latest, next) : latest;
        break;
      }
    }
  }
  return {
    fromEpochMs: input.lastPointMs,
    seconds,
    reverseMigrationSeconds: reverseSeconds,
    stepsSeconds: stepsPart.seconds,
    vmsMoved: order.length,
    endEpochMs: input.lastPointMs + seconds * MS_PER_SECOND,
    points: points.map((p) => ({ atEpochMs: p.atEpochMs, seconds: p.seconds, vmsMoved: p.vmsMoved })),
    steps: stepsPart.steps,
    pointOfNoReturnEpochMs,
  };
}

/**
 * Each waved VM's migration back to the source: the estimator with the wave's link reversed (same
 * bandwidth, RTT and loss; the weaker end's vSphere behaviour either way). Disk: the strategy's copy
 * again (storage-vmotion copies the used bytes back; replication-async ships one RPO of changes,
 * assuming reverse replication is set up as the forward one was).
 */
export function reverseEstimates(
  model: RunbookModel,
  options: EngineOptions,
  forwardOf?: (vmId: string) => { readonly context: string; readonly estimate: VmEstimate } | undefined,
  memo?: EstimateMemo,
  /** The VM's migration method applied to a new reverse estimate (index.ts withMethod): the way back follows the method too. */
  finish: (vm: Vm, placement: Placement, estimate: VmEstimate) => VmEstimate = (_vm, _placement, e) => e,
): Map<string, VmEstimate> {
  const reverseMemo = memo?.reverse ?? new VmEstimateMemo();
  const out = new Map<string, VmEstimate>();
  let firstLink: Link | undefined;
  for (const l of model.links.values()) {
    firstLink = l;
    break;
  }
  const rates = new StreamRates(model, options);
  const reversed = new Map<Link, Link>();
  for (const wave of model.waves) {
    const forward = (wave.link ? model.links.get(wave.link.value) : undefined) ?? firstLink;
    let link: Link | undefined;
    if (forward) {
      link = reversed.get(forward);
      if (!link) reversed.set(forward, (link = { ...forward, from: forward.to, to: forward.from }));
    }
    const members = wave.vms.filter((ref) => model.vms.has(ref.value) && !out.has(ref.value));
    if (members.length === 0) continue;
    const concurrency = wave.concurrency && wave.concurrency.value >= 1 ? Math.floor(wave.concurrency.value) : 1;
    const placement = makePlacement(model, rates, options, link, Math.max(1, Math.min(concurrency, members.length)), wave, members.map((m) => m.value), []);
    const context = estimateContext(model, placement, memo ? (c) => memo.intern(c) : undefined);
    for (const ref of members) {
      const vm = model.vms.get(ref.value);
      if (!vm) continue;
      // Usually the way back is the way there (same link figures, same vSphere limit either way):
      // an identical context gives an identical estimate, so the forward one is reused.
      const there = forwardOf?.(vm.id);
      out.set(vm.id, there?.context === context ? there.estimate : finish(vm, placement, reverseMemo.estimate(model, vm, placement, context)));
    }
  }
  return out;
}

/** Every step id of a wave by phase, first definition first (for lookups by the rules and hovers). */
export function stepsOf(wave: Wave): { readonly step: Step; readonly phase: StepPhase }[] {
  return [...wave.steps.before, ...wave.steps.after, ...wave.steps.rollback].map((step) => ({ step, phase: step.phase }));
}
