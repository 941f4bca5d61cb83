/**
 * RB216: `rpo` outside vSphere Replication's range of 5 minutes to 24 hours (docs/sources.md 4.3, VMware
 * vCloud NFV reference architecture). HCX Bulk and RAV replicate with vSphere Replication (docs/sources.md
 * 5.2), so there it is an error; other replication products (Zerto replicates within seconds,
 * docs/sources.md 4.3) have other ranges, so otherwise a warning that names the product assumed.
 */
import type { Finding } from '../findings';
import { methodOf, purposeOf, storageStrategyOf } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { waveByVm } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const MIN_RPO_SECONDS = 5 * 60;
export const MAX_RPO_SECONDS = 24 * 3600;

export const replicationRpoRange: Rule = {
  code: 'RB216',
  title: 'RPO outside vSphere Replication\'s range',
  source: 'docs/sources.md 4.3: vSphere Replication RPO 5 minutes to 24 hours (VMware vCloud NFV OpenStack Edition 3.0 reference architecture, GUID-291638CF)',
  check({ model }) {
    const rpo = model.storage?.rpoSeconds;
    if (!rpo || (rpo.value >= MIN_RPO_SECONDS && rpo.value <= MAX_RPO_SECONDS)) return [];
    const waves = waveByVm(model);
    let replicated = false;
    let hcx = false;
    for (const vm of model.vms.values()) {
      if (storageStrategyOf(model, vm) !== 'replication-async') continue;
      replicated = true;
      const method = methodOf(model, vm, waves.get(vm.id));
      if (method === 'hcx-bulk' || method === 'hcx-rav') hcx = true;
    }
    if (!replicated && model.storage?.strategy?.value !== 'replication-async') return [];
    const purpose = purposeOf(model);
    const side = rpo.value < MIN_RPO_SECONDS ? 'below its 5 min minimum' : 'above its 24 h maximum';
    const finding: Finding = {
      code: 'RB216',
      severity: severityOf(hcx ? 'RB216/vsphere-replication' : 'RB216', purpose),
      message: hcx
        ? `RPO ${formatDuration(rpo.value)} is ${side}: HCX Bulk and Replication Assisted vMotion replicate with vSphere Replication, which allows 5 min to 24 h. Set an RPO in that range.`
        : `RPO ${formatDuration(rpo.value)} is ${side} for vSphere Replication (5 min to 24 h). Set an RPO in that range, or, if another product replicates (Zerto, array replication), say so in a '# runbook-disable RB216' comment.`,
      span: rpo.span,
    };
    return [finding];
  },
};
