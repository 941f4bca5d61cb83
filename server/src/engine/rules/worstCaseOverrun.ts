/**
 * RB220: a wave that fits its window at the low end of its range (every VM at the low end of its
 * estimate, every step at its best case) but not at the high end (VMs at the high end, steps at
 * their worst case). When even the low end overruns, RB206 reports it as the error it is.
 * Severity by purpose (severity.ts): a warning for a planned move or load balancing, information for
 * disaster avoidance (which races its deadline, RB212, not windows).
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';
import { clockAt } from './support/stepLookup';

export const worstCaseOverrun: Rule = {
  code: 'RB220',
  title: 'Wave overruns its window in the worst case',
  source: 'docs/sources.md section 0 (a planned move runs inside maintenance windows); step ranges from the runbook',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB220', purposeOf(model));
    const waves = new Map(model.waves.map((w) => [w.index, w]));
    for (const s of estimate.schedule.waves) {
      const wave = waves.get(s.index);
      const worst = s.highOverrunSeconds ?? s.worstOverrunSeconds ?? 0;
      const highEnd = s.highEndEpochMs ?? s.worstEndEpochMs;
      // An open high end (a VM without a disk size) is RB250's to report, per VM.
      if (!wave || (s.lowOverrunSeconds ?? s.overrunSeconds) > 0 || !(worst > 0) || !Number.isFinite(worst) || s.windowStartEpochMs === undefined || s.windowSeconds === undefined || highEnd === undefined) continue;
      const windowEnd = s.windowStartEpochMs + s.windowSeconds * 1000;
      const at = (ms: number): string => clockAt(ms, s.utcOffsetMinutes, s.windowStartEpochMs as number);
      findings.push({
        code: 'RB220',
        severity,
        message: `${waveLabel(wave)} fits its ${formatDuration(s.windowSeconds)} window only at the low end of its range (ends ${at(s.lowEndEpochMs ?? s.endEpochMs)}, likely ${at(s.endEpochMs)}); at the high end (every VM at the long end of its estimate, every step at the long end of its range) it ends ${at(highEnd)}, ${formatDuration(worst)} after the window closes at ${at(windowEnd)}. Measure what drives the range (hover a VM), shorten the slow steps, or lengthen the window.`,
        span: wave.window?.durationSeconds?.span ?? wave.window?.span ?? wave.name?.span ?? wave.span,
      });
    }
    return findings;
  },
};
