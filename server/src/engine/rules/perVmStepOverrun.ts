/**
 * RB222: a `per_vm` step whose copies alone (one per VM, `concurrency` at a time, worst case) take
 * longer than the wave's window: the wave cannot fit whatever else happens. Same severity as RB206
 * (severity.ts): an error for a planned move.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatDuration } from '../../../../shared/src/units/quantity';
import { stepSeconds } from '../estimate/steps';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const perVmStepOverrun: Rule = {
  code: 'RB222',
  title: 'Per-VM step longer than the window',
  source: 'docs/sources.md section 0 (a planned move runs inside maintenance windows); step durations from the runbook',
  check({ model, estimate }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB222', purposeOf(model));
    const schedules = new Map(estimate.schedule.waves.map((s) => [s.index, s]));
    for (const wave of model.waves) {
      const windowSeconds = wave.window?.durationSeconds?.value;
      const s = schedules.get(wave.index);
      if (windowSeconds === undefined || !s) continue;
      const vmCount = s.vms.length;
      const concurrency = s.concurrency;
      for (const step of [...wave.steps.before, ...wave.steps.after]) {
        if (step.perVm?.value !== true || vmCount === 0) continue;
        const rounds = Math.ceil(vmCount / Math.max(1, concurrency));
        const seconds = rounds * stepSeconds(step, 'worst');
        if (!(seconds > windowSeconds)) continue;
        findings.push({
          code: 'RB222',
          severity,
          message: `${waveLabel(wave)}: step '${step.id.value}' runs once for each of ${vmCount} VMs, ${concurrency} at a time: ${rounds} x ${formatDuration(stepSeconds(step, 'worst'))} = ${formatDuration(seconds)} in the worst case, longer than the ${formatDuration(windowSeconds)} window by itself. Split the wave, shorten the step, or raise the concurrency.`,
          span: step.perVm.span,
        });
      }
    }
    return findings;
  },
};
