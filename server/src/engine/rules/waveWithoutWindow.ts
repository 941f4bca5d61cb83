/**
 * RB215: a planned move runs inside maintenance windows (docs/sources.md section 0); a wave without a
 * window is not checked against one (RB206 cannot fire) and simply follows the previous wave. A
 * warning for planned moves; disaster avoidance and load balancing may run without windows.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const waveWithoutWindow: Rule = {
  code: 'RB215',
  title: 'Planned-move wave without a window',
  source: 'docs/sources.md section 0 (a planned move runs inside maintenance windows)',
  check({ model }) {
    if (purposeOf(model) !== 'planned-move') return [];
    const findings: Finding[] = [];
    model.waves.forEach((wave, i) => {
      if (wave.window !== undefined || wave.vms.length === 0) return;
      const follows = i === 0 ? (model.start ? "the plan's start" : 'T+0 (the plan has no start)') : 'the end of the previous wave';
      findings.push({
        code: 'RB215',
        severity: severityOf('RB215', 'planned-move'),
        message: `${waveLabel(wave)} has no maintenance window, so nothing checks that it fits one: it is scheduled right after ${follows}. Add 'window: { start, duration }' (a planned move runs inside windows).`,
        span: wave.name?.span ?? wave.span,
      });
    });
    return findings;
  },
};
