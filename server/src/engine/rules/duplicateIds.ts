/**
 * RB106: names a reader cannot tell apart. Every reference in the format is typed (a link's
 * from/to are sites, a wave's link is a link, vms/depends_on are VMs), so the same id in two
 * sections is NOT ambiguous and is not reported. What is ambiguous:
 * - two waves with the same name (the schedule, timeline and CLI name waves by it);
 * - two ids in one section that differ only in letter case (`DB01` and `db01`): references are
 *   case-sensitive, so one of them is almost certainly a typo for the other.
 * Exact duplicate keys in one map are YAML errors (RB001) and never reach this rule.
 */
import type { Finding } from '../findings';
import { purposeOf, type Entry, type Wave } from '../model';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const duplicateIds: Rule = {
  code: 'RB106',
  title: 'Ambiguous duplicate name',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB106', purposeOf(model));

    const waveByName = new Map<string, Wave>();
    for (const wave of model.waves) {
      if (!wave.name) continue;
      const earlier = waveByName.get(wave.name.value);
      if (!earlier) {
        waveByName.set(wave.name.value, wave);
        continue;
      }
      findings.push({
        code: 'RB106',
        severity,
        message: `Wave name '${wave.name.value}' is already used by wave ${earlier.index + 1}; give each wave its own name so the schedule and reports can tell them apart.`,
        span: wave.name.span,
        related: earlier.name ? [{ span: earlier.name.span, message: `first wave named '${wave.name.value}'` }] : undefined,
      });
    }

    const sections: [string, Iterable<Entry>][] = [['sites', model.sites.values()], ['links', model.links.values()], ['vms', model.vms.values()]];
    for (const [section, entries] of sections) {
      const byFolded = new Map<string, Entry>();
      for (const entry of entries) {
        const folded = entry.id.toLowerCase();
        const earlier = byFolded.get(folded);
        if (!earlier) {
          byFolded.set(folded, entry);
          continue;
        }
        findings.push({
          code: 'RB106',
          severity,
          message: `'${entry.id}' under '${section}' differs from '${earlier.id}' only in letter case; ids are case-sensitive, so rename one (or merge them if they are the same thing).`,
          span: entry.keySpan,
          related: [{ span: earlier.keySpan, message: `'${earlier.id}' defined here` }],
        });
      }
    }
    return findings;
  },
};
