/**
 * RB205: predicted switchover beyond ESX's 100 s default bound, at which it fails the migration and
 * leaves the VM running on the source (docs/sources.md 1.6, KB 2141355).
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { MAX_SWITCHOVER_SECONDS } from '../vsphere';
import { formatStunSeconds } from './support/format';
import { throttledBySdps, vmMethod } from './support/lookup';
import type { Rule } from './support/rule';
import { isPoweredOffMethod } from '../estimate/method';
import { severityOf } from './support/severity';

export const switchoverFailure: Rule = {
  code: 'RB205',
  title: 'Switchover over the 100 s failure bound',
  source: 'docs/sources.md 1.6: maximum switchover time default 100 s (VMware KB 2141355, Broadcom KB 1010045)',
  check({ model, estimate, options }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB205', purposeOf(model));
    for (const e of estimate.vms.values()) {
      const vm = model.vms.get(e.vmId);
      if (!vm || e.waveIndex === undefined || !(e.switchoverSeconds > MAX_SWITCHOVER_SECONDS)) continue;
      // A non-converging VM under SDPS is RB203's: its un-throttled switchover is not what happens.
      if (throttledBySdps(e, model, options)) continue;
      // Cold and HCX Bulk moves are down for their cutover by design: no vMotion stun to judge.
      if (isPoweredOffMethod(vmMethod(model, e.vmId))) continue;
      findings.push({
        code: 'RB205',
        severity,
        // The conclusion first (the Problems panel cuts long lines), then what to do and the source.
        message: `Switchover ${formatStunSeconds(e.switchoverSeconds)} exceeds ESX's ${MAX_SWITCHOVER_SECONDS} s limit: the migration of VM '${vm.id}' fails and it stays on the source. Cut the dirty rate or hot set during the window, give it more bandwidth, or move it cold or by replication (KB 2141355).`,
        span: vm.keySpan,
      });
    }
    return findings;
  },
};
