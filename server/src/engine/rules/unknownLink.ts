/** RB102: a wave's `link` names a link that `links` does not define. */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { closestId } from './support/suggest';

export const unknownLink: Rule = {
  code: 'RB102',
  title: 'Unknown link id',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB102', purposeOf(model));
    for (const wave of model.waves) {
      const ref = wave.link;
      if (!ref || model.links.has(ref.value)) continue;
      const suggestion = closestId(ref.value, model.links.keys());
      const known = model.links.size > 0 ? `known links: ${[...model.links.keys()].slice(0, 8).join(', ')}` : 'no links are defined';
      findings.push({
        code: 'RB102',
        severity,
        message: `${waveLabel(wave)}: link '${ref.value}' is not defined under 'links' (${known}); ${
          suggestion ? `did you mean '${suggestion}'?` : 'add the link or correct the id.'
        }`,
        span: ref.span,
        fix: suggestion ? { fix: 'replace-value', replacement: suggestion } : undefined,
      });
    }
    return findings;
  },
};

