/** RB104: a VM listed in more than one wave (or twice in one): it can migrate only once. */
import type { Finding } from '../findings';
import { purposeOf, type Located, type Wave } from '../model';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const vmInTwoWaves: Rule = {
  code: 'RB104',
  title: 'VM in two waves',
  source: 'reference integrity',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB104', purposeOf(model));
    const first = new Map<string, { wave: Wave; ref: Located<string> }>();
    for (const wave of model.waves) {
      for (const ref of wave.vms) {
        const earlier = first.get(ref.value);
        if (!earlier) {
          first.set(ref.value, { wave, ref });
          continue;
        }
        const sameWave = earlier.wave.index === wave.index;
        findings.push({
          code: 'RB104',
          severity,
          message: sameWave
            ? `VM '${ref.value}' is listed twice in ${waveLabel(wave)}; remove the second listing.`
            : `VM '${ref.value}' is already in ${waveLabel(earlier.wave)}; a VM migrates once, so remove it from one of the two waves.`,
          span: ref.span,
          related: [{ span: earlier.ref.span, message: `first listed in ${waveLabel(earlier.wave)}` }],
        });
      }
    }
    return findings;
  },
};
