/**
 * RB211: migrating between sites managed by different vCenters is cross-vCenter vMotion, which needs
 * vSphere 6.0+ at both ends and Enterprise Plus (domain.md 1.7, KB 2106952). KB 2106952 also notes
 * that cross-vCenter operations are not supported between different vCenter versions (6.0 <-> 6.5);
 * Advanced Cross vCenter vMotion (7.0 U1c+) accepts 6.5+ sources. That note is a warning.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { compareVersions, parseVsphereVersion } from '../vsphere';
import { licenseLabel, linkEnds, migrationLinks } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

const V6_5 = parseVsphereVersion('6.5');
const V7_U1 = parseVsphereVersion('7.0 U1');

export const crossVcenter: Rule = {
  code: 'RB211',
  title: 'Cross-vCenter requirements',
  source: 'domain.md 1.7: VMware KB 2106952 and vSphere 6.0 docs GUID-DAD0C40A (cross-vCenter vMotion: 6.0+ both ends, Enterprise Plus; not across different vCenter versions)',
  check({ model, options }) {
    const findings: Finding[] = [];
    const purpose = purposeOf(model);
    for (const link of migrationLinks(model)) {
      const ends = linkEnds(link, model, options);
      if (!ends) continue;
      const a = ends.from.vcenter;
      const b = ends.to.vcenter;
      if (!a || !b || a.value.toLowerCase() === b.value.toLowerCase()) continue;
      const between = `Link '${link.id}' joins vCenters ${a.value} and ${b.value}: that is cross-vCenter vMotion`;

      if (ends.older.version.major < 6) {
        findings.push({
          code: 'RB211',
          severity: severityOf('RB211', purpose),
          message: `${between}, which needs vSphere 6.0 or later at both ends; site ${ends.olderSite.id} runs ${ends.older.version.text}${ends.older.assumed ? ' (assumed)' : ''}. Upgrade it, or migrate through one vCenter.`,
          span: ends.olderSite.vsphere?.span ?? ends.olderSite.keySpan,
        });
      }
      for (const site of [ends.from, ends.to]) {
        if (!site.license || site.license.value === 'enterprise-plus') continue;
        findings.push({
          code: 'RB211',
          severity: severityOf('RB211', purpose),
          message: `${between}, which needs Enterprise Plus; site ${site.id} is licensed ${licenseLabel(site.license.value)}. Upgrade the licence, or migrate through one vCenter.`,
          span: site.license.span,
        });
      }
      const older = ends.older.version;
      const newer = ends.newer.version;
      const sameRelease = older.major === newer.major && older.minor === newer.minor;
      const advanced = V6_5 && V7_U1 && compareVersions(older, V6_5) >= 0 && compareVersions(newer, V7_U1) >= 0;
      if (older.major >= 6 && !sameRelease && !advanced) {
        findings.push({
          code: 'RB211',
          severity: severityOf('RB211/version-mismatch', purpose),
          message: `${between} between vSphere ${older.text} (${ends.olderSite.id}) and ${newer.text} (${ends.newerSite.id}); KB 2106952 says cross-vCenter operations are not supported across different vCenter versions. Bring both to one release, or use Advanced Cross vCenter vMotion (7.0 U1c+ destination, 6.5+ source).`,
          span: ends.olderSite.vsphere?.span ?? ends.olderSite.keySpan,
          related: ends.newerSite.vsphere ? [{ span: ends.newerSite.vsphere.span, message: `vSphere ${newer.text} at ${ends.newerSite.id}` }] : undefined,
        });
      }
    }
    return findings;
  },
};
