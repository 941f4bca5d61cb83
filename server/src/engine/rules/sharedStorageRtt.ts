/**
 * RB210: `shared` storage (leave disks at the source, reach them across the WAN) over a long-RTT
 * link. IBM's HCX guidance keeps latency "< ~7 ms for iSCSI" (docs/sources.md 4.1). Practitioner
 * guidance, not a VMware limit: a warning.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatMilliseconds, secondsFromMilliseconds } from '../../../../shared/src/units/quantity';
import { linkRtt, migrationLinks, strategyDeclaration } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

/** IBM Cloud HCX guidance for stretched NAS/iSCSI (docs/sources.md 4.1). */
export const SHARED_STORAGE_MAX_RTT_SECONDS = secondsFromMilliseconds(7);

export const sharedStorageRtt: Rule = {
  code: 'RB210',
  title: 'Shared storage across a long-RTT link',
  source: 'docs/sources.md 4.1: IBM Cloud docs, archiref/hcxclient/hcxclient-migrations.md ("< ~7 ms for iSCSI")',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB210', purposeOf(model));
    const declared = strategyDeclaration(model, 'shared');
    for (const link of migrationLinks(model, 'shared')) {
      const rtt = linkRtt(link, estimate);
      if (!rtt || rtt.seconds <= SHARED_STORAGE_MAX_RTT_SECONDS) continue;
      // The finding first, the derivation of a derived RTT last.
      const rttText = rtt.derived ? `about ${formatMilliseconds(rtt.seconds)}` : formatMilliseconds(rtt.seconds);
      const derivation = rtt.derived ? ` (RTT ${rtt.description})` : '';
      findings.push({
        code: 'RB210',
        severity,
        message: `Shared storage reached across link '${link.id}' with RTT ${rttText}, above the ~${formatMilliseconds(SHARED_STORAGE_MAX_RTT_SECONDS)} IBM guidance for iSCSI; every disk I/O of the moved VMs would cross the WAN. Move the disks (storage-vmotion) or replicate them (replication-async).${derivation}`,
        span: rtt.span,
        related: declared ? [{ span: declared, message: 'storage strategy: shared' }] : undefined,
      });
    }
    return findings;
  },
};
