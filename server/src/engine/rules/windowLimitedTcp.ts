/**
 * RB213: over plain TCP a link's per-stream throughput is limited by the socket window over its
 * RTT (throughput <= window / RTT, docs/sources.md 3.1), or by packet loss (Mathis: MSS x C / (RTT x
 * sqrt(p)), docs/sources.md 3.2), well below what the link could carry; a WAN
 * optimizer terminating TCP locally (docs/sources.md 3.5) avoids that. Information only: WAN-optimizer
 * gains do not count toward the 250 Mbps support requirement (docs/sources.md 1.3). Fix: set-transport.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatByteRate } from '../../../../shared/src/units/quantity';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

/** Only worth saying when the optimizer would be clearly faster (not rounding noise). */
const MIN_GAIN = 1.25;

export const windowLimitedTcp: Rule = {
  code: 'RB213',
  title: 'Window- or loss-limited TCP over a long RTT',
  source: 'docs/sources.md 3.1 (throughput <= window / RTT; Oracle Net docs, bandwidth-delay product), 3.2 (Mathis loss bound) and 3.5 (WAN optimizers terminate TCP locally; NetEx HyperIP, RFC 3135)',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB213', purposeOf(model));
    for (const link of model.links.values()) {
      const transport = link.transport?.value ?? model.defaults.transport?.value ?? 'tcp';
      const e = estimate.links.get(link.id);
      if (transport !== 'tcp' || !e) continue;
      const tcp = e.perStream.tcp;
      const optimized = e.perStream['wan-optimized'];
      if ((tcp.limitedBy !== 'window' && tcp.limitedBy !== 'loss') || !(optimized.bytesPerSecond >= tcp.bytesPerSecond * MIN_GAIN)) continue;
      const message = tcp.limitedBy === 'window'
        ? `Link '${link.id}': plain TCP is window-limited to ${formatByteRate(tcp.bytesPerSecond)} per migration; a WAN optimizer would reach about ${formatByteRate(optimized.bytesPerSecond)}. Consider transport: wan-optimized (its gains do not count toward the 250 Mbps support requirement). (Throughput: ${tcp.explanation})`
        : `Link '${link.id}': plain TCP is loss-limited to ${formatByteRate(tcp.bytesPerSecond)} per migration, whatever the bandwidth; a WAN optimizer would reach about ${formatByteRate(optimized.bytesPerSecond)}. Reduce the loss, or consider transport: wan-optimized (its gains do not count toward the 250 Mbps support requirement). (Throughput: ${tcp.explanation})`;
      findings.push({
        code: 'RB213',
        severity,
        message,
        span: link.transport?.span ?? link.keySpan,
        fix: { fix: 'set-transport', linkId: link.id, transport: 'wan-optimized' },
      });
    }
    return findings;
  },
};
