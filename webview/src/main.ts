/**
 * The timeline page: builds its skeleton, talks to the extension by messages (shared/src/messages.ts),
 * keeps its view state with getState/setState, and drives the chart, the table and the what-if
 * controls. Updates are applied only if fresh (isFresh): an older version of the same document, or
 * an answer to superseded what-if overrides, is dropped.
 */
import {
  asHostMessage, asViewState, INITIAL_VIEW_STATE, isFresh, type HostMessage, type PageMessage, type Shown, type TimelineViewState, type UpdateMessage,
} from '../../shared/src/messages';
import { unpackUpdate } from '../../shared/src/packed';
import type { LinkOverride, TimelineStep, WaveOverride, WhatIfOverrides, WhatIfResult } from '../../shared/src/protocol';
import { LEGEND_ITEMS, linkWavesText, planHeadline, waveFitText, waveOnly, waveProblemCounts, waveProblemsText, whatIfCountText } from '../../shared/src/timeline/layout';
import { formatBitRate, formatDuration, parseQuantity } from '../../shared/src/units/quantity';
import { Chart } from './chart';
import { byId, clear, el } from './dom';
import { renderTable } from './table';

interface VsCodeApi {
  postMessage(message: PageMessage): void;
  getState(): unknown;
  setState(state: TimelineViewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
let state: TimelineViewState = asViewState(vscode.getState()) ?? INITIAL_VIEW_STATE;
let shown: Shown | undefined;
let current: UpdateMessage | undefined;
let lastRequestId = 0;
let restored = false;
let tableFor: WhatIfResult | undefined;
let saveFrame = 0;
let whatIfTimer: ReturnType<typeof setTimeout> | undefined;

// Skeleton ------------------------------------------------------------------------------------

const root = byId('timeline-root');
root.append(
  el('header', { class: 'tl-header' }),
  el('section', { id: 'tl-whatif', class: 'tl-whatif', 'aria-label': 'What if' }),
  el('div', { id: 'tl-status', class: 'tl-status', role: 'status' }),
  el('div', { id: 'tl-chart', class: 'tl-chart', 'aria-label': 'Timeline chart' }),
  el('div', { id: 'tl-table-view', class: 'tl-table-view', hidden: true }),
  el('div', { id: 'tl-tooltip', class: 'tl-tooltip', role: 'tooltip', hidden: true }),
);
const header = root.querySelector('header') as HTMLElement;
const titleRow = el('div', { class: 'tl-title-row' });
const title = el('h1', { id: 'tl-title' }, 'Timeline');
const headline = el('span', { id: 'tl-headline', class: 'tl-headline' });
const counts = el('span', { id: 'tl-counts', class: 'tl-counts' });
const toolbar = el('div', { class: 'tl-toolbar', role: 'toolbar', 'aria-label': 'Timeline view' });
/** `label` names symbol-only buttons; a button with words keeps them as its name (WCAG 2.5.3), `hint` is a tooltip. */
const button = (id: string, text: string, hint: string, label?: string) => el('button', { id, type: 'button', title: hint, 'aria-label': label }, text);
const zoomOut = button('tl-zoom-out', '−', 'Zoom out (-)', 'Zoom out');
const zoomIn = button('tl-zoom-in', '+', 'Zoom in (+)', 'Zoom in');
const fit = button('tl-fit', 'Fit', 'Fit the plan to the width (0)');
const viewToggle = button('tl-view-toggle', 'Table', 'Show the table view');
const lock = button('tl-lock', 'Follow editor', 'Lock the timeline to this runbook');
const exportButton = button('tl-export', 'Export…', 'Export the timeline as SVG, HTML or CSV');
const rollbackToggle = button('tl-rollback-toggle', 'Rollback path', 'Show how long rolling each wave back takes, and its point of no return');
// Every wave on one (compressed) axis, or one wave at its own scale.
const waveView = el('select', { id: 'tl-wave-view', title: 'Show every wave, or one wave at its own scale', 'aria-label': 'Waves shown' });
toolbar.append(waveView, zoomOut, zoomIn, fit, viewToggle, rollbackToggle, lock, exportButton);
titleRow.append(title, headline, counts, toolbar);
const waveFits = el('ul', { id: 'tl-wave-fits', class: 'tl-wave-fits', 'aria-label': 'Fit of each wave' });
// The key to the chart's marks, always shown (the same words as the exports' legend).
const legend = el('ul', { id: 'tl-legend', class: 'tl-legend', 'aria-label': 'Legend' });
for (const item of LEGEND_ITEMS) {
  const li = el('li', { 'data-legend': item.key });
  li.append(el('span', { class: `tl-swatch tl-swatch-${item.key}`, 'aria-hidden': 'true' }), document.createTextNode(item.text));
  legend.append(li);
}
header.append(titleRow, waveFits, legend);
const status = byId('tl-status');
status.textContent = 'Waiting for the plan…';

// What-if controls.
const whatIf = byId('tl-whatif');
const field = (label: string, control: HTMLElement) => {
  const wrap = el('label', { class: 'tl-field' });
  wrap.append(el('span', {}, label), control);
  return wrap;
};
const waveSelect = el('select', { id: 'tl-wi-wave' });
const linkName = el('span', { id: 'tl-wi-link', class: 'tl-wi-link' });
const bandwidth = el('input', { id: 'tl-wi-bandwidth', type: 'text', size: 10, spellcheck: 'false', 'aria-describedby': 'tl-wi-error' });
const transport = el('select', { id: 'tl-wi-transport' });
transport.append(el('option', { value: 'tcp' }, 'tcp'), el('option', { value: 'wan-optimized' }, 'wan-optimized'));
const concurrency = el('input', { id: 'tl-wi-concurrency', type: 'number', min: 1, max: 64, step: 1 });
const reset = button('tl-wi-reset', 'Reset', 'Forget the what-if changes');
const apply = button('tl-wi-apply', 'Apply to runbook', 'Write these changes into the runbook as one undoable edit');
const wiError = el('span', { id: 'tl-wi-error', class: 'tl-error', 'aria-live': 'polite' });
const wiResult = el('output', { id: 'tl-wi-result', class: 'tl-wi-result', 'aria-live': 'polite' });
const wiRow = el('div', { class: 'tl-wi-row' });
wiRow.append(el('strong', {}, 'What if'), field('Wave', waveSelect), linkName, field('Bandwidth', bandwidth), field('Transport', transport), field('Concurrency', concurrency), reset, apply, wiError);
whatIf.append(wiRow, wiResult);

const chart = new Chart({
  select(vmId, reveal) {
    state = { ...state, selectedVmId: vmId };
    saveState();
    if (!reveal || !current) return;
    const vm = current.result.schedule.vms.find((v) => v.id === vmId);
    if (vm) vscode.postMessage({ type: 'reveal', uri: current.uri, version: current.version, vmId, line: vm.line });
  },
  revealStep,
  viewChanged: () => saveState(),
});
chart.setRollback(state.showRollback === true);

// State -----------------------------------------------------------------------------------------

function saveState(): void {
  if (saveFrame) return;
  saveFrame = requestAnimationFrame(() => {
    saveFrame = 0;
    const scroll = chart.scroll;
    state = { ...state, pxPerMs: chart.zoom, scrollLeft: scroll.left, scrollTop: scroll.top, selectedVmId: chart.selectedVmId ?? state.selectedVmId };
    vscode.setState(state);
  });
}

function saveNow(): void {
  vscode.setState(state);
}

// Messages --------------------------------------------------------------------------------------

window.addEventListener('message', (event: MessageEvent) => {
  const message = asHostMessage(event.data);
  if (message) handle(message);
});

function handle(message: HostMessage): void {
  switch (message.type) {
    case 'update':
      return onUpdate(message);
    case 'cursor':
      if (current && message.uri === current.uri && message.vmId !== chart.selectedVmId) {
        chart.highlight(message.vmId, false);
        state = { ...state, selectedVmId: message.vmId };
        saveState();
      }
      return;
    case 'lock':
      state = { ...state, locked: message.locked };
      showLock();
      saveNow();
      return;
    case 'status':
      status.textContent = message.message;
      status.className = `tl-status${message.kind === 'error' ? ' tl-error' : ''}`;
      if (message.kind === 'applied') {
        state = { ...state, overrides: {} };
        saveNow();
        showWhatIfControls();
      }
      return;
  }
}

function onUpdate(packed: UpdateMessage): void {
  const incoming: Shown = { uri: packed.uri, version: packed.version, requestId: packed.requestId };
  if (!isFresh(shown, incoming, lastRequestId)) return;
  const message = unpackUpdate(packed);
  if (!message) return;
  const switched = state.uri !== undefined && state.uri !== message.uri;
  shown = incoming;
  current = message;
  root.dataset.uri = message.uri;
  root.dataset.version = String(message.version);
  if (switched) state = { ...state, uri: message.uri, overrides: {}, selectedVmId: undefined, scrollLeft: 0, scrollTop: 0, whatIfWave: undefined };
  else state = { ...state, uri: message.uri };
  state = { ...state, locked: message.locked };
  status.textContent = '';
  status.className = 'tl-status';
  renderHeader(message);
  showWaveViewOptions(message);
  chart.setData(shownSchedule(message), message.result.details);
  if (!restored || switched) {
    restored = true;
    chart.restoreView(state.pxPerMs, state.scrollLeft, state.scrollTop, state.selectedVmId);
    if (hasOverrides(state.overrides) && !switched && message.requestId === 0) sendWhatIf();
  }
  showWhatIfControls();
  showView();
  showLock();
  saveNow();
}

// Header ----------------------------------------------------------------------------------------

function renderHeader(message: UpdateMessage): void {
  const schedule = message.result.schedule;
  title.textContent = schedule.name ?? message.fileName;
  headline.textContent = planHeadline(schedule).replace(/ · \d+ errors? · \d+ warnings?$/, '');
  clear(counts);
  counts.append(
    el('span', { class: `tl-count${schedule.errors > 0 ? ' tl-error' : ''}`, id: 'tl-errors' }, `${schedule.errors} error${schedule.errors === 1 ? '' : 's'}`),
    el('span', { class: `tl-count${schedule.warnings > 0 ? ' tl-warning' : ''}`, id: 'tl-warnings' }, `${schedule.warnings} warning${schedule.warnings === 1 ? '' : 's'}`),
  );
  // Rebuilt only when a wave's words or fit changed: an update of a large plan should not re-lay out the header.
  // Every wave, whole (the list grows with the plan); a wave with VMs that will fail is marked as an error too.
  const items = schedule.waves.map((wave) => {
    const counts = waveProblemCounts(schedule, wave.index);
    const problems = waveProblemsText(counts);
    const cls = wave.fits === false || counts.failing > 0 ? 'tl-error' : counts.warned > 0 ? 'tl-warning' : wave.fits ? 'tl-fits' : undefined;
    return { cls, text: `${wave.index + 1}. ${wave.name}: ${waveFitText(wave)}${problems ? ` · ${problems}` : ''}` };
  });
  const key = JSON.stringify(items);
  if (key === waveFitsKey) return;
  waveFitsKey = key;
  clear(waveFits);
  for (const item of items) waveFits.append(el('li', { class: item.cls }, item.text));
}
let waveFitsKey = '';

function showView(): void {
  const table = state.view === 'table';
  byId('tl-chart').hidden = table;
  const view = byId('tl-table-view');
  view.hidden = !table;
  viewToggle.textContent = table ? 'Chart' : 'Table';
  viewToggle.title = table ? 'Show the chart' : 'Show the table view';
  if (table && current && tableFor !== current.result) {
    tableFor = current.result;
    renderTable(view, current.result.schedule, revealFromTable, revealStep);
  }
}

function showLock(): void {
  lock.textContent = state.locked ? 'Locked' : 'Follow editor';
  lock.setAttribute('aria-pressed', state.locked ? 'true' : 'false');
  lock.title = state.locked ? 'Locked to this runbook; click to follow the active editor' : 'Following the active editor; click to lock to this runbook';
}

// What-if ---------------------------------------------------------------------------------------

function hasOverrides(o: WhatIfOverrides): boolean {
  return (o.links?.length ?? 0) > 0 || (o.waves?.length ?? 0) > 0;
}

function linkOverride(linkId: string | undefined): LinkOverride | undefined {
  return state.overrides.links?.find((l) => l.linkId === linkId);
}

function waveOverride(index: number): WaveOverride | undefined {
  return state.overrides.waves?.find((w) => w.waveIndex === index);
}

function setLinkOverride(linkId: string, patch: Omit<LinkOverride, 'linkId'>): void {
  const others = (state.overrides.links ?? []).filter((l) => l.linkId !== linkId);
  const merged = { ...linkOverride(linkId), ...patch, linkId };
  state = { ...state, overrides: { ...state.overrides, links: [...others, merged] } };
}

function setWaveOverride(index: number, value: number): void {
  const others = (state.overrides.waves ?? []).filter((w) => w.waveIndex !== index);
  state = { ...state, overrides: { ...state.overrides, waves: [...others, { waveIndex: index, concurrency: value }] } };
}

function selectedWave(result: WhatIfResult): number | undefined {
  const waves = result.knobs.waves;
  if (waves.length === 0) return undefined;
  if (state.whatIfWave !== undefined && waves.some((w) => w.index === state.whatIfWave)) return state.whatIfWave;
  // Start on the first wave that overruns: that is the question to answer.
  return (result.schedule.waves.find((w) => w.fits === false) ?? result.schedule.waves[0])?.index ?? waves[0].index;
}

function showWhatIfControls(): void {
  if (!current) return;
  const result = current.result;
  const index = selectedWave(result);
  const disabled = index === undefined;
  for (const c of [waveSelect, bandwidth, transport, concurrency]) c.disabled = disabled;
  const options = result.knobs.waves.map((w) => [String(w.index), `${w.index + 1}. ${w.name}`]);
  const key = JSON.stringify(options);
  if (key !== waveOptionsKey) {
    waveOptionsKey = key;
    clear(waveSelect);
    for (const [value, text] of options) waveSelect.append(el('option', { value }, text));
  }
  if (index === undefined) {
    linkName.textContent = 'No waves to try changes on.';
    wiResult.textContent = '';
    apply.disabled = true;
    reset.disabled = true;
    return;
  }
  waveSelect.value = String(index);
  const wave = result.knobs.waves.find((w) => w.index === index);
  const link = result.knobs.links.find((l) => l.id === wave?.linkId);
  linkName.textContent = link
    ? linkWavesText(link.id, link.waveIndices, index)
    : 'No link';
  bandwidth.disabled = !link;
  transport.disabled = !link;
  const lo = linkOverride(link?.id);
  const bytes = lo?.bandwidthBytesPerSecond ?? link?.bandwidthBytesPerSecond;
  if (document.activeElement !== bandwidth) bandwidth.value = bytes !== undefined ? formatBitRate(bytes) : '';
  bandwidth.placeholder = 'e.g. 10 Gbps';
  transport.value = lo?.transport ?? link?.transport ?? 'tcp';
  if (document.activeElement !== concurrency) concurrency.value = String(waveOverride(index)?.concurrency ?? wave?.concurrency ?? 1);
  const active = hasOverrides(state.overrides);
  reset.disabled = !active;
  apply.disabled = !hasOverrides(result.applied);
  renderDifference(result, index);
}

let waveOptionsKey = '';

function renderDifference(result: WhatIfResult, index: number): void {
  clear(wiResult);
  if (!hasOverrides(result.applied)) {
    wiResult.append(el('span', { class: 'tl-muted' }, 'Change the bandwidth, transport or concurrency to see the plan recomputed. The runbook is not changed until you apply.'));
    for (const p of result.problems) wiResult.append(el('div', { class: 'tl-error' }, p));
    return;
  }
  const before = result.baseline.totalSeconds;
  const after = result.schedule.totalSeconds;
  const delta = after - before;
  const sign = delta < 0 ? '−' : delta > 0 ? '+' : '±';
  wiResult.append(el('span', { id: 'tl-wi-total', class: delta < 0 ? 'tl-better' : delta > 0 ? 'tl-error' : undefined },
    `Plan ≈ ${formatDuration(before)} → ≈ ${formatDuration(after)} (${sign}${formatDuration(Math.abs(delta))})`));
  const baseWave = result.baseline.waves.find((w) => w.index === index);
  const newWave = result.schedule.waves.find((w) => w.index === index);
  if (baseWave && newWave) {
    const verdict = (fits: boolean | undefined, overrun: number) => fits === undefined ? 'no window' : fits ? 'fits' : `overruns by ${formatDuration(overrun)}`;
    const changed = baseWave.fits !== newWave.fits;
    wiResult.append(el('span', { id: 'tl-wi-wave-verdict', class: newWave.fits === false ? 'tl-error' : changed ? 'tl-better' : undefined },
      ` · ${newWave.name}: ${verdict(baseWave.fits, baseWave.overrunSeconds)} → ${verdict(newWave.fits, newWave.overrunSeconds)}${newWave.fits && changed ? ' ✓' : ''}`));
  }
  wiResult.append(el('span', { id: 'tl-wi-errors' }, ` · ${whatIfCountText('errors', result.baseline.errors, result.schedule.errors)}`));
  for (const p of result.problems) wiResult.append(el('div', { class: 'tl-error' }, p));
}

function sendWhatIf(): void {
  if (!current) return;
  lastRequestId++;
  saveNow();
  vscode.postMessage({ type: 'whatIf', uri: current.uri, version: current.version, requestId: lastRequestId, overrides: state.overrides });
}

/** Typing settles for a moment before the server is asked (each request recomputes the plan). */
function sendWhatIfSoon(): void {
  if (whatIfTimer !== undefined) clearTimeout(whatIfTimer);
  whatIfTimer = setTimeout(() => {
    whatIfTimer = undefined;
    sendWhatIf();
  }, 150);
}

function currentLinkId(): string | undefined {
  const index = Number(waveSelect.value);
  return current?.result.knobs.waves.find((w) => w.index === index)?.linkId;
}

waveSelect.addEventListener('change', () => {
  state = { ...state, whatIfWave: Number(waveSelect.value) };
  saveNow();
  showWhatIfControls();
});
bandwidth.addEventListener('input', () => {
  const linkId = currentLinkId();
  if (linkId === undefined) return;
  const parsed = parseQuantity(bandwidth.value.trim(), 'rate');
  if (!parsed.ok || parsed.value <= 0) {
    bandwidth.setAttribute('aria-invalid', 'true');
    wiError.textContent = parsed.ok ? 'The bandwidth must be above zero.' : `Bandwidth: ${parsed.message}`;
    return;
  }
  bandwidth.removeAttribute('aria-invalid');
  wiError.textContent = '';
  setLinkOverride(linkId, { bandwidthBytesPerSecond: parsed.value });
  sendWhatIfSoon();
});
transport.addEventListener('change', () => {
  const linkId = currentLinkId();
  if (linkId === undefined) return;
  setLinkOverride(linkId, { transport: transport.value === 'wan-optimized' ? 'wan-optimized' : 'tcp' });
  sendWhatIf();
});
concurrency.addEventListener('input', () => {
  const value = Number(concurrency.value);
  if (!Number.isInteger(value) || value < 1) {
    concurrency.setAttribute('aria-invalid', 'true');
    wiError.textContent = 'Concurrency is a whole number of migrations at once, 1 or more.';
    return;
  }
  concurrency.removeAttribute('aria-invalid');
  wiError.textContent = '';
  setWaveOverride(Number(waveSelect.value), value);
  sendWhatIfSoon();
});
reset.addEventListener('click', () => {
  state = { ...state, overrides: {} };
  wiError.textContent = '';
  sendWhatIf();
  showWhatIfControls();
});
apply.addEventListener('click', () => {
  if (!current) return;
  vscode.postMessage({ type: 'apply', uri: current.uri, version: current.version, overrides: current.result.applied });
});

// Toolbar ---------------------------------------------------------------------------------------

zoomIn.addEventListener('click', () => chart.zoomBy(1.5));
zoomOut.addEventListener('click', () => chart.zoomBy(1 / 1.5));
fit.addEventListener('click', () => chart.fitToWidth());
viewToggle.addEventListener('click', () => {
  state = { ...state, view: state.view === 'table' ? 'chart' : 'table' };
  saveNow();
  showView();
  if (state.view === 'chart') chart.renderNow();
});
lock.addEventListener('click', () => {
  state = { ...state, locked: !state.locked };
  saveNow();
  showLock();
  vscode.postMessage({ type: 'setLock', locked: state.locked });
});
rollbackToggle.addEventListener('click', () => {
  state = { ...state, showRollback: !state.showRollback || undefined };
  saveNow();
  showRollback();
  chart.setRollback(state.showRollback === true);
});
exportButton.addEventListener('click', () => {
  if (current) vscode.postMessage({ type: 'export', uri: current.uri });
});

/** A step's line in the editor (from its bar or its table row). */
function revealStep(step: TimelineStep): void {
  if (current) vscode.postMessage({ type: 'reveal', uri: current.uri, version: current.version, vmId: '', stepId: step.id, line: step.line });
}

/** Activating a VM in the table selects its bar and reveals it in the editor. */
function revealFromTable(vmId: string): void {
  chart.highlight(vmId, false);
  state = { ...state, selectedVmId: vmId };
  saveNow();
  if (!current) return;
  const vm = current.result.schedule.vms.find((v) => v.id === vmId);
  if (vm) vscode.postMessage({ type: 'reveal', uri: current.uri, version: current.version, vmId, line: vm.line });
}

/** The schedule the chart draws: the whole plan, or the one wave of the per-wave view. */
function shownSchedule(message: UpdateMessage): UpdateMessage['result']['schedule'] {
  const all = message.result.schedule;
  return state.waveView === undefined ? all : waveOnly(all, state.waveView) ?? all;
}

let waveViewKey = '';
function showWaveViewOptions(message: UpdateMessage): void {
  const waves = message.result.schedule.waves;
  if (state.waveView !== undefined && !waves.some((w) => w.index === state.waveView)) state = { ...state, waveView: undefined };
  const options: [string, string][] = [['all', 'All waves'], ...waves.map((w): [string, string] => [String(w.index), `${w.index + 1}. ${w.name}`])];
  const key = JSON.stringify(options);
  if (key !== waveViewKey) {
    waveViewKey = key;
    clear(waveView);
    for (const [value, text] of options) waveView.append(el('option', { value }, text));
  }
  waveView.value = state.waveView === undefined ? 'all' : String(state.waveView);
}

waveView.addEventListener('change', () => {
  state = { ...state, waveView: waveView.value === 'all' ? undefined : Number(waveView.value) };
  saveNow();
  if (!current) return;
  chart.setData(shownSchedule(current), current.result.details);
  chart.fitToWidth();
});

function showRollback(): void {
  rollbackToggle.setAttribute('aria-pressed', state.showRollback ? 'true' : 'false');
}

showLock();
showRollback();
vscode.postMessage({ type: 'ready', state });
