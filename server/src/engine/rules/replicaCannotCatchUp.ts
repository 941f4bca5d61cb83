/**
 * RB217: with `replication-async` the replica is seeded and then kept within one RPO by sending
 * what changed (docs/sources.md 4.3). When the disk changes faster than the link gives the replica, every
 * delta takes longer than the interval it covers: the replica falls further behind and never
 * reaches the RPO, so the cut-over delta is unbounded. An error.
 */
import type { Finding } from '../findings';
import { purposeOf, storageStrategyOf } from '../model';
import { formatByteRate } from '../../../../shared/src/units/quantity';
import { DEFAULT_WORKLOAD, WORKLOAD_PROFILES_TABLE } from '../estimate/profiles';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const replicaCannotCatchUp: Rule = {
  code: 'RB217',
  title: 'Replica cannot keep up with the disk change rate',
  source: 'docs/sources.md 4.3 (replication sends the changed blocks each RPO; a transfer over RPO/2 already causes RPO violations, vSphere Replication 8.2 docs GUID-84FAF645)',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB217', purposeOf(model));
    for (const e of estimate.vms.values()) {
      if (e.waveIndex === undefined || e.estimable === false || !(e.throughput.bytesPerSecond > 0)) continue;
      const vm = model.vms.get(e.vmId);
      if (!vm || storageStrategyOf(model, vm) !== 'replication-async') continue;
      const profile = vm.workload?.value ?? model.defaults.workload?.value ?? DEFAULT_WORKLOAD;
      const change = vm.diskChangeRateBytesPerSecond?.value ?? WORKLOAD_PROFILES_TABLE[profile].diskChangeRateBytesPerSecond;
      if (change < e.throughput.bytesPerSecond) continue;
      const given = vm.diskChangeRateBytesPerSecond ? 'given' : `assumed from workload '${profile}'`;
      findings.push({
        code: 'RB217',
        severity,
        message: `VM '${vm.id}': the replica can never catch up: the disk changes at ${formatByteRate(change)} (${given}), at or above the ${formatByteRate(e.throughput.bytesPerSecond)} the link gives its replication (${e.throughput.explanation}), so each delta takes longer than the interval it covers. Give replication more bandwidth or share, lower the write load, or move this VM another way.`,
        span: (vm.diskChangeRateBytesPerSecond ?? vm.workload)?.span ?? vm.keySpan,
      });
    }
    return findings;
  },
};
