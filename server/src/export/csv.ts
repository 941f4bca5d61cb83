/** The timeline as CSV: one row per VM phase, times in ISO 8601 with the wave window's own offset. */
import type { ScheduleResult } from '../../../shared/src/protocol';
import { isoWithOffset } from '../service/codeActions';
import { csvCell } from './escape';
import { vmOverruns } from './layout';

export const CSV_COLUMNS = [
  'wave_index', 'wave', 'vm_id', 'vm_name', 'phase', 'start', 'end', 'duration_seconds', 'critical', 'overruns_window', 'line',
] as const;

export function renderCsv(schedule: ScheduleResult): string {
  const waves = new Map(schedule.waves.map((w) => [w.index, w]));
  const lines = [CSV_COLUMNS.join(',')];
  for (const vm of schedule.vms) {
    const wave = waves.get(vm.waveIndex);
    const offset = wave?.utcOffsetMinutes ?? 0;
    const overruns = vmOverruns(vm, wave);
    for (const phase of vm.phases) {
      lines.push([
        csvCell(vm.waveIndex + 1),
        csvCell(wave?.name ?? ''),
        csvCell(vm.id),
        csvCell(vm.name ?? ''),
        csvCell(phase.kind),
        csvCell(isoWithOffset(phase.startEpochMs, offset)),
        csvCell(isoWithOffset(phase.endEpochMs, offset)),
        csvCell(Math.round(phase.endEpochMs - phase.startEpochMs) / 1000),
        csvCell(vm.critical),
        csvCell(overruns),
        csvCell(vm.line + 1),
      ].join(','));
    }
  }
  // RFC 4180 line breaks.
  return lines.join('\r\n') + '\r\n';
}
