/**
 * RB108: a VM depends on a VM that migrates in a later wave, so for at least one wave the two run
 * at different sites. Dependencies inside one wave are fine: the schedule orders them.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { waveByVm, waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const dependsOnLaterWave: Rule = {
  code: 'RB108',
  title: 'Depends on a VM in a later wave',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB108', purposeOf(model));
    const waveOf = waveByVm(model);
    for (const vm of model.vms.values()) {
      const ownWave = waveOf.get(vm.id);
      if (ownWave === undefined) continue;
      for (const ref of vm.dependsOn) {
        const depWave = waveOf.get(ref.value);
        if (depWave === undefined || depWave.index <= ownWave.index) continue;
        const listing = depWave.vms.find((v) => v.value === ref.value);
        findings.push({
          code: 'RB108',
          severity,
          message: `VM '${vm.id}' (${waveLabel(ownWave)}) depends on '${ref.value}', which migrates later in ${waveLabel(depWave)}; move '${ref.value}' to the same or an earlier wave, or '${vm.id}' to a later one.`,
          span: ref.span,
          related: listing ? [{ span: listing.span, message: `'${ref.value}' is listed in ${waveLabel(depWave)}` }] : undefined,
        });
      }
    }
    return findings;
  },
};
