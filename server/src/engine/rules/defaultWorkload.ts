/**
 * RB301: a VM without `dirty_rate` is estimated from a workload profile (its own `workload`, the
 * plan's `defaults.workload`, or the estimator's default). Dirty rate drives convergence and
 * switchover (domain.md 2.2) and "can vary by a factor of more than 23" with guest memory patterns
 * (Salfner et al., domain.md 2.6), so a measured value is worth having. Information only.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatByteRate } from '../quantity';
import type { Rule } from './rule';
import { severityOf } from './severity';

export const defaultWorkload: Rule = {
  code: 'RB301',
  title: 'Estimate uses a default workload profile',
  source: 'domain.md 2.2 (dirty rate drives convergence and downtime) and 2.6 (Salfner et al., DEPEND 2011: downtime varies by more than 23x with memory patterns)',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB301', purposeOf(model));
    for (const vm of model.vms.values()) {
      if (vm.dirtyRateBytesPerSecond) continue;
      const e = estimate.vms.get(vm.id);
      const profile = vm.workload?.value ?? model.defaults.workload?.value;
      // The estimator's source names the profile and its assumed rate.
      const used = e
        ? (e.dirtyRateSource.includes('/s') ? e.dirtyRateSource : `${e.dirtyRateSource} (${formatByteRate(e.dirtyRateBytesPerSecond)})`)
        : profile ? `the '${profile}' workload profile` : "the estimator's default workload profile";
      findings.push({
        code: 'RB301',
        severity,
        message: `VM '${vm.id}' has no dirty_rate, so its estimate uses ${used}; measure the VM's page dirty rate and set dirty_rate for a firmer estimate.`,
        span: vm.keySpan,
      });
    }
    return findings;
  },
};
