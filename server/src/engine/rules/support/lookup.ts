/**
 * Plan lookups shared by the rules: which wave holds a VM, what RTT a link has (given, or derived
 * by the estimator from distance), which vSphere version and licence a link's sites run. Built once
 * per run with maps, so rules stay linear on 5,000-VM plans.
 */
import { methodOf, storageStrategyOf, type Located, type Link, type License, type MigrationMethod, type RunbookModel, type Site, type StorageStrategy, type Vm, type Wave } from '../../model';
import type { EngineOptions } from '../../options';
import type { PlanEstimate, VmEstimate } from '../../estimate/types';
import type { Span } from '../../text';
import { compareVersions, licenseTier, parseVsphereVersion, type VsphereVersion } from '../../vsphere';

/** Lookups several rules share, computed once per model (kept in the model's own `lookups`, by `key`). */
function perModel<T>(key: string, compute: (model: RunbookModel) => T): (model: RunbookModel) => T {
  return (model) => model.lookups.get(`lookup.${key}`, () => compute(model));
}

/** The first wave listing each VM (later listings are RB104's business). */
export const waveByVm: (model: RunbookModel) => ReadonlyMap<string, Wave> = perModel('waveByVm', (model) => {
  const out = new Map<string, Wave>();
  for (const wave of model.waves) {
    for (const vm of wave.vms) if (!out.has(vm.value)) out.set(vm.value, wave);
  }
  return out;
});

export function waveLabel(wave: Wave): string {
  return wave.name ? `Wave '${wave.name.value}'` : `Wave ${wave.index + 1}`;
}

export interface LinkRtt {
  readonly seconds: number;
  /** The value to point at: the link's `rtt`, or its `distance` when the RTT is derived. */
  readonly span: Span;
  readonly derived: boolean;
  /** How a derived RTT was obtained ("derived: 800 km x route factor ..."); empty when given. */
  readonly description: string;
}

/** The link's RTT, or undefined when neither `rtt` nor a derivable `distance` is known. */
export function linkRtt(link: Link, estimate: PlanEstimate): LinkRtt | undefined {
  if (link.rttSeconds) {
    return { seconds: link.rttSeconds.value, span: link.rttSeconds.span, derived: false, description: '' };
  }
  const estimated = estimate.links.get(link.id);
  if (link.distanceKm && estimated && Number.isFinite(estimated.rttSeconds)) {
    // The estimator's words already say "derived: ..."; keep one such prefix.
    const description = `derived: ${estimated.rttSource.replace(/^\s*derived:?\s*/i, '')}`;
    return { seconds: estimated.rttSeconds, span: link.distanceKm.span, derived: true, description };
  }
  return undefined;
}

export interface SiteVersion {
  readonly version: VsphereVersion;
  /** The `vsphere` value the version came from (the site's, else the plan default's), if written. */
  readonly located?: Located<string>;
  /** True when neither the site nor `defaults` names a version and the setting stood in. */
  readonly assumed: boolean;
}

/** The site's vSphere version: its own, else `defaults.vsphere`, else the setting. */
export function siteVersion(site: Site, model: RunbookModel, options: EngineOptions): SiteVersion | undefined {
  const located = site.vsphere ?? model.defaults.vsphere;
  const text = located?.value ?? options.defaultVsphereVersion;
  const version = parseVsphereVersion(text);
  if (!version) return undefined; // an unreadable version is the schema's to report
  return { version, located: site.vsphere ?? undefined, assumed: located === undefined };
}

/** Licence order from weakest: a migration runs with the weaker end's features. */
const LICENSE_RANK: Readonly<Record<License, number>> = { standard: 0, enterprise: 1, 'enterprise-plus': 2, 'vsphere-foundation': 2, 'cloud-foundation': 2 };

export interface LinkEnds {
  readonly from: Site;
  readonly to: Site;
  readonly older: SiteVersion;
  readonly olderSite: Site;
  readonly newer: SiteVersion;
  readonly newerSite: Site;
  /** The weaker licence of the two; enterprise-plus when neither says (vsphere.ts default). */
  readonly license: License;
  /** The site whose licence is the weaker one, when a licence is written. */
  readonly licenseSite?: Site;
}

/** Both sites of a link with their versions, or undefined when a site or a version is unknown. */
export function linkEnds(link: Link, model: RunbookModel, options: EngineOptions): LinkEnds | undefined {
  const from = link.from ? model.sites.get(link.from.value) : undefined;
  const to = link.to ? model.sites.get(link.to.value) : undefined;
  if (!from || !to) return undefined;
  const fromVersion = siteVersion(from, model, options);
  const toVersion = siteVersion(to, model, options);
  if (!fromVersion || !toVersion) return undefined;
  const fromOlder = compareVersions(fromVersion.version, toVersion.version) <= 0;
  let license: License = 'enterprise-plus';
  let licenseSite: Site | undefined;
  for (const site of [from, to]) {
    if (site.license && LICENSE_RANK[site.license.value] < LICENSE_RANK[license]) {
      license = site.license.value;
      licenseSite = site;
    }
  }
  return {
    from,
    to,
    older: fromOlder ? fromVersion : toVersion,
    olderSite: fromOlder ? from : to,
    newer: fromOlder ? toVersion : fromVersion,
    newerSite: fromOlder ? to : from,
    license,
    licenseSite,
  };
}

export function licenseLabel(license: License): string {
  switch (license) {
    case 'enterprise-plus':
      return 'Enterprise Plus';
    case 'enterprise':
      return 'Enterprise';
    case 'standard':
      return 'Standard';
    case 'vsphere-foundation':
      return 'vSphere Foundation';
    case 'cloud-foundation':
      return 'VMware Cloud Foundation';
  }
}

export function siteLabel(site: Site): string {
  return site.name ? `${site.id} (${site.name.value})` : site.id;
}

/**
 * Links the plan migrates over: those named by waves, or every link when no wave names one yet.
 * With `strategy`, only links carrying at least one VM whose storage strategy is `strategy` (or, with
 * no waves naming links, every link if the plan-wide strategy is `strategy`).
 */
export function migrationLinks(model: RunbookModel, strategy?: StorageStrategy): Link[] {
  const named = model.waves.filter((w) => w.link && model.links.has(w.link.value));
  if (named.length === 0) {
    const planWide = model.storage?.strategy?.value ?? 'storage-vmotion';
    return strategy === undefined || planWide === strategy ? [...model.links.values()] : [];
  }
  const carried = strategiesByLink(model);
  const ids = new Set<string>();
  for (const wave of named) {
    const id = (wave.link as Located<string>).value;
    if (strategy === undefined || carried.get(id)?.has(strategy)) ids.add(id);
  }
  return [...ids].map((id) => model.links.get(id) as Link);
}

/** The storage strategies of the VMs each link carries (through the waves that name it). */
const strategiesByLink = perModel('strategiesByLink', (model) => {
  const out = new Map<string, Set<StorageStrategy>>();
  for (const wave of model.waves) {
    if (!wave.link || !model.links.has(wave.link.value)) continue;
    let strategies = out.get(wave.link.value);
    if (!strategies) out.set(wave.link.value, (strategies = new Set()));
    for (const ref of wave.vms) {
      const vm = model.vms.get(ref.value);
      if (vm !== undefined) strategies.add(storageStrategyOf(model, vm));
    }
  }
  return out;
});

/** Where `strategy` is declared: the plan's `storage.strategy`, else the first VM that sets it. */
export function strategyDeclaration(model: RunbookModel, strategy: StorageStrategy): Span | undefined {
  if (model.storage?.strategy?.value === strategy) return model.storage.strategy.span;
  for (const vm of model.vms.values()) if (vm.storage?.value === strategy) return vm.storage.span;
  return undefined;
}

/** SDPS arrived with vSphere 5.0 (docs/sources.md 1.6, yellow-bricks 2012). */
export const SDPS_FIRST_MAJOR = 5;

/**
 * True when `e`'s memory pre-copy cannot converge and SDPS will throttle the guest instead: then
 * the estimator's un-throttled switchover is not what happens, and RB203 (not RB204/RB205) reports it.
 */
export function throttledBySdps(e: VmEstimate, model: RunbookModel, options: EngineOptions): boolean {
  if (e.memoryConverges !== false) return false;
  const link = e.linkId ? model.links.get(e.linkId) : undefined;
  const ends = link ? linkEnds(link, model, options) : undefined;
  return ends === undefined || ends.older.version.major >= SDPS_FIRST_MAJOR;
}

/** One VM's move: its wave's link, the sites at each end with their versions, how it moves. */
export interface VmMove {
  readonly vm: Vm;
  readonly wave: Wave;
  readonly link: Link;
  /** The source site (the link's `from`) and the destination (`to`). */
  readonly source: Site;
  readonly destination: Site;
  readonly sourceVersion?: SiteVersion;
  readonly destinationVersion?: SiteVersion;
  readonly method: MigrationMethod;
  /** True for the live methods (vmotion, hcx-vmotion, hcx-rav): the VM keeps running. */
  readonly live: boolean;
  readonly storage: StorageStrategy;
}

/** Every waved VM whose wave names a known link between known sites, in wave order (computed once per model and options; six rules ask). */
export function vmMoves(model: RunbookModel, options: EngineOptions): readonly VmMove[] {
  const kept = model.lookups.get('lookup.vmMoves', () => ({ options, moves: computeVmMoves(model, options) }));
  return kept.options === options ? kept.moves : computeVmMoves(model, options);
}

function computeVmMoves(model: RunbookModel, options: EngineOptions): VmMove[] {
  const out: VmMove[] = [];
  const seen = new Set<string>();
  for (const wave of model.waves) {
    const link = wave.link ? model.links.get(wave.link.value) : undefined;
    const source = link?.from ? model.sites.get(link.from.value) : undefined;
    const destination = link?.to ? model.sites.get(link.to.value) : undefined;
    if (!link || !source || !destination) continue;
    const sourceVersion = siteVersion(source, model, options);
    const destinationVersion = siteVersion(destination, model, options);
    for (const item of wave.vms) {
      const vm = model.vms.get(item.value);
      if (!vm || seen.has(vm.id)) continue;
      seen.add(vm.id);
      const method = methodOf(model, vm, wave);
      out.push({ vm, wave, link, source, destination, sourceVersion, destinationVersion, method, live: method === 'vmotion' || method === 'hcx-vmotion' || method === 'hcx-rav', storage: storageStrategyOf(model, vm) });
    }
  }
  return out;
}

/** How the VM moves (its own, its first wave's, the plan's method; else vMotion). */
export function vmMethod(model: RunbookModel, vmId: string): MigrationMethod {
  const vm = model.vms.get(vmId);
  return vm ? methodOf(model, vm, waveByVm(model).get(vmId)) : (model.method?.value ?? 'vmotion');
}

/** The methods each link carries, through the waves naming it (vMotion rules skip links without it). */
export const methodsByLink: (model: RunbookModel) => ReadonlyMap<string, ReadonlySet<MigrationMethod>> = perModel('methodsByLink', (model) => {
  const out = new Map<string, Set<MigrationMethod>>();
  for (const wave of model.waves) {
    if (!wave.link) continue;
    let methods = out.get(wave.link.value);
    if (!methods) out.set(wave.link.value, (methods = new Set()));
    for (const ref of wave.vms) {
      const vm = model.vms.get(ref.value);
      if (vm) methods.add(methodOf(model, vm, wave));
    }
  }
  return out;
});

/** False only when the waves over `link` move their VMs by methods other than vSphere vMotion. */
export function carriesVmotion(model: RunbookModel, linkId: string): boolean {
  const methods = methodsByLink(model).get(linkId);
  return methods === undefined || methods.size === 0 || methods.has('vmotion');
}
