/**
 * RB230: a running VM moves live only to hosts that offer every CPU feature it uses. vCenter checks
 * that "features that are exposed to virtual machines" match on the source and target (vSphere
 * 6.0 docs, "Compatibility Checks for Virtual Hardware"); EVC pins a cluster to a baseline. The VM
 * needs its `evc` (RVTools vInfo "min Required EVC Mode Key"), else its source site's `evc`; the
 * destination offers its site's `evc`. vSphere API, EVCMode data object: "The CPU feature baseline
 * of mode A is a superset of mode B's baseline if and only if modeA.track is the same as or a
 * superset of modeB.track [and] modeA.vendorTier is equal to or greater than modeB.vendorTier"; an
 * EVC mode is "not legal for the CPU hardware vendor" of other hosts (EVCModeIllegalByVendor). So
 * Intel and AMD never match, and within a vendor the tier (generation) must not go down. The
 * generation order below is the mode keys' (VMware KB 1003212 lists them; not read here). Cold
 * moves and HCX Bulk (which power the VM off) are not affected.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { vmMoves } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

/** EVC mode keys by vendor, oldest generation first. */
const EVC_ORDER: Readonly<Record<'intel' | 'amd', readonly string[]>> = {
  intel: ['merom', 'penryn', 'nehalem', 'westmere', 'sandybridge', 'ivybridge', 'haswell', 'broadwell', 'skylake', 'cascadelake', 'icelake', 'sapphirerapids'],
  amd: ['rev-e', 'rev-f', 'greyhound-no3dnow', 'greyhound', 'bulldozer', 'piledriver', 'steamroller', 'zen', 'zen2', 'zen3', 'zen4'],
};

interface Baseline {
  readonly vendor: 'intel' | 'amd';
  /** Index in EVC_ORDER, or undefined for an unknown generation of a known vendor. */
  readonly rank?: number;
}

export function evcBaseline(key: string): Baseline | undefined {
  const m = /^\s*(intel|amd)[-_ ]?(.*?)\s*$/i.exec(key);
  if (!m) return undefined;
  const vendor = m[1].toLowerCase() as 'intel' | 'amd';
  const generation = m[2].toLowerCase().replace(/[_ ]/g, '-');
  const rank = EVC_ORDER[vendor].indexOf(generation);
  return { vendor, rank: rank >= 0 ? rank : undefined };
}

export const cpuCompatibility: Rule = {
  code: 'RB230',
  title: 'CPU (EVC) incompatible at the destination',
  source: 'docs/sources.md 1.8: vSphere API EVCMode data object (developer.broadcom.com: baseline superset by track and vendorTier; EVCModeIllegalByVendor); vSphere 6.0 docs "Compatibility Checks for Virtual Hardware"; EVC mode keys per VMware KB 1003212',
  check({ model, options }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB230', purposeOf(model));
    for (const move of vmMoves(model, options)) {
      if (!move.live) continue;
      const needed = move.vm.evc ?? move.source.evc;
      const offered = move.destination.evc;
      if (!needed || !offered) continue;
      const a = evcBaseline(needed.value);
      const b = evcBaseline(offered.value);
      if (!a || !b) continue;
      let problem: string | undefined;
      if (a.vendor !== b.vendor) problem = `it runs on ${a.vendor === 'intel' ? 'Intel' : 'AMD'} CPU features (${needed.value}) and site ${move.destination.id} offers ${b.vendor === 'intel' ? 'Intel' : 'AMD'} (${offered.value}): a running VM never moves live between vendors`;
      else if (a.rank !== undefined && b.rank !== undefined && a.rank > b.rank) problem = `it uses the CPU features of ${needed.value}, newer than the ${offered.value} baseline of site ${move.destination.id}`;
      if (!problem) continue;
      findings.push({
        code: 'RB230',
        severity,
        message: `VM '${move.vm.id}' cannot move live to site ${move.destination.id}: ${problem}. Power-cycle it under a baseline the destination offers (per-VM or cluster EVC), raise the destination's EVC mode, or migrate it cold (method: cold).`,
        span: (move.vm.evc ?? move.vm.method)?.span ?? move.vm.keySpan,
        related: [{ span: offered.span, message: `EVC ${offered.value} at ${move.destination.id}` }],
      });
    }
    return findings;
  },
};
