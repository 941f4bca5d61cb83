/** RB101: a link's `from` or `to` names a site that `sites` does not define. */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { closestId } from './support/suggest';

export const unknownSite: Rule = {
  code: 'RB101',
  title: 'Unknown site id',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB101', purposeOf(model));
    for (const link of model.links.values()) {
      for (const [key, ref] of [['from', link.from], ['to', link.to]] as const) {
        if (!ref || model.sites.has(ref.value)) continue;
        const suggestion = closestId(ref.value, model.sites.keys());
        const known = model.sites.size > 0 ? `known sites: ${[...model.sites.keys()].slice(0, 8).join(', ')}` : 'no sites are defined';
        findings.push({
          code: 'RB101',
          severity,
          message: `Link '${link.id}' ${key}: site '${ref.value}' is not defined under 'sites' (${known}); ${
            suggestion ? `did you mean '${suggestion}'?` : 'add the site or correct the id.'
          }`,
          span: ref.span,
          fix: suggestion ? { fix: 'replace-value', replacement: suggestion } : undefined,
        });
      }
    }
    return findings;
  },
};
