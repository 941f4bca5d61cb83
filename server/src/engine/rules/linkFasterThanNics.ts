/**
 * RB302: a link faster than every vMotion NIC of the plan. Hosts send migrations through their
 * vMotion NICs (docs/sources.md 1.4, 1.5), so the link's extra speed is never used; such speeds are
 * plausible only for a data-centre interconnect, and a unit slip (`10 GB/s` is 80 Gb/s, `10 Gbps`
 * was meant) is the likelier cause. Information.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { bytesPerSecondFromBits, formatBitRate } from '../../../../shared/src/units/quantity';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

/** A site without `vmotion_nic` is assumed 10 GbE (docs/format.md). */
const DEFAULT_NIC_BYTES_PER_SECOND = bytesPerSecondFromBits(10e9);

export const linkFasterThanNics: Rule = {
  code: 'RB302',
  title: 'Link faster than any vMotion NIC',
  source: 'docs/sources.md 1.4-1.5 (migrations leave through the hosts\' vMotion NICs)',
  check({ model }) {
    if (model.sites.size === 0) return [];
    let fastest = 0;
    for (const site of model.sites.values()) fastest = Math.max(fastest, site.vmotionNicBytesPerSecond?.value ?? DEFAULT_NIC_BYTES_PER_SECOND);
    const findings: Finding[] = [];
    for (const link of model.links.values()) {
      const bw = link.bandwidthBytesPerSecond;
      if (!bw || !(bw.value > fastest)) continue;
      findings.push({
        code: 'RB302',
        severity: severityOf('RB302', purposeOf(model)),
        message: `Link '${link.id}' is ${formatBitRate(bw.value)}, faster than any vMotion NIC in the plan (${formatBitRate(fastest)}): plausible only for a data-centre interconnect, and the hosts cannot use the rest. Check the unit ('GB/s' is gigabytes per second, 8 x 'Gbps').`,
        span: bw.span,
      });
    }
    return findings;
  },
};
