/**
 * The estimator: per-link throughput, per-VM migration times and the plan's schedule.
 * Physical model and assumptions: docs/estimates.md. Never throws; what cannot be computed is
 * skipped and the reason goes into the explanation.
 */
import type { Link, RunbookModel } from '../model';
import type { EngineOptions } from '../options';
import { estimateLink } from './link';
import { schedulePlan } from './schedule';
import type { LinkEstimate, PlanEstimate, VmEstimate } from './types';
import { estimateVm, type Placement } from './vm';

export function estimatePlan(model: RunbookModel, options: EngineOptions): PlanEstimate {
  const links = new Map<string, LinkEstimate>();
  for (const link of model.links.values()) links.set(link.id, estimateLink(model, link, options));
  const placements = placeVms(model);
  const vms = new Map<string, VmEstimate>();
  const firstLink = firstOf(model.links);
  for (const vm of model.vms.values()) {
    const placement = placements.get(vm.id) ?? {
      link: firstLink,
      concurrentStreams: 1,
      notes: [firstLink ? `not in any wave: estimated over the first link (${firstLink.id}), one migration at a time` : 'not in any wave and no link defined'],
    };
    vms.set(vm.id, estimateVm(model, vm, placement, options));
  }
  return { links, vms, schedule: schedulePlan(model, vms) };
}

function firstOf<T>(map: ReadonlyMap<string, T>): T | undefined {
  for (const v of map.values()) return v;
  return undefined;
}

/** Each VM's first wave: its link and how many migrations share it (min(concurrency, VMs)). */
function placeVms(model: RunbookModel): Map<string, Placement> {
  const placements = new Map<string, Placement>();
  const firstLink = firstOf(model.links);
  for (const wave of model.waves) {
    const members = new Set<string>();
    for (const item of wave.vms) if (model.vms.has(item.value) && !placements.has(item.value)) members.add(item.value);
    const concurrency = wave.concurrency && wave.concurrency.value >= 1 ? Math.floor(wave.concurrency.value) : 1;
    const notes: string[] = [];
    let link: Link | undefined = wave.link ? model.links.get(wave.link.value) : undefined;
    if (!link) {
      link = firstLink;
      if (wave.link) notes.push(`wave link '${wave.link.value}' is not defined: ${link ? `estimated over ${link.id}` : 'no link to estimate over'}`);
      else if (link) notes.push(`the wave names no link: estimated over the first link (${link.id})`);
      else notes.push('no link defined: throughput cannot be estimated');
    }
    const concurrentStreams = Math.max(1, Math.min(concurrency, members.size));
    for (const id of members) placements.set(id, { waveIndex: wave.index, link, concurrentStreams, notes });
  }
  return placements;
}
