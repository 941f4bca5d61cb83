/**
 * RB204: predicted switchover (stun) above the configured warning threshold
 * (options.switchoverWarningSeconds, default 1 s: VMware's goal "to keep it under 1sec", docs/sources.md
 * 1.6). Above the 100 s failure bound RB205 reports instead.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { MAX_SWITCHOVER_SECONDS } from '../vsphere';
import { formatStunSeconds } from './support/format';
import { throttledBySdps, vmMethod } from './support/lookup';
import type { Rule } from './support/rule';
import { isPoweredOffMethod } from '../estimate/method';
import { severityOf } from './support/severity';

export const switchoverWarning: Rule = {
  code: 'RB204',
  title: 'Long switchover',
  source: 'docs/sources.md 1.6: switchover goal under 1 s (mysticmarvin.eu citing VMware "The vMotion Process Under the Hood"); threshold set by runbook.switchoverWarningSeconds',
  check({ model, estimate, options }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB204', purposeOf(model));
    for (const e of estimate.vms.values()) {
      const vm = model.vms.get(e.vmId);
      if (!vm || e.waveIndex === undefined || !(e.switchoverSeconds > options.switchoverWarningSeconds) || e.switchoverSeconds > MAX_SWITCHOVER_SECONDS) continue;
      // A non-converging VM under SDPS is RB203's: its un-throttled switchover is not what happens.
      if (throttledBySdps(e, model, options)) continue;
      // Cold and HCX Bulk moves are down for their cutover by design: no vMotion stun to judge.
      if (isPoweredOffMethod(vmMethod(model, e.vmId))) continue;
      findings.push({
        code: 'RB204',
        severity,
        message: `Switchover (stun) ${formatStunSeconds(e.switchoverSeconds)} is over the ${formatStunSeconds(options.switchoverWarningSeconds)} warning threshold: applications of VM '${vm.id}' see a pause this long. Lower the dirty rate or hot set during the window, or give the migration more bandwidth.`,
        span: vm.keySpan,
      });
    }
    return findings;
  },
};
