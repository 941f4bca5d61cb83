/**
 * RB250: a VM whose disks cross the link (storage-vmotion, or replication-async's seed and delta)
 * but that gives no disk size. The estimate cannot price its disk phase: instead of moving 0 bytes,
 * its range is open at the top (VmEstimate.diskUnknown, highSeconds Infinity). A warning: the
 * plan's times are not a bound until the size is known.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const unknownDiskSize: Rule = {
  code: 'RB250',
  title: 'Disk size unknown',
  source: 'docs/sources.md 4.2, 7.6 (disk moves dominate long-distance plans: T_disk = S / R_disk)',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB250', purposeOf(model));
    for (const e of estimate.vms.values()) {
      // Without a throughput nothing is timed: RB010 or the missing bandwidth is the problem to report.
      if (!e.diskUnknown || e.waveIndex === undefined || e.estimable === false) continue;
      const vm = model.vms.get(e.vmId);
      if (!vm) continue;
      findings.push({
        code: 'RB250',
        severity,
        message: `VM '${vm.id}' moves its disks (${e.storage}) but gives no disk size, so its disk time is unknown and its estimate has no upper bound (the likely figure leaves the disk out). Add disk: with the used size (e.g. disk: { provisioned: 200 GiB, used: 120 GiB }).`,
        span: vm.keySpan,
      });
    }
    return findings;
  },
};
