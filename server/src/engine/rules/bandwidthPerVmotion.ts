/**
 * RB202: vMotion needs at least 250 Mbps of dedicated bandwidth per concurrent session; gains from
 * WAN optimization do not count (docs/sources.md 1.3). Dedicated bandwidth is the link's bandwidth times
 * its migration share; each wave divides it among its concurrent migrations.
 * A link too small for even one migration is reported once, on its bandwidth; a wave whose
 * concurrency alone breaks the limit is reported on its concurrency, with a fix to the highest
 * concurrency that keeps 250 Mbps each.
 */
import type { Finding } from '../findings';
import { purposeOf, type Link } from '../model';
import { formatBitRate, formatPercent } from '../../../../shared/src/units/quantity';
import { MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SECOND } from '../vsphere';
import { waveLabel, carriesVmotion, vmMethod } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

const MIN = MIN_BANDWIDTH_PER_VMOTION_BYTES_PER_SECOND;
const WAN_NOTE = ' (WAN-optimizer gains do not count toward it)';

function dedicatedBytesPerSecond(link: Link): number | undefined {
  if (!link.bandwidthBytesPerSecond) return undefined;
  return link.bandwidthBytesPerSecond.value * (link.migrationShareFraction?.value ?? 1);
}

function dedicatedText(link: Link): string {
  const bandwidth = formatBitRate(link.bandwidthBytesPerSecond?.value ?? 0);
  const share = link.migrationShareFraction;
  return share && share.value !== 1 ? `${formatBitRate(dedicatedBytesPerSecond(link) ?? 0)} (${formatPercent(share.value)} of ${bandwidth})` : bandwidth;
}

export const bandwidthPerVmotion: Rule = {
  code: 'RB202',
  title: 'Under 250 Mbps per concurrent vMotion',
  source: 'docs/sources.md 1.3: vSphere 6.5 docs GUID-3B41119A ("at least 250 Mbps of dedicated bandwidth per concurrent vMotion session")',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB202', purposeOf(model));
    const tooSmall = new Set<string>();
    for (const link of model.links.values()) {
      const dedicated = dedicatedBytesPerSecond(link);
      if (dedicated === undefined || dedicated >= MIN || !link.bandwidthBytesPerSecond || !carriesVmotion(model, link.id)) continue;
      tooSmall.add(link.id);
      const wan = link.transport?.value === 'wan-optimized' ? WAN_NOTE : '';
      findings.push({
        code: 'RB202',
        severity,
        message: `Link '${link.id}' gives migrations ${dedicatedText(link)}, under the ${formatBitRate(MIN)} vMotion needs per concurrent session${wan}; raise the bandwidth or the migration share, or VMware does not support vMotion over it.`,
        span: link.migrationShareFraction && link.bandwidthBytesPerSecond.value >= MIN ? link.migrationShareFraction.span : link.bandwidthBytesPerSecond.span,
      });
    }
    for (const wave of model.waves) {
      const link = wave.link ? model.links.get(wave.link.value) : undefined;
      const concurrency = wave.concurrency;
      if (!link || tooSmall.has(link.id) || !concurrency || concurrency.value <= 1) continue;
      // HCX and cold moves have their own bandwidth rules (RB240); vMotion's 250 Mbps is for vMotion.
      if (wave.vms.length > 0 && !wave.vms.some((ref) => vmMethod(model, ref.value) === 'vmotion')) continue;
      const dedicated = dedicatedBytesPerSecond(link);
      if (dedicated === undefined || dedicated / concurrency.value >= MIN) continue;
      const allowed = Math.max(1, Math.floor(dedicated / MIN));
      const wan = link.transport?.value === 'wan-optimized' ? WAN_NOTE : '';
      findings.push({
        code: 'RB202',
        severity,
        // The finding first: the bandwidth each vMotion gets against what it needs; then why and what to do.
        message: `${formatBitRate(dedicated / concurrency.value)} per vMotion is under the ${formatBitRate(MIN)} each concurrent session needs${wan}: ${waveLabel(wave)} runs ${concurrency.value} migrations at once over ${dedicatedText(link)} on '${link.id}'; lower concurrency to ${allowed}.`,
        span: concurrency.span,
        fix: { fix: 'set-concurrency', waveIndex: wave.index, concurrency: allowed },
      });
    }
    return findings;
  },
};
