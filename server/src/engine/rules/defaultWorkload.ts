/**
 * RB301: a VM that says nothing about its memory activity (neither `dirty_rate` nor its own
 * `workload`) is estimated from a default profile (the plan's `defaults.workload`, or the
 * estimator's default). A VM whose planner chose a profile has stated its workload and is not
 * flagged: that choice is documented in docs/estimates.md. Dirty rate drives convergence and
 * switchover (docs/sources.md 2.2) and "can vary by a factor of more than 23" with guest memory patterns
 * (Salfner et al., docs/sources.md 2.6), so a measured value is worth having. Information only.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatByteRate } from '../../../../shared/src/units/quantity';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const defaultWorkload: Rule = {
  code: 'RB301',
  title: 'Estimate uses a default workload profile',
  source: 'docs/sources.md 2.2 (dirty rate drives convergence and downtime) and 2.6 (Salfner et al., DEPEND 2011: downtime varies by more than 23x with memory patterns)',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB301', purposeOf(model));
    for (const vm of model.vms.values()) {
      if (vm.dirtyRateBytesPerSecond || vm.workload) continue;
      const e = estimate.vms.get(vm.id);
      const profile = model.defaults.workload?.value;
      // The estimator's source names the profile and its assumed rate.
      const used = e
        ? (e.dirtyRateSource.includes('/s') ? e.dirtyRateSource : `${e.dirtyRateSource} (${formatByteRate(e.dirtyRateBytesPerSecond)})`)
        : profile ? `the '${profile}' workload profile` : "the estimator's default workload profile";
      findings.push({
        code: 'RB301',
        severity,
        message: `VM '${vm.id}' has no dirty_rate or workload, so its estimate uses ${used}; measure the VM's page dirty rate and set dirty_rate (or name its workload profile) for a firmer estimate.`,
        span: vm.keySpan,
      });
    }
    return findings;
  },
};
