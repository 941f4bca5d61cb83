/**
 * The table view: the same data as the chart for keyboard and screen-reader users, one row per VM
 * with its wave, times in the window's offset, duration, phases and problems, and one row per
 * runbook step (the wave's `before` steps above its VMs, `after` steps below; best case, the worst
 * in brackets where it differs). Built when shown.
 */
import type { ScheduleResult, TimelineStep, TimelineWave } from '../../shared/src/protocol';
import { instantText, PHASE_LABELS, stepDurationText, stepOverruns, stepRoleText, stepTimeText, stepTitle, vmOverruns, vmRangeText, vmSeverity, waveFitText, waveProblemCounts, waveProblemsText, waveRollbackText } from '../../shared/src/timeline/layout';
import { formatDuration } from '../../shared/src/units/quantity';
import { clear, el } from './dom';

function stepRow(step: TimelineStep, index: number, wave: TimelineWave): HTMLElement {
  const offset = wave.utcOffsetMinutes;
  const late = stepOverruns(step, wave);
  const tr = el('tr', { class: `tl-table-step${late ? ' tl-error' : ''}` });
  tr.append(el('td', {}, String(wave.index + 1)));
  const cell = el('td');
  cell.append(el('button', { type: 'button', class: 'tl-link', 'data-step-index': String(index) }, `Step ${stepTitle(step)}`));
  tr.append(cell);
  tr.append(el('td', {}, stepTimeText(step.bestStartEpochMs, step.worstStartEpochMs, offset, wave.relativeOriginEpochMs)));
  tr.append(el('td', {}, stepTimeText(step.bestEndEpochMs, step.worstEndEpochMs, offset, wave.relativeOriginEpochMs)));
  tr.append(el('td', {}, stepDurationText(step)));
  tr.append(el('td', {}, stepRoleText(step)));
  tr.append(el('td', {}, ''));
  tr.append(el('td', {}, late ? 'ends after the window (worst case)' : ''));
  return tr;
}

export function renderTable(container: HTMLElement, schedule: ScheduleResult, reveal: (vmId: string) => void, revealStep: (step: TimelineStep) => void): void {
  const table = el('table', { id: 'tl-table', class: 'tl-table' });
  const steps = schedule.steps ?? [];
  table.append(el('caption', {}, `${schedule.vms.length} VMs${steps.length > 0 ? ` and ${steps.length} steps` : ''} in ${schedule.waves.length} waves. Activate a VM${steps.length > 0 ? ' or a step' : ''} to show it in the editor.`));
  const head = el('thead');
  const headRow = el('tr');
  for (const h of ['Wave', 'VM', 'Start', 'End', 'Duration', 'Phases', 'Critical path', 'Problem']) headRow.append(el('th', { scope: 'col' }, h));
  head.append(headRow);
  table.append(head);
  const body = el('tbody');
  const waves = new Map(schedule.waves.map((w) => [w.index, w]));
  const fragment = document.createDocumentFragment();
  const vmsByWave = new Map<number, ScheduleResult['vms'][number][]>();
  for (const vm of schedule.vms) {
    const list = vmsByWave.get(vm.waveIndex);
    if (list) list.push(vm);
    else vmsByWave.set(vm.waveIndex, [vm]);
  }
  const stepRows = (wave: TimelineWave, phase: 'before' | 'after'): void => {
    steps.forEach((step, index) => {
      if (step.waveIndex === wave.index && step.phase === phase) fragment.append(stepRow(step, index, wave));
    });
  };
  for (const wave of schedule.waves) {
    const row = el('tr', { class: `tl-table-wave${wave.fits === false ? ' tl-error' : ''}` });
    const rollback = waveRollbackText(wave);
    const problems = waveProblemsText(waveProblemCounts(schedule, wave.index));
    row.append(el('th', { scope: 'rowgroup', colspan: '8' }, `${wave.index + 1}. ${wave.name}: ${waveFitText(wave)}${problems ? ` · ${problems}` : ''}${rollback ? `; ${rollback}` : ''}`));
    fragment.append(row);
    stepRows(wave, 'before');
    for (const vm of vmsByWave.get(wave.index) ?? []) {
      const w = waves.get(vm.waveIndex);
      const offset = w?.utcOffsetMinutes ?? 0;
      const overrun = vmOverruns(vm, w);
      const severity = vmSeverity(vm);
      const tr = el('tr', { class: overrun || severity === 'error' ? 'tl-error' : undefined, 'data-severity': severity });
      tr.append(el('td', {}, String(wave.index + 1)));
      const cell = el('td');
      const button = el('button', { type: 'button', class: 'tl-link', 'data-vm-id': vm.id }, vm.name ? `${vm.id} (${vm.name})` : vm.id);
      cell.append(button);
      tr.append(cell);
      tr.append(el('td', {}, instantText(w, vm.startEpochMs)));
      tr.append(el('td', {}, instantText(w, vm.endEpochMs)));
      tr.append(el('td', {}, `≈ ${vmRangeText(vm)} (likely ${formatDuration(vm.totalSeconds)})`));
      tr.append(el('td', {}, vm.phases.map((p) => `${PHASE_LABELS[p.kind]} ${formatDuration((p.endEpochMs - p.startEpochMs) / 1000)}`).join(', ')));
      tr.append(el('td', {}, vm.critical ? 'yes' : ''));
      // The Problems panel's errors and warnings for this VM, then what the schedule shows.
      const problemCell = el('td', { class: 'tl-problem-cell' });
      for (const p of vm.problems ?? []) {
        const line = el('div', { class: `tl-problem tl-problem-${p.severity}` });
        line.append(el('span', { class: `tl-severity-badge tl-severity-${p.severity}` }, p.severity === 'error' ? 'Error' : 'Warning'), document.createTextNode(` ${p.code}: ${p.message}`));
        problemCell.append(line);
      }
      if (overrun) problemCell.append(el('div', {}, vm.converges ? 'ends after the window' : 'does not converge'));
      tr.append(problemCell);
      fragment.append(tr);
    }
    stepRows(wave, 'after');
  }
  body.append(fragment);
  table.append(body);
  table.addEventListener('click', (e) => {
    const target = e.target as Element | null;
    const id = target?.closest?.('button[data-vm-id]')?.getAttribute('data-vm-id');
    if (id) reveal(id);
    const stepIndex = target?.closest?.('button[data-step-index]')?.getAttribute('data-step-index');
    const step = stepIndex !== null && stepIndex !== undefined ? steps[Number(stepIndex)] : undefined;
    if (step) revealStep(step);
  });
  clear(container);
  container.append(table);
}
