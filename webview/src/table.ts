/**
 * The table view: the same data as the chart for keyboard and screen-reader users, one row per VM
 * with its wave, times in the window's offset, duration, phases and problems. Built when shown.
 */
import type { ScheduleResult } from '../../shared/src/protocol';
import { PHASE_LABELS, vmOverruns, waveFitText } from '../../server/src/export/layout';
import { formatDuration } from '../../server/src/engine/quantity';
import { formatLocalTime } from '../../server/src/service/schedule';
import { clear, el } from './dom';

export function renderTable(container: HTMLElement, schedule: ScheduleResult, reveal: (vmId: string) => void): void {
  const table = el('table', { id: 'tl-table', class: 'tl-table' });
  table.append(el('caption', {}, `${schedule.vms.length} VMs in ${schedule.waves.length} waves. Activate a VM to show it in the editor.`));
  const head = el('thead');
  const headRow = el('tr');
  for (const h of ['Wave', 'VM', 'Start', 'End', 'Duration', 'Phases', 'Critical path', 'Problem']) headRow.append(el('th', { scope: 'col' }, h));
  head.append(headRow);
  table.append(head);
  const body = el('tbody');
  const waves = new Map(schedule.waves.map((w) => [w.index, w]));
  const fragment = document.createDocumentFragment();
  for (const wave of schedule.waves) {
    const row = el('tr', { class: `tl-table-wave${wave.fits === false ? ' tl-error' : ''}` });
    row.append(el('th', { scope: 'rowgroup', colspan: '8' }, `${wave.index + 1}. ${wave.name}: ${waveFitText(wave)}`));
    fragment.append(row);
    for (const vm of schedule.vms) {
      if (vm.waveIndex !== wave.index) continue;
      const w = waves.get(vm.waveIndex);
      const offset = w?.utcOffsetMinutes ?? 0;
      const overrun = vmOverruns(vm, w);
      const tr = el('tr', { class: overrun ? 'tl-error' : undefined });
      tr.append(el('td', {}, String(wave.index + 1)));
      const cell = el('td');
      const button = el('button', { type: 'button', class: 'tl-link', 'data-vm-id': vm.id }, vm.name ? `${vm.id} (${vm.name})` : vm.id);
      cell.append(button);
      tr.append(cell);
      tr.append(el('td', {}, formatLocalTime(vm.startEpochMs, offset)));
      tr.append(el('td', {}, formatLocalTime(vm.endEpochMs, offset)));
      tr.append(el('td', {}, `≈ ${formatDuration(vm.totalSeconds)}`));
      tr.append(el('td', {}, vm.phases.map((p) => `${PHASE_LABELS[p.kind]} ${formatDuration((p.endEpochMs - p.startEpochMs) / 1000)}`).join(', ')));
      tr.append(el('td', {}, vm.critical ? 'yes' : ''));
      tr.append(el('td', {}, overrun ? (vm.converges ? 'ends after the window' : 'does not converge') : ''));
      fragment.append(tr);
    }
  }
  body.append(fragment);
  table.append(body);
  table.addEventListener('click', (e) => {
    const id = (e.target as Element | null)?.closest?.('button[data-vm-id]')?.getAttribute('data-vm-id');
    if (id) reveal(id);
  });
  clear(container);
  container.append(table);
}
