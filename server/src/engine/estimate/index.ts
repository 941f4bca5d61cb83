/**
 * The estimator: per-link throughput, per-VM migration times and the plan's schedule.
 * Physical model and assumptions: docs/estimates.md. Never throws; what cannot be computed is
 * skipped and the reason goes into the explanation.
 */
import type { Link, RunbookModel, Vm } from '../model';
import type { EngineOptions } from '../options';
import { estimateLink, StreamRates } from './link';
import { schedulePlan, sharesAtStart, waveConcurrency } from './schedule';
import { reverseEstimates } from './steps';
import type { LinkEstimate, PlanEstimate, VmEstimate } from './types';
import { estimateContext, makePlacement, type Placement } from './vm';
import { EstimateMemo } from './memo';
import { applyMethod } from './method';


/** `memo`: the document's estimator tables (a fresh one reuses nothing: a what-if, a test). */
export function estimatePlan(model: RunbookModel, options: EngineOptions, memo: EstimateMemo = new EstimateMemo()): PlanEstimate {
  const links = new Map<string, LinkEstimate>();
  for (const link of model.links.values()) links.set(link.id, estimateLink(model, link, options));
  const rates = new StreamRates(model, options);
  const placements = placeVms(model, rates, options);
  const vms = new Map<string, VmEstimate>();
  let unplaced: Placement | undefined;
  const contexts = new Map<Placement, string>();
  for (const vm of model.vms.values()) {
    let placement = placements.get(vm.id);
    if (!placement) {
      const firstLink = firstOf(model.links);
      unplaced ??= makePlacement(model, rates, options, firstLink, 1, undefined, [], [
        firstLink ? `not in any wave: estimated over the first link (${firstLink.id}), one migration at a time` : 'not in any wave and no link defined',
      ]);
      placement = unplaced;
    }
    let context = contexts.get(placement);
    if (context === undefined) contexts.set(placement, (context = estimateContext(model, placement, (c) => memo.intern(c))));
    vms.set(vm.id, withMethod(model, vm, placement, memo.forward.estimate(model, vm, placement, context)));
  }
  // The link is shared by the migrations that really run at once: schedule once with the wave's
  // nominal share (min(concurrency, VMs)), count the migrations running when each VM starts (itself
  // included), and estimate again those that run with fewer (a VM alone gets the whole link) or more.
  const planStartMs = planStartOf(model, options);
  const byShare = new Map<string, Placement>();
  for (const [vmId, streams] of sharesAtStart(model, vms, planStartMs, memo.schedule)) {
    {
      const placement = placements.get(vmId);
      const vm = model.vms.get(vmId);
      if (!placement || !vm || placement.waveIndex === undefined || streams === placement.streams) continue;
      const key = `${placement.waveIndex}:${streams}`;
      let shared = byShare.get(key);
      if (!shared) {
        shared = makePlacement(model, rates, options, placement.link, streams, placement.wave, placementMembers(model, placement), [...placement.notes]);
        byShare.set(key, shared);
      }
      let context = contexts.get(shared);
      if (context === undefined) contexts.set(shared, (context = estimateContext(model, shared, (c) => memo.intern(c))));
      vms.set(vm.id, withMethod(model, vm, shared, memo.shared.estimate(model, vm, shared, context)));
      placements.set(vm.id, shared);
    }
  }
  // Rollback needs each waved VM's way back: the same estimator over the reversed link (steps.ts).
  const forward = (id: string): { readonly context: string; readonly estimate: VmEstimate } | undefined => {
    const placement = placements.get(id);
    const context = placement && contexts.get(placement);
    const estimate = vms.get(id);
    return context !== undefined && estimate !== undefined ? { context, estimate } : undefined;
  };
  const reverse = model.waves.some((w) => w.window !== undefined) ? reverseEstimates(model, options, forward, memo, (vm, placement, e) => withMethod(model, vm, placement, e)) : undefined;
  return { links, vms, schedule: schedulePlan(model, vms, reverse, planStartMs, memo.schedule) };
}

/**
 * The VM's migration method applied to its vMotion estimate (method.ts, issue 17). A method that
 * replaces the times (cold, HCX Bulk, RAV) keeps the vMotion estimate's relative range around its
 * new likely value, so low <= likely <= high still holds.
 */
function withMethod(model: RunbookModel, vm: Vm, placement: Placement, e: VmEstimate): VmEstimate {
  const changed = applyMethod(model, vm, placement.wave, e, placement.throughput.concurrentStreams);
  if (changed === e || changed.totalSeconds === e.totalSeconds) return changed;
  const ratio = (x: number) => (e.totalSeconds > 0 ? x / e.totalSeconds : 1);
  return {
    ...changed,
    rangeDrivers: e.rangeDrivers,
    lowSeconds: Math.min(changed.totalSeconds, changed.totalSeconds * ratio(e.lowSeconds)),
    highSeconds: Math.max(changed.totalSeconds, changed.totalSeconds * ratio(e.highSeconds)),
    switchoverLowSeconds: Math.min(changed.switchoverSeconds, e.switchoverLowSeconds),
    switchoverHighSeconds: Math.max(changed.switchoverSeconds, e.switchoverHighSeconds),
  };
}

/** Epoch ms the plan starts at: `--now` or `start: now` (the given clock, else this moment), else `start:`. */
export function planStartOf(model: RunbookModel, options: EngineOptions): number | undefined {
  if (options.startNow === true || model.start?.now === true) return options.nowEpochMs ?? Date.now();
  return model.start?.epochMs;
}

/** The wave's members, for the host count of a placement (the wave's own VMs in its list). */
function placementMembers(model: RunbookModel, placement: Placement): string[] {
  return placement.wave ? placement.wave.vms.map((v) => v.value).filter((id) => model.vms.has(id)) : [];
}

function firstOf<T>(map: ReadonlyMap<string, T>): T | undefined {
  for (const v of map.values()) return v;
  return undefined;
}

/** Each VM's first wave: its link and how many migrations share it (min(concurrency, VMs)). */
function placeVms(model: RunbookModel, rates: StreamRates, options: EngineOptions): Map<string, Placement> {
  const placements = new Map<string, Placement>();
  const firstLink = firstOf(model.links);
  for (const wave of model.waves) {
    const members = new Set<string>();
    for (const item of wave.vms) if (model.vms.has(item.value) && !placements.has(item.value)) members.add(item.value);
    const concurrency = waveConcurrency(model, wave);
    const notes: string[] = [];
    let link: Link | undefined = wave.link ? model.links.get(wave.link.value) : undefined;
    if (!link) {
      link = firstLink;
      if (wave.link) notes.push(`wave link '${wave.link.value}' is not defined: ${link ? `estimated over ${link.id}` : 'no link to estimate over'}`);
      else if (link) notes.push(`the wave names no link: estimated over the first link (${link.id})`);
      else notes.push('no link defined: throughput cannot be estimated');
    }
    const placement = makePlacement(model, rates, options, link, Math.max(1, Math.min(concurrency, members.size)), wave, members, notes);
    for (const id of members) placements.set(id, placement);
  }
  return placements;
}
