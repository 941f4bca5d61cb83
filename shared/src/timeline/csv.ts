/**
 * The timeline as CSV: one row per VM phase, then one row per runbook step (phase `step`, best-case
 * start and end, worst-case end in `worst_end`); times in ISO 8601 with the wave window's own offset (`T+hh:mm` offsets for a plan nothing anchors).
 * Step columns come after the VM ones, so readers of the VM columns are unaffected. The VM's range
 * (issue 13) is in the last columns: `vm_low_seconds`, `vm_likely_seconds`, `vm_high_seconds`
 * (empty when the range is open), on every row of the VM.
 */
import type { ScheduleResult } from '../protocol';
import { csvCell } from './escape';
import { instantIso, vmOverruns } from './layout';

export const CSV_COLUMNS = [
  'wave_index', 'wave', 'vm_id', 'vm_name', 'phase', 'start', 'end', 'duration_seconds', 'critical', 'overruns_window', 'line',
  'step_id', 'step_owner', 'step_kind', 'step_timing', 'worst_end',
  'vm_low_seconds', 'vm_likely_seconds', 'vm_high_seconds',
] as const;

export function renderCsv(schedule: ScheduleResult): string {
  const waves = new Map(schedule.waves.map((w) => [w.index, w]));
  const lines = [CSV_COLUMNS.join(',')];
  for (const vm of schedule.vms) {
    const wave = waves.get(vm.waveIndex);
    const overruns = vmOverruns(vm, wave);
    for (const phase of vm.phases) {
      lines.push([
        csvCell(vm.waveIndex + 1),
        csvCell(wave?.name ?? ''),
        csvCell(vm.id),
        csvCell(vm.name ?? ''),
        csvCell(phase.kind),
        csvCell(instantIso(wave, phase.startEpochMs)),
        csvCell(instantIso(wave, phase.endEpochMs)),
        csvCell(Math.round(phase.endEpochMs - phase.startEpochMs) / 1000),
        csvCell(vm.critical),
        csvCell(overruns),
        csvCell(vm.line + 1),
        '', '', '', '', '',
        csvCell(vm.lowSeconds ?? vm.totalSeconds),
        csvCell(vm.totalSeconds),
        vm.rangeOpen ? '' : csvCell(vm.highSeconds ?? vm.totalSeconds),
      ].join(','));
    }
  }
  for (const step of schedule.steps ?? []) {
    const wave = waves.get(step.waveIndex);
    lines.push([
      csvCell(step.waveIndex + 1),
      csvCell(wave?.name ?? ''),
      '', '',
      csvCell('step'),
      csvCell(instantIso(wave, step.bestStartEpochMs)),
      csvCell(instantIso(wave, step.bestEndEpochMs)),
      csvCell(Math.round(step.bestEndEpochMs - step.bestStartEpochMs) / 1000),
      '',
      csvCell(wave?.windowEndEpochMs !== undefined && step.worstEndEpochMs > wave.windowEndEpochMs),
      csvCell(step.line + 1),
      csvCell(step.id),
      csvCell(step.owner ?? ''),
      csvCell(step.kind),
      csvCell(step.phase),
      csvCell(instantIso(wave, step.worstEndEpochMs)),
      '', '', '',
    ].join(','));
  }
  // RFC 4180 line breaks.
  return lines.join('\r\n') + '\r\n';
}
