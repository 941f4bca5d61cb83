/**
 * RB302: a link written in bytes per second (`10 GB/s`) that comes out faster than every vMotion NIC
 * of the plan: such speeds are plausible only for a data-centre interconnect, and a unit slip
 * (`10 GB/s` is 80 Gb/s where `10 Gbps` was meant) is the likelier cause. Information. A link
 * written in bits (`100 Gbps`) is taken as meant; whether the hosts can use it is RB251's (from the
 * estimate), so the two never say the same thing twice.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { bytesPerSecondFromBits, formatBitRate } from '../../../../shared/src/units/quantity';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

/** A site without `vmotion_nic` is assumed 10 GbE (docs/format.md). */
const DEFAULT_NIC_BYTES_PER_SECOND = bytesPerSecondFromBits(10e9);

/** `GB/s`, `MB/s`, `Bps`: rates in bytes (links are sold in bits). */
function writtenInBytes(unit: string | undefined): boolean {
  return unit !== undefined && (/B\/s$/.test(unit) || unit === 'Bps');
}

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
      if (!bw || !(bw.value > fastest) || !writtenInBytes(bw.unit)) continue;
      findings.push({
        code: 'RB302',
        severity: severityOf('RB302', purposeOf(model)),
        message: `Link '${link.id}' is ${formatBitRate(bw.value)}, faster than any vMotion NIC in the plan (${formatBitRate(fastest)}): plausible only for a data-centre interconnect. Check the unit: 'GB/s' is gigabytes per second, 8 x 'Gbps'.`,
        span: bw.span,
      });
    }
    return findings;
  },
};
