/**
 * RB012: values that parse but cannot be: a loss of 100 % or more (nothing arrives), an efficiency
 * above 100 % or of 0 (payload cannot exceed the line rate), a zero bandwidth or migration share
 * (nothing is left for the migrations: the estimate would ignore it), more disk used than
 * provisioned, a link from a site to itself. Each is a typo or a unit slip; the estimate built on it
 * means nothing, so an error.
 */
import type { Finding } from '../findings';
import { formatBytes } from '../../../../shared/src/units/quantity';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { purposeOf } from '../model';

export const impossibleValue: Rule = {
  code: 'RB012',
  title: 'A value that cannot be',
  source: 'physical bounds: a fraction of packets (loss, docs/sources.md 3.2), of the line rate (efficiency, migration_share; docs/sources.md 7.4), of the provisioned disk (used)',
  check({ model }) {
    const findings: Finding[] = [];
    const push = (message: string, span: Finding['span']): void => {
      findings.push({ code: 'RB012', severity: severityOf('RB012', purposeOf(model)), message, span });
    };
    for (const link of model.links.values()) {
      const loss = link.lossFraction;
      if (loss && loss.value >= 1) push(`Link '${link.id}': loss ${round(loss.value)} % cannot be: at 100 % no packet arrives. Give the measured loss (e.g. '0.01 %').`, loss.span);
      const eff = link.efficiencyFraction;
      if (eff && (eff.value > 1 || eff.value === 0)) push(`Link '${link.id}': efficiency ${round(eff.value)} % cannot be: the payload share of the line rate is above 0 and at most 100 % (about 95 % for TCP at 1500-byte MTU). WAN-optimizer data reduction goes in 'compression'.`, eff.span);
      const share = link.migrationShareFraction;
      if (share && (share.value === 0 || share.value > 1)) push(`Link '${link.id}': migration_share ${round(share.value)} % cannot be: ${share.value === 0 ? 'it leaves nothing for the migrations' : 'the migrations cannot use more than the whole link'}. Give the share the migrations may use, above 0 and at most 100 %.`, share.span);
      const bw = link.bandwidthBytesPerSecond;
      if (bw && bw.value === 0) push(`Link '${link.id}': bandwidth 0 leaves nothing for the migrations; give the line rate.`, bw.span);
      if (link.from && link.to && link.from.value === link.to.value) push(`Link '${link.id}' goes from site '${link.from.value}' to itself: a migration link joins two sites. Correct 'to' (or 'from').`, link.to.span);
    }
    for (const vm of model.vms.values()) {
      const used = vm.diskUsedBytes;
      const provisioned = vm.diskProvisionedBytes;
      if (used && provisioned && used !== provisioned && used.value > provisioned.value) {
        push(`VM '${vm.id}': disk used ${formatBytes(used.value)} is more than the ${formatBytes(provisioned.value)} provisioned, which cannot be. Swap the two values, or correct the unit.`, used.span);
      }
    }
    return findings;
  },
};

function round(fraction: number): string {
  return String(Number((fraction * 100).toPrecision(4)));
}
