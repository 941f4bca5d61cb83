/**
 * RB251: the link could carry more per migration than the hosts can send: each migration of the
 * wave is bounded by the host's vMotion NIC(s) or by its vmknics' CPU-bound worker threads
 * (KB 323379: 18 / 28 / 36 Gb/s with 1 / 2 / 3 vmknics), well below its share of the link.
 * Information: the estimate already uses the host bound; buying more WAN would not help.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatBitRate } from '../../../../shared/src/units/quantity';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

/** Report only when the link share is at least this much above the host bound (not rounding noise). */
const MARGIN = 1.25;

export const linkFasterThanHosts: Rule = {
  code: 'RB251',
  title: 'Link faster than the hosts can use',
  source: 'docs/sources.md 1.5 (KB 323379 per-vmknic ceiling; multi-NIC vMotion) and 1.4 (host vMotion NIC)',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB251', purposeOf(model));
    const seen = new Set<number>();
    for (const e of estimate.vms.values()) {
      const t = e.throughput;
      if (e.waveIndex === undefined || seen.has(e.waveIndex)) continue;
      if (t.limitedBy !== 'host-nic' && t.limitedBy !== 'stream-cap') continue;
      const share = t.linkShareBytesPerSecond === undefined ? undefined : t.linkShareBytesPerSecond * t.efficiency;
      if (share === undefined || share < MARGIN * t.bytesPerSecond) continue;
      const wave = model.waves.find((w) => w.index === e.waveIndex);
      if (!wave) continue;
      seen.add(e.waveIndex);
      const remedy =
        t.limitedBy === 'host-nic'
          ? 'add vMotion NICs (vmotion_nics), faster host NICs, or spread the wave over more hosts (hosts:)'
          : 'add vMotion vmknics (vmotion_vmknics: 2 reaches 28 Gb/s, 3 reach 36 Gb/s) or spread the wave over more hosts (hosts:)';
      findings.push({
        code: 'RB251',
        severity,
        message: `${waveLabel(wave)}: link '${e.linkId ?? '?'}' offers ${formatBitRate(share)} per migration, but the hosts send only ${formatBitRate(t.bytesPerSecond)}; the link is faster than the hosts can use. The estimate uses the host bound; to go faster, ${remedy}. (Hosts: ${t.explanation})`,
        span: wave.link?.span ?? wave.name?.span ?? wave.span,
      });
    }
    return findings;
  },
};
