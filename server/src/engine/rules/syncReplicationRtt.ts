/**
 * RB209: synchronous (active-active) replication over a link beyond metro RTT. vMSC and the VPLEX
 * Metro configuration VMware tested stop at 10 ms RTT (docs/sources.md 1.1, 4.4); every write waits
 * for the far site, so this is a support limit: an error.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatMilliseconds } from '../../../../shared/src/units/quantity';
import { SYNC_REPLICATION_MAX_RTT_SECONDS } from '../vsphere';
import { linkRtt, migrationLinks, strategyDeclaration } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const syncReplicationRtt: Rule = {
  code: 'RB209',
  title: 'Synchronous replication beyond metro RTT',
  source: 'docs/sources.md 1.1 (vMSC max 10 ms RTT, techtarget) and 4.4 (VPLEX Metro tested at 10 ms RTT, VMware performance blog)',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB209', purposeOf(model));
    const declared = strategyDeclaration(model, 'replication-sync');
    for (const link of migrationLinks(model, 'replication-sync')) {
      const rtt = linkRtt(link, estimate);
      if (!rtt || rtt.seconds <= SYNC_REPLICATION_MAX_RTT_SECONDS) continue;
      // The finding first, the derivation of a derived RTT last.
      const rttText = rtt.derived ? `about ${formatMilliseconds(rtt.seconds)}` : formatMilliseconds(rtt.seconds);
      const derivation = rtt.derived ? ` (RTT ${rtt.description})` : '';
      findings.push({
        code: 'RB209',
        severity,
        message: `Synchronous replication cannot run over link '${link.id}': its RTT ${rttText} is beyond the ${formatMilliseconds(SYNC_REPLICATION_MAX_RTT_SECONDS)} metro limit (vMSC, VPLEX Metro), and every write would wait a round trip. Use replication-async or storage-vmotion over this link.${derivation}`,
        span: rtt.span,
        related: declared ? [{ span: declared, message: 'storage strategy: replication-sync' }] : undefined,
      });
    }
    return findings;
  },
};
