/** RB105: a VM defined under `vms` that no wave migrates (forgotten, or left behind on purpose). */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { waveByVm } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const vmInNoWave: Rule = {
  code: 'RB105',
  title: 'VM in no wave',
  source: 'reference integrity',
  check({ model }) {
    // Without any wave the plan is unfinished, not wrong VM by VM (the schema reports missing waves).
    if (model.waves.length === 0) return [];
    const findings: Finding[] = [];
    const severity = severityOf('RB105', purposeOf(model));
    const placed = waveByVm(model);
    for (const vm of model.vms.values()) {
      if (placed.has(vm.id)) continue;
      findings.push({
        code: 'RB105',
        severity,
        message: `VM '${vm.id}' is not in any wave, so the plan never migrates it; add it to a wave's 'vms' or remove it.`,
        span: vm.keySpan,
      });
    }
    return findings;
  },
};
