/**
 * RB208: a stretched VLAN over a link longer than the Cisco/VMware reference design (vMotion between
 * data centres "as far as 200 kilometres (125 miles) apart", demonstrated at 80 km; docs/sources.md 5.1).
 * The story's "~500 miles" for Cisco's VLAN extension could not be confirmed (docs/sources.md 9), so the
 * rule uses 200 km and says so. A reference design, not a product limit: a warning.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDistance, formatMilliseconds } from '../../../../shared/src/units/quantity';
import { DEFAULT_ROUTE_FACTOR, RTT_SECONDS_PER_FIBRE_KM } from '../estimate/link';
import { migrationLinks } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

/** Cisco/VMware 2009 reference design (docs/sources.md 5.1). */
export const STRETCHED_VLAN_MAX_KM = 200;

export const stretchedVlanDistance: Rule = {
  code: 'RB208',
  title: 'Stretched VLAN beyond the reference distance',
  source: 'docs/sources.md 5.1: Cisco/VMware 2009 reference design, 200 km (125 mi) (techworld.com, vm-net.co.uk); the 500-mile claim is unverified (docs/sources.md 9)',
  check({ model }) {
    const strategy = model.network?.strategy;
    if (strategy?.value !== 'stretched-vlan') return [];
    const findings: Finding[] = [];
    const severity = severityOf('RB208', purposeOf(model));
    for (const link of migrationLinks(model)) {
      const distance = link.distanceKm;
      if (distance) {
        if (distance.value <= STRETCHED_VLAN_MAX_KM) continue;
        findings.push({
          code: 'RB208',
          severity,
          message: `Link '${link.id}' spans ${formatDistance(distance.value)}, beyond the ${formatDistance(STRETCHED_VLAN_MAX_KM)} (125 mi) Cisco/VMware reference design for stretching a VLAN between data centres; the often-quoted ~500 miles could not be verified. Consider l2-extension (OTV, HCX Network Extension), wan-proxy, or re-ip.`,
          span: distance.span,
          related: [{ span: strategy.span, message: 'network strategy: stretched-vlan' }],
        });
        continue;
      }
      // Only an RTT: light in fibre gives at most RTT / 0.01 ms per km of fibre, over the route
      // factor in straight line (docs/sources.md 3.3). Equipment delay makes the real distance shorter, so
      // this is an upper bound, and the message says so.
      const rtt = link.rttSeconds;
      if (!rtt) continue;
      const given = link.routeFactor?.value;
      const factor = given !== undefined && given >= 1 ? given : DEFAULT_ROUTE_FACTOR;
      const km = rtt.value / RTT_SECONDS_PER_FIBRE_KM / factor;
      if (!(km > STRETCHED_VLAN_MAX_KM)) continue;
      findings.push({
        code: 'RB208',
        severity,
        message: `Link '${link.id}' may span up to about ${formatDistance(km)}, beyond the ${formatDistance(STRETCHED_VLAN_MAX_KM)} (125 mi) Cisco/VMware reference design for stretching a VLAN between data centres: its RTT ${formatMilliseconds(rtt.value)} allows ${formatDistance(km * factor)} of fibre (0.01 ms/km), ${formatDistance(km)} in straight line at route factor ${factor} (less if switches add delay; give 'distance' if known). Consider l2-extension (OTV, HCX Network Extension), wan-proxy, or re-ip.`,
        span: rtt.span,
        related: [{ span: strategy.span, message: 'network strategy: stretched-vlan' }],
      });
    }
    return findings;
  },
};
