/**
 * RB201: a link's RTT exceeds the vMotion limit of the older of its two sites' vSphere versions
 * with the weaker licence (vsphere.ts: 5 ms for 4.x, 10 ms for 5.x Enterprise Plus, 150 ms for
 * 6.0+ Enterprise Plus; below Enterprise Plus 5 ms).
 */
import type { Finding } from '../findings';
import { purposeOf, type License, type RunbookModel } from '../model';
import { formatMilliseconds } from '../../../../shared/src/units/quantity';
import { licenseTier, parseVsphereVersion, vmotionCapabilities } from '../vsphere';
import { licenseLabel, linkEnds, linkRtt, methodsByLink } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

const V6 = parseVsphereVersion('6.0');

export const rttLimit: Rule = {
  code: 'RB201',
  title: 'RTT over the vMotion limit',
  source:
    'docs/sources.md 1.1: Broadcom KB 310156 (4.1 < 5 ms; 5.x Metro vMotion 10 ms, Enterprise Plus) and KB 2106949 / vSphere 6.5 docs GUID-3B41119A (6.0+ 150 ms, Enterprise Plus)',
  check({ model, estimate, options }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB201', purposeOf(model));
    for (const link of model.links.values()) {
      const rtt = linkRtt(link, estimate);
      const ends = linkEnds(link, model, options);
      // Cold moves and HCX Bulk copy files over NFC / vSphere Replication, not vMotion (docs/sources.md 5.2).
      if (!rtt || !ends || !usesVmotion(model, link.id)) continue;
      const caps = vmotionCapabilities(ends.older.version, ends.license);
      if (rtt.seconds <= caps.maxRttSeconds) continue;
      const assumed = ends.older.assumed ? ', assumed: no version given' : '';
      const versionText = `vSphere ${ends.older.version.text} (site ${ends.olderSite.id}, the older end${assumed})`;
      const kb = ends.older.version.major >= 6 && licenseTier(ends.license) === 'enterprise-plus' ? 'KB 2106949' : 'KB 310156';
      // The finding first, the derivation of a derived RTT last (the Problems panel cuts long lines).
      const rttText = rtt.derived ? `about ${formatMilliseconds(rtt.seconds)}` : formatMilliseconds(rtt.seconds);
      const derivation = rtt.derived ? ` (RTT ${rtt.description})` : '';
      findings.push({
        code: 'RB201',
        severity,
        message: `RTT ${rttText} exceeds the ${formatMilliseconds(caps.maxRttSeconds)} vMotion limit for ${versionText} with ${licenseLabel(ends.license)}, per ${kb}; ${remedy(rtt.seconds, ends.older.version.major, ends.license)}${derivation}`,
        span: rtt.span,
      });
    }
    return findings;
  },
};

/** What would make this RTT supportable, most direct first. */
function remedy(rttSeconds: number, major: number, license: License): string {
  const v6 = V6 ? vmotionCapabilities(V6, 'enterprise-plus') : undefined;
  if (v6 && rttSeconds <= v6.maxRttSeconds) {
    const steps = [major < 6 ? 'vSphere 6.0+ at both sites' : undefined, licenseTier(license) !== 'enterprise-plus' ? 'Enterprise Plus licences' : undefined].filter(Boolean);
    return `${steps.join(' and ')} would allow up to ${formatMilliseconds(v6.maxRttSeconds)}; otherwise use storage replication or a nearer site.`;
  }
  return 'use storage replication and a cold or replicated cutover, or a nearer site.';
}

/** True unless every VM the waves move over the link goes cold or by HCX Bulk. */
function usesVmotion(model: RunbookModel, linkId: string): boolean {
  const methods = methodsByLink(model).get(linkId);
  return methods === undefined || methods.size === 0 || [...methods].some((m) => m !== 'cold' && m !== 'hcx-bulk');
}
