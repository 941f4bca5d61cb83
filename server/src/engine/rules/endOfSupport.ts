/**
 * RB303: a site runs a vSphere release past its end of general support (no more patches or
 * security fixes; technical guidance runs two more years). Information: the migration still works,
 * but a plan that moves onto (or stays on) such a release should say so. Dates: 5.5 September 2018
 * (the stored note gives the month; the 19th is VMware's lifecycle matrix, not read here), 6.0
 * 12 Mar 2020 (ceriumnetworks.com), 6.5 and 6.7 15 Oct 2022 (VMware
 * vSphere blog, June 2020: 6.7 extended from 15 Nov 2021), 7.0 2 Oct 2025 (helient.com,
 * it-server-room.com, after the extension from 2 Apr 2025). Judged at the plan's start (else now).
 * Releases before 5.5 have no stored date and are not reported (their end was long before 2018).
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { isoWithOffset } from '../../../../shared/src/units/time';
import { endOfGeneralSupport } from '../vsphere';
import { siteVersion } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const endOfSupport: Rule = {
  code: 'RB303',
  title: 'vSphere release past its end of general support',
  source: 'VMware lifecycle (5.5, 6.0: ceriumnetworks.com; 6.5/6.7: VMware vSphere blog 2020-06 "Announcing Extension of vSphere 6.7 General Support Period"; 7.0: helient.com, it-server-room.com); docs/sources.md 1.9',
  check({ model, options, estimate }) {
    const findings: Finding[] = [];
    const at = estimate.schedule.anchored === true && estimate.schedule.waves.length > 0 ? estimate.schedule.startEpochMs : (options.nowEpochMs ?? Date.now());
    const severity = severityOf('RB303', purposeOf(model));
    for (const site of model.sites.values()) {
      const v = siteVersion(site, model, options);
      if (!v || !site.vsphere) continue; // only a release the runbook states
      const ends = endOfGeneralSupport(v.version);
      if (ends === undefined || at < ends) continue;
      findings.push({
        code: 'RB303',
        severity,
        message: `Site ${site.id} runs vSphere ${v.version.text}, past its end of general support on ${isoWithOffset(ends, 0).slice(0, 10)}: no more patches or security fixes. Plan the upgrade, or move onto a supported release.`,
        span: site.vsphere.span,
      });
    }
    return findings;
  },
};
