/**
 * RB410: a link's `calibration:` (fitted from measured moves, docs/calibration.md) that no longer
 * describes the link: its bandwidth or transport changed since it was measured, a wave on it runs
 * at another concurrency than the pilot did, or it is older than `runbook.calibrationMaxAgeDays`.
 * The estimates still use it (the rate factor is relative to the model, so the model's own change
 * carries over); the finding says to measure again. The age limit is a choice of ours, not a source.
 */
import type { Finding } from '../findings';
import { formatBitRate } from '../../../../shared/src/units/quantity';
import { dateText } from '../../../../shared/src/units/time';
import type { Rule } from './support/rule';

const DAY_MS = 86_400_000;

export const calibrationStale: Rule = {
  code: 'RB410',
  title: 'Link calibration no longer matches the link',
  source: 'docs/sources.md 8.1 (the measured moves it was fitted to); docs/calibration.md. The age limit is a setting, not a source',
  check({ model, options }) {
    const findings: Finding[] = [];
    const now = options.nowEpochMs ?? Date.now();
    for (const link of model.links.values()) {
      const c = link.calibration;
      if (!c) continue;
      const changes: string[] = [];
      const then = c.asMeasured.bandwidthBytesPerSecond?.value;
      const bandwidth = link.bandwidthBytesPerSecond?.value;
      if (then !== undefined && bandwidth !== undefined && Math.abs(then - bandwidth) > 1e-9 * then) changes.push(`bandwidth ${formatBitRate(then)} then, ${formatBitRate(bandwidth)} now`);
      const transportThen = c.asMeasured.transport?.value;
      const transport = link.transport?.value ?? 'tcp';
      if (transportThen !== undefined && transportThen !== transport) changes.push(`transport ${transportThen} then, ${transport} now`);
      const concurrencyThen = c.asMeasured.concurrency?.value;
      if (concurrencyThen !== undefined) {
        const others = model.waves.filter((w) => w.link?.value === link.id && (w.concurrency?.value ?? 1) !== concurrencyThen);
        if (others.length > 0) changes.push(`concurrency ${concurrencyThen} then, ${others.map((w) => `${w.concurrency?.value ?? 1} in ${w.name ? `'${w.name.value}'` : `wave ${w.index + 1}`}`).join(', ')} now`);
      }
      const maxAgeDays = options.calibrationMaxAgeDays;
      const measured = c.measuredEpochMs?.value;
      const ageDays = measured !== undefined ? Math.floor((now - measured) / DAY_MS) : undefined;
      if (ageDays !== undefined && maxAgeDays !== undefined && ageDays > maxAgeDays) changes.push(`measured ${dateText(measured as number, 0)}, ${ageDays} days ago (the limit is ${maxAgeDays}: runbook.calibrationMaxAgeDays)`);
      if (changes.length === 0) continue;
      findings.push({
        code: 'RB410',
        severity: 'warning',
        message: `The calibration of link '${link.id}' no longer matches it: ${changes.join('; ')}. Its estimates still use it; calibrate again from recent moves (runbook calibrate --link ${link.id}).`,
        span: c.measuredEpochMs?.span ?? c.span,
      });
    }
    return findings;
  },
};
