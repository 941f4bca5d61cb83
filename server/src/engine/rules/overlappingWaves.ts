/**
 * RB252: two waves (or a wave and another wave's replica seeds) use one link at the same time. Each
 * wave's schedule shares the link among its own migrations only, so where they overlap each assumes
 * bandwidth the other is using: both run longer than estimated. The finding names them and the
 * overlap. Replica seeds (replication-async) run before their wave's window on the same link.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import type { WaveSchedule } from '../estimate/types';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

interface Use {
  readonly wave: WaveSchedule;
  readonly what: 'migrations' | 'replica seeds';
  readonly startMs: number;
  readonly endMs: number;
}

function usesOf(w: WaveSchedule): Use[] {
  const out: Use[] = [];
  const start = w.migrationsStartEpochMs ?? w.startEpochMs;
  const vmEnds = w.vms.map((v) => v.endEpochMs);
  if (vmEnds.length > 0) out.push({ wave: w, what: 'migrations', startMs: start, endMs: Math.max(...vmEnds) });
  let seedStart = Infinity;
  let seedEnd = -Infinity;
  for (const v of w.vms) {
    for (const p of v.phases) {
      if (p.kind !== 'seed') continue;
      seedStart = Math.min(seedStart, p.startEpochMs);
      seedEnd = Math.max(seedEnd, p.endEpochMs);
    }
  }
  if (seedStart < seedEnd) out.push({ wave: w, what: 'replica seeds', startMs: seedStart, endMs: seedEnd });
  return out;
}

export const overlappingWaves: Rule = {
  code: 'RB252',
  title: 'Waves share a link at the same time',
  source: 'docs/sources.md 7.4 (the link share is the rate of each migration) and 4.3 (replication seeds cross the same link)',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB252', purposeOf(model));
    const byLink = new Map<string, Use[]>();
    for (const w of estimate.schedule.waves) {
      if (!w.linkId) continue;
      const list = byLink.get(w.linkId) ?? [];
      list.push(...usesOf(w));
      byLink.set(w.linkId, list);
    }
    const reported = new Set<string>();
    for (const [linkId, uses] of byLink) {
      uses.sort((a, b) => a.startMs - b.startMs);
      // Sweep in start order against the uses still open: O(n log n + overlaps reported).
      const open: Use[] = [];
      for (const u of uses) {
        for (let i = open.length - 1; i >= 0; i--) if (open[i].endMs <= u.startMs) open.splice(i, 1);
        for (const o of open) {
          if (o.wave.index === u.wave.index) continue;
          const key = `${Math.min(o.wave.index, u.wave.index)}:${Math.max(o.wave.index, u.wave.index)}`;
          if (reported.has(key)) continue;
          reported.add(key);
          const later = model.waves.find((w) => w.index === u.wave.index);
          const earlier = model.waves.find((w) => w.index === o.wave.index);
          if (!later || !earlier) continue;
          const overlap = (Math.min(o.endMs, u.endMs) - u.startMs) / 1000;
          findings.push({
            code: 'RB252',
            severity,
            message: `${waveLabel(later)} (${u.what}) and ${waveLabel(earlier)} (${o.what}) use link '${linkId}' at the same time for about ${formatDuration(overlap)}; each wave's estimate shares the link only among its own migrations, so both will run longer than estimated. Move a window so they do not overlap, or lower the waves' migration_share.`,
            span: later.window?.startEpochMs?.span ?? later.link?.span ?? later.name?.span ?? later.span,
          });
        }
        open.push(u);
      }
    }
    return findings;
  },
};
