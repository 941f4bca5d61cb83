/**
 * RB211: migrating between sites managed by different vCenters is cross-vCenter vMotion, which needs
 * vSphere 6.0+ at both ends and Enterprise Plus (docs/sources.md 1.7, KB 2106952). KB 2106952: "Cross
 * vCenter Server provisioning ... is not supported across vCenter Server versions" (vMotion, cold
 * migration and cloning; "from vCenter Server 6.0 to vCenter Server 6.5, and vice versa"), and "The
 * Advanced Cross vCenter vMotion feature in vSphere 7.0 U1c is only supported between vSphere
 * (vCenter and ESXi) instances 6.5 or greater". The KB names no direction: Advanced Cross vCenter
 * vMotion runs from a 7.0 U1c+ vCenter and imports from or exports to a 6.5+ one, so one end at
 * 7.0 U1c+ and both at 6.5+ qualify either way; whether the VM can then run at an older destination
 * is its hardware version's question (RB231). Unsupported is unsupported: every case is an error.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { compareVersions, hasAdvancedCrossVcenterVmotion, licenseTier, parseVsphereVersion } from '../vsphere';
import { licenseLabel, linkEnds, migrationLinks } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

const V6_5 = parseVsphereVersion('6.5');

export const crossVcenter: Rule = {
  code: 'RB211',
  title: 'Cross-vCenter requirements',
  source: 'docs/sources.md 1.7: VMware KB 2106952 and vSphere 6.0 docs GUID-DAD0C40A (cross-vCenter vMotion: 6.0+ both ends, Enterprise Plus; not across different vCenter versions)',
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
        if (!site.license || licenseTier(site.license.value) === 'enterprise-plus') continue;
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
      const advanced = V6_5 !== undefined && compareVersions(older, V6_5) >= 0 && hasAdvancedCrossVcenterVmotion(newer);
      if (older.major >= 6 && !sameRelease && !advanced) {
        const why = compareVersions(older, V6_5 ?? older) < 0
          ? `and Advanced Cross vCenter vMotion needs 6.5 or later at both ends (${older.text} at ${ends.olderSite.id})`
          : `and Advanced Cross vCenter vMotion needs one end at 7.0 U1c or later (the newer end, ${ends.newerSite.id}, runs ${newer.text})`;
        findings.push({
          code: 'RB211',
          severity: severityOf('RB211', purpose),
          message: `Link '${link.id}' crosses vCenter versions, which VMware does not support: vSphere ${older.text} (${ends.olderSite.id}) and ${newer.text} (${ends.newerSite.id}) are different releases (KB 2106952: cross-vCenter vMotion, cold migration and cloning need the same version), ${why}. Bring both vCenters to one release, or one to 7.0 U1c or later (both 6.5 or later) for Advanced Cross vCenter vMotion.`,
          span: ends.olderSite.vsphere?.span ?? ends.olderSite.keySpan,
          related: ends.newerSite.vsphere ? [{ span: ends.newerSite.vsphere.span, message: `vSphere ${newer.text} at ${ends.newerSite.id}` }] : undefined,
        });
      }
    }
    return findings;
  },
};
