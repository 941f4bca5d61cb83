/**
 * RB240: HCX's own bandwidth floors (docs/sources.md 5.2): HCX vMotion "requires >= 100 Mbps" (HCX user
 * guide GUID-517866F6) and Replication Assisted vMotion needs an underlay of at least 150 Mbps
 * (Broadcom KB 440117). Measured on the link's share for migrations. Unsupported below: an error.
 */
import type { Finding } from '../findings';
import { purposeOf, type MigrationMethod } from '../model';
import { bytesPerSecondFromBits, formatBitRate } from '../../../../shared/src/units/quantity';
import { methodsByLink } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

const FLOORS: readonly { readonly method: MigrationMethod; readonly label: string; readonly bytesPerSecond: number; readonly source: string }[] = [
  { method: 'hcx-rav', label: 'Replication Assisted vMotion', bytesPerSecond: bytesPerSecondFromBits(150e6), source: 'KB 440117' },
  { method: 'hcx-vmotion', label: 'HCX vMotion', bytesPerSecond: bytesPerSecondFromBits(100e6), source: 'HCX user guide' },
];

export const hcxBandwidth: Rule = {
  code: 'RB240',
  title: 'Link below HCX\'s minimum bandwidth',
  source: 'docs/sources.md 5.2: HCX user guide GUID-517866F6 (HCX vMotion >= 100 Mbps), Broadcom KB 440117 (RAV >= 150 Mbps)',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB240', purposeOf(model));
    for (const [linkId, methods] of methodsByLink(model)) {
      const link = model.links.get(linkId);
      const bw = link?.bandwidthBytesPerSecond;
      if (!link || !bw) continue;
      const share = link.migrationShareFraction?.value ?? 1;
      const usable = bw.value * share;
      const floor = FLOORS.find((f) => methods.has(f.method) && usable < f.bytesPerSecond);
      if (!floor) continue;
      findings.push({
        code: 'RB240',
        severity,
        message: `Link '${link.id}' gives migrations ${formatBitRate(usable)}, under the ${formatBitRate(floor.bytesPerSecond)} ${floor.label} needs (${floor.source}); VMware does not support it below that. Raise the bandwidth or the migration share, or use HCX Bulk or a cold move.`,
        span: share !== 1 && bw.value >= floor.bytesPerSecond ? (link.migrationShareFraction?.span ?? bw.span) : bw.span,
      });
    }
    return findings;
  },
};
