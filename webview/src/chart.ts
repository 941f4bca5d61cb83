/**
 * The Gantt chart: a lane per wave (window shaded, overrun in the error colour), a bar per VM split
 * into its phases, depends_on arrows, the critical path, and a time axis in the window's own
 * offset. Geometry comes from layout.ts (shared with the SVG export). Only the rows in view are in
 * the DOM (a 5,000-VM plan is ~110,000 px tall), redrawn on scroll and zoom; the axis and the
 * label column stay put with `position: sticky`.
 */
import type { ScheduleResult, TimelineRollback, TimelineStep, TimelineVm, TimelineVmDetail, TimelineWave } from '../../shared/src/protocol';
import {
  AXIS_HEIGHT_PX, BAR_HEIGHT_PX, LABEL_WIDTH_PX, MIN_BAR_WIDTH_PX, gapLabel, gapTitle, layoutRows, rollbackTooltipLines, rowIndexAt, scaleTicks,
  stepHasRange, stepKey, stepTitle, stepTooltipLines, vmHasRange, vmOverruns, vmRangeEndEpochMs, vmRangeStartEpochMs, vmRangeText, vmSeverity, vmTitle, vmTooltipLines,
  instantText, timesLabel, vmActualText, waveFitText, waveForecastText, waveProblemCounts, waveProblemsText, widthOf, xOf, type ChartLayout, type Row,
} from '../../shared/src/timeline/layout';
import { clockText } from '../../shared/src/units/time';
import { formatDuration } from '../../shared/src/units/quantity';
import { byId, clear, el, px, svg } from './dom';

/** Chromium lays out at most ~33 million px; stay well inside it at the deepest zoom. */
const MAX_CHART_WIDTH_PX = 8_000_000;
/** Deepest zoom: one second is this many px. */
const MAX_PX_PER_MS = 0.2;
const OVERSCAN_ROWS = 8;
const ZOOM_STEP = 1.5;

export interface ChartCallbacks {
  /** A bar was chosen: by click or Enter (`reveal`), or by arrow keys. */
  select(vmId: string, reveal: boolean): void;
  /** A step bar was clicked or activated with Enter: show its line in the editor. */
  revealStep(step: TimelineStep): void;
  /** Zoom or scroll changed (the page saves its state). */
  viewChanged(): void;
}

export class Chart {
  private schedule: ScheduleResult | undefined;
  private details: Readonly<Record<string, TimelineVmDetail>> = {};
  private layout: ChartLayout | undefined;
  private dependents = new Map<string, string[]>();
  private pxPerMs = 0;
  private fit = true;
  private selected: string | undefined;
  private rollback = false;
  private frame = 0;
  private readonly scroller: HTMLElement;
  private readonly sizer: HTMLElement;
  private readonly axis: SVGSVGElement;
  private readonly labels: SVGSVGElement;
  private readonly bars: SVGSVGElement;
  private readonly corner: HTMLElement;
  private readonly tooltip: HTMLElement;
  private drag: { x: number; y: number; left: number; top: number } | undefined;
  /**
   * The scroller's size and scroll position, read when layout is clean (scroll events, resize
   * observer, after our own scroll writes), so an update does not force a synchronous layout.
   */
  private view = { width: 0, height: 0, left: 0, top: 0, measured: false };

  constructor(private readonly callbacks: ChartCallbacks) {
    this.scroller = byId('tl-chart');
    this.tooltip = byId('tl-tooltip');
    this.sizer = el('div', { class: 'tl-sizer' });
    this.corner = el('div', { class: 'tl-corner' });
    this.axis = svg('svg', { id: 'tl-axis', class: 'tl-axis', 'aria-hidden': 'true' });
    this.labels = svg('svg', { id: 'tl-labels', class: 'tl-labels', 'aria-hidden': 'true' });
    this.bars = svg('svg', { id: 'tl-bars', class: 'tl-bars', role: 'group', 'aria-label': 'Migrations by wave; arrow keys move between VMs, Enter shows the VM in the editor' });
    this.sizer.append(this.corner, this.axis, this.labels, this.bars);
    this.scroller.append(this.sizer);
    this.scroller.addEventListener('scroll', () => {
      this.measure();
      this.hideTooltip();
      this.requestRender();
      this.callbacks.viewChanged();
    }, { passive: true });
    this.scroller.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.bars.addEventListener('click', (e) => this.onClick(e));
    this.labels.addEventListener('click', (e) => this.onClick(e));
    this.bars.addEventListener('pointerover', (e) => this.onPointerOver(e));
    this.bars.addEventListener('pointerleave', () => this.hideTooltip());
    this.bars.addEventListener('focusin', (e) => this.onFocus(e));
    this.bars.addEventListener('focusout', () => this.hideTooltip());
    this.bars.addEventListener('pointerdown', (e) => this.onPointerDown(e));
    window.addEventListener('pointermove', (e) => this.onPointerMove(e));
    window.addEventListener('pointerup', () => this.endDrag());
    new ResizeObserver(() => {
      const { width, height } = this.view;
      this.measure();
      if (width === this.view.width && height === this.view.height) return;
      if (this.fit) this.pxPerMs = this.fitPxPerMs();
      this.applySize();
      this.draw();
    }).observe(this.scroller);
  }

  get zoom(): number | undefined {
    return this.fit ? undefined : this.pxPerMs;
  }

  get selectedVmId(): string | undefined {
    return this.selected;
  }

  get scroll(): { left: number; top: number } {
    return { left: this.scroller.scrollLeft, top: this.scroller.scrollTop };
  }

  /** New data: keep zoom, scroll and selection; draw at once (no flicker: nothing is cleared first). */
  setData(schedule: ScheduleResult, details: Readonly<Record<string, TimelineVmDetail>>): void {
    this.schedule = schedule;
    this.details = details;
    this.layout = layoutRows(schedule, { rollback: this.rollback });
    this.dependents = new Map();
    for (const vm of schedule.vms) {
      for (const dep of vm.dependsOn) {
        let list = this.dependents.get(dep);
        if (!list) this.dependents.set(dep, (list = []));
        list.push(vm.id);
      }
    }
    this.pxPerMs = this.fit ? this.fitPxPerMs() : this.clampZoom(this.pxPerMs);
    this.applySize();
    // From the measured view: reading the scroller now would force a layout of the changed page.
    this.draw();
  }

  /** Shows or hides each wave's rollback path (a row at the bottom of its lane). */
  setRollback(on: boolean): void {
    if (on === this.rollback) return;
    this.rollback = on;
    if (!this.schedule) return;
    this.layout = layoutRows(this.schedule, { rollback: on });
    this.pxPerMs = this.fit ? this.fitPxPerMs() : this.clampZoom(this.pxPerMs);
    this.applySize();
    this.renderNow();
  }

  get rollbackShown(): boolean {
    return this.rollback;
  }

  /** Restores a saved view (zoom undefined = fit). */
  restoreView(pxPerMs: number | undefined, left: number, top: number, selected: string | undefined): void {
    this.fit = pxPerMs === undefined;
    this.pxPerMs = this.fit ? this.fitPxPerMs() : this.clampZoom(pxPerMs as number);
    this.selected = selected;
    this.applySize();
    this.scroller.scrollLeft = left;
    this.scroller.scrollTop = top;
    this.renderNow();
  }

  /** Highlights a VM (from the editor's cursor or the table) and scrolls it into view. */
  highlight(vmId: string | undefined, focus: boolean): void {
    this.selected = vmId;
    if (vmId !== undefined) this.scrollToVm(vmId);
    this.renderNow();
    if (focus && vmId !== undefined) this.barOf(vmId)?.focus({ preventScroll: true });
  }

  /**
   * Zooms about the pointer (Ctrl+scroll) or, from the buttons and keys, about the selected VM when
   * there is one (else the middle of the view); the selected VM stays in view either way.
   */
  zoomBy(factor: number, anchorClientX?: number): void {
    if (!this.layout) return;
    const rect = this.scroller.getBoundingClientRect();
    const viewWidth = Math.max(1, this.scroller.clientWidth - LABEL_WIDTH_PX);
    const selectedSpan = this.selectedSpan();
    let anchor = viewWidth / 2;
    if (anchorClientX !== undefined) anchor = Math.min(viewWidth, Math.max(0, anchorClientX - rect.left - LABEL_WIDTH_PX));
    else if (selectedSpan) anchor = Math.min(viewWidth, Math.max(0, (selectedSpan.x1 + selectedSpan.x2) / 2 - this.scroller.scrollLeft));
    const axisAt = (this.scroller.scrollLeft + anchor) / this.pxPerMs;
    const next = this.clampZoom(this.pxPerMs * factor);
    this.fit = next <= this.fitPxPerMs() * 1.0001;
    this.pxPerMs = this.fit ? this.fitPxPerMs() : next;
    this.applySize();
    this.scroller.scrollLeft = Math.max(0, axisAt * this.pxPerMs - anchor);
    const after = this.selectedSpan();
    if (after && (after.x2 < this.scroller.scrollLeft || after.x1 > this.scroller.scrollLeft + viewWidth)) {
      this.scroller.scrollLeft = Math.max(0, after.x1 - viewWidth / 4);
    }
    this.renderNow();
    this.callbacks.viewChanged();
  }

  /** x range of the selected VM's bar at the current zoom. */
  private selectedSpan(): { x1: number; x2: number } | undefined {
    const index = this.selected !== undefined ? this.layout?.rowOfVm.get(this.selected) : undefined;
    const row = index !== undefined ? this.layout?.rows[index] : undefined;
    if (!row || row.kind !== 'vm') return undefined;
    return { x1: this.xAt(row.vm.startEpochMs), x2: this.xAt(row.vm.endEpochMs) };
  }

  fitToWidth(): void {
    this.fit = true;
    this.pxPerMs = this.fitPxPerMs();
    this.applySize();
    this.scroller.scrollLeft = 0;
    this.renderNow();
    this.callbacks.viewChanged();
  }

  /** x (px from the bars' left edge) of a time at the current zoom; tests and the bench read it. */
  xAt(epochMs: number): number {
    return this.layout ? xOf(epochMs, this.layout, this.pxPerMs) : 0;
  }

  private fitPxPerMs(): number {
    if (!this.layout) return 1e-6;
    if (!this.view.measured) this.measure();
    const width = Math.max(200, this.view.width - LABEL_WIDTH_PX - 16);
    // The axis's own length: idle nights are compressed, so Fit fits the work, not the calendar.
    return width / this.layout.spanMs;
  }

  private clampZoom(value: number): number {
    if (!this.layout) return value;
    const range = this.layout.spanMs;
    const max = Math.max(this.fitPxPerMs(), Math.min(MAX_PX_PER_MS, MAX_CHART_WIDTH_PX / range));
    return Math.min(max, Math.max(this.fitPxPerMs(), value));
  }

  private chartWidth(): number {
    return this.layout ? Math.ceil(this.layout.spanMs * this.pxPerMs) : 0;
  }

  private applySize(): void {
    const width = this.chartWidth();
    const height = this.layout?.heightPx ?? 0;
    this.sizer.style.width = `${LABEL_WIDTH_PX + width}px`;
    this.sizer.style.height = `${AXIS_HEIGHT_PX + height}px`;
    this.sizer.style.gridTemplateColumns = `${LABEL_WIDTH_PX}px ${width}px`;
    this.sizer.style.gridTemplateRows = `${AXIS_HEIGHT_PX}px ${height}px`;
    this.axis.setAttribute('width', String(width));
    this.axis.setAttribute('height', String(AXIS_HEIGHT_PX));
    this.labels.setAttribute('width', String(LABEL_WIDTH_PX));
    this.labels.setAttribute('height', String(height));
    this.bars.setAttribute('width', String(width));
    this.bars.setAttribute('height', String(height));
  }

  private requestRender(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  private measure(): void {
    const s = this.scroller;
    this.view = { width: s.clientWidth, height: s.clientHeight, left: s.scrollLeft, top: s.scrollTop, measured: true };
  }

  /** Measures the view (after a scroll or zoom of ours) and draws the rows in view. */
  renderNow(): void {
    this.measure();
    this.draw();
  }

  /** Draws the rows in view (as last measured); keeps keyboard focus on the same VM across the redraw. */
  private draw(): void {
    if (this.frame) {
      cancelAnimationFrame(this.frame);
      this.frame = 0;
    }
    const layout = this.layout;
    const schedule = this.schedule;
    if (!layout || !schedule) return;
    const focused = (document.activeElement as Element | null)?.closest?.('[data-vm-id]')?.getAttribute('data-vm-id') ?? undefined;
    const focusedStep = (document.activeElement as Element | null)?.closest?.('[data-step-key]')?.getAttribute('data-step-key') ?? undefined;
    if (!this.view.measured) this.measure();
    const top = this.view.top;
    const viewHeight = Math.max(0, this.view.height - AXIS_HEIGHT_PX);
    const left = this.view.left;
    const viewWidth = Math.max(0, this.view.width - LABEL_WIDTH_PX);
    const first = Math.max(0, rowIndexAt(layout.rows, top) - OVERSCAN_ROWS);
    const last = Math.min(layout.rows.length - 1, rowIndexAt(layout.rows, top + viewHeight) + OVERSCAN_ROWS);
    const yTop = layout.rows[first]?.y ?? 0;
    const yBottom = layout.rows[last] ? layout.rows[last].y + layout.rows[last].height : 0;
    const x = (ms: number) => xOf(ms, layout, this.pxPerMs);

    this.renderAxis(left, viewWidth);

    const lanes = svg('g', { class: 'tl-lanes' });
    for (const lane of layout.lanes) {
      if (lane.bottom < yTop || lane.top > yBottom) continue;
      const w = lane.wave;
      const y1 = Math.max(lane.top, yTop);
      const y2 = Math.min(lane.bottom, yBottom);
      if (w.windowStartEpochMs !== undefined && w.windowEndEpochMs !== undefined) {
        lanes.append(svg('rect', {
          class: `tl-window${w.fits === false ? ' tl-overrun' : ''}`,
          x: px(x(w.windowStartEpochMs)), y: px(y1), width: px(Math.max(1, widthOf(w.windowStartEpochMs, w.windowEndEpochMs, layout, this.pxPerMs))), height: px(y2 - y1),
        }));
        if (w.endEpochMs > w.windowEndEpochMs) {
          lanes.append(svg('rect', { class: 'tl-overrun-zone', x: px(x(w.windowEndEpochMs)), y: px(y1), width: px(widthOf(w.windowEndEpochMs, w.endEpochMs, layout, this.pxPerMs)), height: px(y2 - y1) }));
        }
      }
      lanes.append(svg('line', { class: 'tl-lane-rule', x1: '0', x2: String(this.chartWidth()), y1: px(lane.top + 0.5), y2: px(lane.top + 0.5) }));
    }
    // Compressed idle stretches: a band across the rows in view (the axis writes its length).
    for (const gap of layout.scale.gaps) {
      const gx = gap.atMs * this.pxPerMs;
      const gw = gap.widthMs * this.pxPerMs;
      if (gx + gw < left || gx > left + viewWidth) continue;
      lanes.append(svg('rect', { class: 'tl-gap', 'data-gap-from': String(gap.fromEpochMs), x: px(gx), y: px(yTop), width: px(gw), height: px(Math.max(0, yBottom - yTop)) }));
    }

    // "Now" of the re-forecast (the plan has actuals): a line across the rows in view.
    const now = schedule.nowEpochMs;
    if (now !== undefined && Number.isFinite(now) && now >= layout.startEpochMs && now <= layout.endEpochMs) {
      const nx = x(now);
      lanes.append(svg('line', { class: 'tl-now', 'data-now': String(now), x1: px(nx), x2: px(nx), y1: px(yTop), y2: px(yBottom) }));
    }

    const labels = svg('g');
    const rows = svg('g', { class: 'tl-rows' });
    const arrows = svg('g', { class: 'tl-arrows' });
    const drawnArrows = new Set<string>();
    let tabStop = false;
    for (let i = first; i <= last; i++) {
      const row = layout.rows[i];
      if (row.kind === 'wave') {
        const w = row.wave;
        labels.append(svg('text', { class: `tl-lane-name${w.fits === false ? ' tl-error' : ''}`, x: '6', y: px(row.y + 16) }, clip(`${w.index + 1}. ${w.name}`, 30)));
        const fitX = Math.max(left + 4, 4);
        const problems = waveProblemsText(waveProblemCounts(schedule, w.index));
        const forecastText = waveForecastText(w);
        const forecastClass = w.forecast && w.forecast.overrunSeconds > 0 ? ' tl-warning' : '';
        const fitText = `${waveFitText(w)}${problems ? ` · ${problems}` : ''}`;
        rows.append(svg('text', { class: `tl-lane-fit${w.fits === false ? ' tl-error' : ''}`, x: px(fitX), y: px(row.y + 16) }, fitText));
        // After the plan's words (about 6.5 px a character at the lane's 11 px font).
        if (forecastText) rows.append(svg('text', { class: `tl-lane-forecast${forecastClass}`, 'data-forecast': w.forecast && w.forecast.overrunSeconds > 0 ? 'overrun' : 'fits', x: px(fitX + fitText.length * 6.5 + 16), y: px(row.y + 16) }, `Actuals: ${forecastText}`));
        continue;
      }
      if (row.kind === 'step') {
        labels.append(svg('text', { class: 'tl-step-label', x: '16', y: px(row.y + 15) }, clip(`▸ ${stepTitle(row.step)}`, 30)));
        rows.append(this.stepBar(row.step, row));
        continue;
      }
      if (row.kind === 'rollback') {
        labels.append(svg('text', { class: 'tl-rollback-label', x: '16', y: px(row.y + 15) }, 'Rollback path'));
        rows.append(this.rollbackSpan(row.rollback, row.wave, row));
        continue;
      }
      const vm = row.vm;
      const overrun = vmOverruns(vm, row.wave);
      const severity = vmSeverity(vm);
      const selected = vm.id === this.selected;
      if (selected) {
        rows.append(svg('rect', { class: 'tl-row-selected', x: px(left), y: px(row.y), width: px(viewWidth), height: px(row.height) }));
        labels.append(svg('rect', { class: 'tl-row-selected', x: '0', y: px(row.y), width: String(LABEL_WIDTH_PX), height: px(row.height) }));
      }
      // The label reveals the VM too (the bar is the keyboard's way; the label repeats it for the mouse).
      const label = svg('text', {
        class: `tl-vm-label${overrun || severity === 'error' ? ' tl-error' : ''}${vm.critical ? ' tl-critical-label' : ''}`,
        x: '16', y: px(row.y + 15), 'data-label-vm': vm.id,
      }, clip(vmTitle(vm), 30));
      labels.append(svg('rect', { class: 'tl-label-hit', 'data-label-vm': vm.id, x: '0', y: px(row.y), width: String(LABEL_WIDTH_PX), height: px(row.height) }), label);
      if (severity) labels.append(svg('circle', { class: `tl-severity-mark tl-severity-${severity}`, 'data-severity': severity, cx: '8', cy: px(row.y + row.height / 2), r: '3.5' }));
      const g = this.bar(vm, row, overrun, selected);
      if (selected || (this.selected === undefined && !tabStop)) {
        g.setAttribute('tabindex', '0');
        tabStop = true;
      }
      rows.append(g);
      this.arrowsFor(vm, layout, drawnArrows, arrows);
    }
    // Without a selected bar in view, the first bar in view is the Tab stop.
    if (!tabStop) rows.querySelector('[data-vm-id]')?.setAttribute('tabindex', '0');

    clear(this.labels);
    this.labels.append(labels);
    clear(this.bars);
    this.bars.append(lanes, arrows, rows);
    if (focused !== undefined) this.barOf(focused)?.focus({ preventScroll: true });
    if (focusedStep !== undefined) this.stepBarOf(focusedStep)?.focus({ preventScroll: true });
  }

  /** A step: outlined, hatched bar from best start to best end; a whisker on to the worst-case end. */
  private stepBar(step: TimelineStep, row: Row): SVGGElement {
    const x = (ms: number) => xOf(ms, this.layout as ChartLayout, this.pxPerMs);
    const barY = row.y + (row.height - BAR_HEIGHT_PX) / 2;
    const offset = row.wave?.utcOffsetMinutes ?? 0;
    const label = [
      `Step ${stepTitle(step)}`,
      `${step.kind}${step.owner ? `, owner ${step.owner}` : ''}`,
      `best ${instantText(row.wave, step.bestStartEpochMs)} to ${instantText(row.wave, step.bestEndEpochMs)}`,
      stepHasRange(step) ? `worst end ${instantText(row.wave, step.worstEndEpochMs)}` : '',
    ].filter(Boolean).join(', ');
    const g = svg('g', {
      class: `tl-step tl-step-${step.kind}`,
      'data-step-id': step.id,
      'data-step-key': stepKey(step),
      role: 'button',
      tabindex: '0',
      'aria-label': label,
    });
    const start = x(step.bestStartEpochMs);
    const width = Math.max(MIN_BAR_WIDTH_PX, x(step.bestEndEpochMs) - start);
    const worstX = x(step.worstEndEpochMs);
    g.append(svg('rect', { class: 'tl-hit', x: px(start - 2), y: px(row.y + 1), width: px(Math.max(width, worstX - start) + 4), height: px(row.height - 2) }));
    g.append(svg('rect', { class: 'tl-step-bar', x: px(start), y: px(barY), width: px(width), height: String(BAR_HEIGHT_PX) }));
    if (stepHasRange(step)) {
      const mid = barY + BAR_HEIGHT_PX / 2;
      const from = start + width;
      g.append(svg('path', {
        class: 'tl-step-whisker',
        'data-best-end-x': px(from),
        'data-worst-end-x': px(worstX),
        d: `M${px(from)},${px(mid)} H${px(worstX)} M${px(worstX)},${px(barY + 1)} V${px(barY + BAR_HEIGHT_PX - 1)}`,
      }));
    }
    return g;
  }

  /** The rollback from the wave's last point as a marked span, and the point of no return. */
  private rollbackSpan(rollback: TimelineRollback, wave: TimelineWave, row: Row): SVGGElement {
    const x = (ms: number) => xOf(ms, this.layout as ChartLayout, this.pxPerMs);
    const barY = row.y + (row.height - BAR_HEIGHT_PX) / 2;
    const late = wave.windowEndEpochMs !== undefined && rollback.endEpochMs > wave.windowEndEpochMs;
    const lines = rollbackTooltipLines(rollback, wave);
    const g = svg('g', {
      class: `tl-rollback${late ? ' tl-overrun' : ''}`,
      'data-rollback-wave': String(wave.index),
      role: 'img',
      tabindex: '0',
      'aria-label': lines.join('. '),
    });
    const start = x(rollback.fromEpochMs);
    const width = Math.max(MIN_BAR_WIDTH_PX, x(rollback.endEpochMs) - start);
    g.append(svg('rect', { class: 'tl-rollback-bar', x: px(start), y: px(barY), width: px(width), height: String(BAR_HEIGHT_PX) }));
    if (rollback.pointOfNoReturnEpochMs !== undefined) {
      const nx = x(rollback.pointOfNoReturnEpochMs);
      g.append(svg('line', { class: 'tl-no-return', x1: px(nx), x2: px(nx), y1: px(row.y + 1), y2: px(row.y + row.height - 1) }));
    }
    return g;
  }

  private stepBarOf(key: string): SVGGElement | undefined {
    for (const g of this.bars.querySelectorAll<SVGGElement>('[data-step-key]')) if (g.getAttribute('data-step-key') === key) return g;
    return undefined;
  }

  private stepOf(key: string | null | undefined): { step: TimelineStep; wave: TimelineWave } | undefined {
    const index = key ? this.layout?.rowOfStep.get(key) : undefined;
    const row = index !== undefined ? this.layout?.rows[index] : undefined;
    return row?.kind === 'step' ? { step: row.step, wave: row.wave } : undefined;
  }

  private bar(vm: TimelineVm, row: Row, overrun: boolean, selected: boolean): SVGGElement {
    const barY = row.y + (row.height - BAR_HEIGHT_PX) / 2;
    const x = (ms: number) => xOf(ms, this.layout as ChartLayout, this.pxPerMs);
    const wave = row.kind === 'vm' ? row.wave : undefined;
    const offset = wave?.utcOffsetMinutes ?? 0;
    const label = [
      `VM ${vmTitle(vm)}`,
      `${instantText(wave, vm.startEpochMs)} to ${instantText(wave, vm.endEpochMs)}`,
      `≈ ${vmRangeText(vm)}, likely ${formatDuration(vm.totalSeconds)}`,
      vm.critical ? 'on the critical path' : '',
      overrun ? (vm.converges ? 'ends after the window' : 'does not converge') : '',
      ...(vm.problems ?? []).map((p) => `${p.severity} ${p.code}: ${p.message}`),
      vmActualText(vm, offset, wave?.windowStartEpochMs ?? vm.startEpochMs),
    ].filter(Boolean).join(', ');
    const severity = vmSeverity(vm);
    const g = svg('g', {
      class: `tl-vm${overrun ? ' tl-overrun' : ''}${severity ? ` tl-problem-${severity}` : ''}${vm.critical ? ' tl-critical' : ''}${selected ? ' tl-selected' : ''}`,
      'data-severity': severity,
      'data-vm-id': vm.id,
      role: 'button',
      tabindex: '-1',
      'aria-label': label,
      'aria-pressed': selected ? 'true' : 'false',
    });
    const start = x(vm.startEpochMs);
    const width = Math.max(MIN_BAR_WIDTH_PX, x(vm.endEpochMs) - start);
    // A transparent hit area: thin phases are hard to click.
    g.append(svg('rect', { class: 'tl-hit', x: px(start - 2), y: px(row.y + 1), width: px(width + 4), height: px(row.height - 2) }));
    for (const p of vm.phases) {
      if (p.kind === 'switchover') continue;
      g.append(svg('rect', {
        class: `tl-phase tl-phase-${p.kind}`,
        'data-phase': p.kind,
        x: px(x(p.startEpochMs)), y: px(barY), width: px(Math.max(MIN_BAR_WIDTH_PX, x(p.endEpochMs) - x(p.startEpochMs))), height: String(BAR_HEIGHT_PX),
      }));
    }
    if (vm.phases.length === 0) {
      g.append(svg('rect', { class: 'tl-phase tl-phase-memory', x: px(start), y: px(barY), width: px(width), height: String(BAR_HEIGHT_PX) }));
    }
    for (const p of vm.phases) {
      if (p.kind !== 'switchover') continue;
      const sx = x(p.startEpochMs);
      const h = BAR_HEIGHT_PX / 2 + 2;
      g.append(svg('path', { class: 'tl-phase tl-phase-switchover', 'data-phase': 'switchover', d: `M${px(sx)},${px(barY - 2)} l4,${px(h)} l-4,${px(h)} l-4,-${px(h)} z` }));
    }
    if (vmHasRange(vm)) {
      // The range of the VM's time: a whisker from its low end to its high end, through the bar's end.
      const mid = barY + BAR_HEIGHT_PX / 2;
      const lowX = x(vmRangeStartEpochMs(vm));
      const highX = x(vmRangeEndEpochMs(vm));
      g.append(svg('path', {
        class: 'tl-vm-whisker',
        'data-low-x': px(lowX),
        'data-high-x': px(highX),
        d: `M${px(lowX)},${px(mid)} H${px(highX)} M${px(lowX)},${px(barY + 2)} V${px(barY + BAR_HEIGHT_PX - 2)} M${px(highX)},${px(barY + 2)} V${px(barY + BAR_HEIGHT_PX - 2)}`,
      }));
    }
    if (vm.critical) g.append(svg('rect', { class: 'tl-critical-mark', x: px(start), y: px(barY + BAR_HEIGHT_PX + 1), width: px(width), height: '2' }));
    this.actualBars(vm, g, barY);
    // An error or warning of the VM's (as in the Problems panel): a mark after the bar, in its severity colour.
    const markAfter = Math.max(start + width, vmHasRange(vm) ? x(vmRangeEndEpochMs(vm)) : 0);
    if (severity) g.append(svg('circle', { class: `tl-severity-mark tl-severity-${severity}`, cx: px(markAfter + 8), cy: px(barY + BAR_HEIGHT_PX / 2), r: '4' }));
    return g;
  }

  /**
   * What happened over what was planned (issue 14): the actual move as a solid bar through the middle
   * of the planned one (a failure in the error colour, ending in a cross), and what is still forecast
   * (a running move's end, a waiting move, a failed move's retry) as a dashed outline.
   */
  private actualBars(vm: TimelineVm, g: SVGGElement, barY: number): void {
    const x = (ms: number) => xOf(ms, this.layout as ChartLayout, this.pxPerMs);
    const now = this.schedule?.nowEpochMs;
    const a = vm.actual;
    const inset = 3;
    if (a) {
      const end = a.endEpochMs ?? Math.max(a.startEpochMs, now ?? a.startEpochMs);
      const ax = x(a.startEpochMs);
      const aw = Math.max(MIN_BAR_WIDTH_PX, x(end) - ax);
      g.append(svg('rect', { class: `tl-actual tl-actual-${a.status}`, 'data-actual': a.status, x: px(ax), y: px(barY + inset), width: px(aw), height: String(BAR_HEIGHT_PX - 2 * inset) }));
      if (a.status === 'failed' || a.status === 'cancelled') {
        const cx = ax + aw;
        g.append(svg('path', { class: 'tl-actual-failed-mark', d: `M${px(cx - 4)},${px(barY)} l8,${BAR_HEIGHT_PX} M${px(cx + 4)},${px(barY)} l-8,${BAR_HEIGHT_PX}` }));
      }
    }
    const f = vm.forecast;
    if (f) {
      const fx = x(f.startEpochMs);
      g.append(svg('rect', { class: 'tl-forecast', 'data-forecast-vm': vm.id, x: px(fx), y: px(barY + 1), width: px(Math.max(MIN_BAR_WIDTH_PX, x(f.endEpochMs) - fx)), height: String(BAR_HEIGHT_PX - 2) }));
    }
  }

  private arrowsFor(vm: TimelineVm, layout: ChartLayout, drawn: Set<string>, into: SVGGElement): void {
    const draw = (fromId: string, toId: string) => {
      const key = `${fromId}\u0000${toId}`;
      if (drawn.has(key)) return;
      const fromRow = layout.rowOfVm.get(fromId);
      const toRow = layout.rowOfVm.get(toId);
      if (fromRow === undefined || toRow === undefined) return;
      const a = layout.rows[fromRow];
      const b = layout.rows[toRow];
      if (a.kind !== 'vm' || b.kind !== 'vm') return;
      drawn.add(key);
      const x1 = xOf(a.vm.endEpochMs, layout, this.pxPerMs);
      const x2 = xOf(b.vm.startEpochMs, layout, this.pxPerMs);
      const y1 = a.y + a.height / 2;
      const y2 = b.y + b.height / 2;
      const mid = Math.max(x1 + 4, Math.min(x2 - 4, (x1 + x2) / 2));
      into.append(svg('path', {
        class: `tl-arrow${a.vm.critical && b.vm.critical ? ' tl-critical' : ''}`,
        'data-from': fromId,
        'data-to': toId,
        d: `M${px(x1)},${px(y1)} H${px(mid)} V${px(y2)} H${px(x2)}`,
        'marker-end': 'url(#tl-arrowhead)',
      }));
    };
    for (const dep of vm.dependsOn) draw(dep, vm.id);
    for (const dependent of this.dependents.get(vm.id) ?? []) draw(vm.id, dependent);
  }

  private renderAxis(left: number, viewWidth: number): void {
    const layout = this.layout as ChartLayout;
    clear(this.axis);
    const defs = svg('defs');
    const marker = svg('marker', { id: 'tl-arrowhead', viewBox: '0 0 6 6', refX: '6', refY: '3', markerWidth: '6', markerHeight: '6', orient: 'auto' });
    marker.append(svg('path', { class: 'tl-arrowhead', d: 'M0,0 L6,3 L0,6 z' }));
    defs.append(marker);
    this.axis.append(defs);
    const from = (left - 100) / this.pxPerMs;
    const to = (left + viewWidth) / this.pxPerMs;
    for (const t of scaleTicks(layout, from, to, this.pxPerMs)) {
      const tx = t.axisMs * this.pxPerMs;
      this.axis.append(svg('line', { class: `tl-tick${t.major ? ' tl-major' : ''}`, x1: px(tx), x2: px(tx), y1: '20', y2: String(AXIS_HEIGHT_PX) }));
      this.axis.append(svg('text', { class: 'tl-tick-label', x: px(tx + 3), y: '16' }, t.label));
    }
    // Each compressed gap: a break mark and its real length ("16 h later"), full text in a <title>.
    for (const gap of layout.scale.gaps) {
      const gx = gap.atMs * this.pxPerMs;
      const gw = gap.widthMs * this.pxPerMs;
      if (gx + gw < left - 100 || gx > left + viewWidth) continue;
      const g = svg('g', { class: 'tl-gap-mark', 'data-gap-from': String(gap.fromEpochMs) });
      g.append(svg('title', {}, gapTitle(gap, layout.utcOffsetMinutes, layout.relativeOriginEpochMs)));
      g.append(svg('rect', { class: 'tl-gap', x: px(gx), y: '20', width: px(gw), height: String(AXIS_HEIGHT_PX - 20) }));
      g.append(svg('path', { class: 'tl-gap-break', d: `M${px(gx)},20 l3,4 l-3,4 l3,4 l-3,4 M${px(gx + gw)},20 l3,4 l-3,4 l3,4 l-3,4` }));
      // The length when it fits in the gap (about 6 px a character at 11 px); the tooltip has it always.
      const label = gapLabel(gap);
      if (gw >= label.length * 6 + 8) g.append(svg('text', { class: 'tl-gap-label', x: px(gx + gw / 2), y: String(AXIS_HEIGHT_PX - 3), 'text-anchor': 'middle' }, label));
      this.axis.append(g);
    }
    const now = this.schedule?.nowEpochMs;
    if (now !== undefined && Number.isFinite(now) && now >= layout.startEpochMs && now <= layout.endEpochMs) {
      const nx = xOf(now, layout, this.pxPerMs);
      this.axis.append(svg('line', { class: 'tl-now', x1: px(nx), x2: px(nx), y1: '18', y2: String(AXIS_HEIGHT_PX) }));
      this.axis.append(svg('text', { class: 'tl-now-label', x: px(nx + 3), y: String(AXIS_HEIGHT_PX - 3) }, `now ${clockText(now, layout.utcOffsetMinutes, now)}`));
    }
    clear(this.corner);
    this.corner.append(el('span', { class: 'tl-offset' }, timesLabel(layout)));
  }

  private barOf(vmId: string): SVGGElement | undefined {
    for (const g of this.bars.querySelectorAll<SVGGElement>('[data-vm-id]')) if (g.getAttribute('data-vm-id') === vmId) return g;
    return undefined;
  }

  private scrollToVm(vmId: string): void {
    const layout = this.layout;
    const rowIndex = layout?.rowOfVm.get(vmId);
    if (!layout || rowIndex === undefined) return;
    const row = layout.rows[rowIndex];
    const viewHeight = this.scroller.clientHeight - AXIS_HEIGHT_PX;
    if (row.y < this.scroller.scrollTop || row.y + row.height > this.scroller.scrollTop + viewHeight) {
      this.scroller.scrollTop = Math.max(0, row.y - viewHeight / 2);
    }
    if (row.kind === 'vm') {
      const x1 = this.xAt(row.vm.startEpochMs);
      const x2 = this.xAt(row.vm.endEpochMs);
      const viewWidth = this.scroller.clientWidth - LABEL_WIDTH_PX;
      if (x2 < this.scroller.scrollLeft || x1 > this.scroller.scrollLeft + viewWidth) this.scroller.scrollLeft = Math.max(0, x1 - viewWidth / 4);
    }
  }

  /** The VM `step` rows away from the selected one (wave headers skipped). */
  private neighbour(step: number): string | undefined {
    const layout = this.layout;
    if (!layout) return undefined;
    const vmRows = layout.rows;
    let i = this.selected !== undefined ? layout.rowOfVm.get(this.selected) ?? -1 : -1;
    if (i < 0) i = step > 0 ? -1 : vmRows.length;
    for (let j = i + Math.sign(step); j >= 0 && j < vmRows.length; j += Math.sign(step)) {
      const row = vmRows[j];
      if (row.kind === 'vm') return row.vm.id;
    }
    return undefined;
  }

  private edge(last: boolean): string | undefined {
    const rows = this.layout?.rows ?? [];
    for (let k = 0; k < rows.length; k++) {
      const row = rows[last ? rows.length - 1 - k : k];
      if (row.kind === 'vm') return row.vm.id;
    }
    return undefined;
  }

  private onKey(e: KeyboardEvent): void {
    const onStep = this.stepOf((e.target as Element | null)?.closest?.('[data-step-key]')?.getAttribute('data-step-key'));
    if (onStep && (e.key === 'Enter' || e.key === ' ')) {
      e.preventDefault();
      this.callbacks.revealStep(onStep.step);
      return;
    }
    const onBar = (e.target as Element | null)?.closest?.('[data-vm-id]')?.getAttribute('data-vm-id') ?? undefined;
    let next: string | undefined;
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp':
        if (onBar !== undefined && this.selected !== onBar) this.selected = onBar;
        next = this.neighbour(e.key === 'ArrowDown' ? 1 : -1);
        break;
      case 'Home':
      case 'End':
        if (onBar === undefined) return;
        next = this.edge(e.key === 'End');
        break;
      case 'Enter':
      case ' ':
        if (onBar === undefined) return;
        e.preventDefault();
        this.callbacks.select(onBar, true);
        return;
      case 'ArrowLeft':
      case 'ArrowRight':
        e.preventDefault();
        this.scroller.scrollLeft += (e.key === 'ArrowRight' ? 1 : -1) * Math.max(40, (this.scroller.clientWidth - LABEL_WIDTH_PX) / 10);
        return;
      case '+':
      case '=':
        e.preventDefault();
        this.zoomBy(ZOOM_STEP);
        return;
      case '-':
      case '_':
        e.preventDefault();
        this.zoomBy(1 / ZOOM_STEP);
        return;
      case '0':
        e.preventDefault();
        this.fitToWidth();
        return;
      default:
        return;
    }
    e.preventDefault();
    if (next === undefined) return;
    this.highlight(next, true);
    this.callbacks.select(next, false);
  }

  private onWheel(e: WheelEvent): void {
    if (!e.ctrlKey && !e.metaKey) return;
    e.preventDefault();
    this.zoomBy(e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, e.clientX);
  }

  private onClick(e: MouseEvent): void {
    const step = this.stepOf((e.target as Element | null)?.closest?.('[data-step-key]')?.getAttribute('data-step-key'));
    if (step) {
      this.callbacks.revealStep(step.step);
      return;
    }
    const hit = (e.target as Element | null)?.closest?.('[data-vm-id],[data-label-vm]');
    const id = hit?.getAttribute('data-vm-id') ?? hit?.getAttribute('data-label-vm');
    if (id === null || id === undefined) return;
    this.highlight(id, true);
    this.callbacks.select(id, true);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 || (e.target as Element).closest('[data-vm-id],[data-step-key]')) return;
    this.drag = { x: e.clientX, y: e.clientY, left: this.scroller.scrollLeft, top: this.scroller.scrollTop };
    this.scroller.classList.add('tl-dragging');
  }

  private onPointerMove(e: PointerEvent): void {
    if (!this.drag) return;
    this.scroller.scrollLeft = this.drag.left - (e.clientX - this.drag.x);
    this.scroller.scrollTop = this.drag.top - (e.clientY - this.drag.y);
  }

  private endDrag(): void {
    this.drag = undefined;
    this.scroller.classList.remove('tl-dragging');
  }

  private onPointerOver(e: PointerEvent): void {
    const other = this.otherTooltip(e.target as Element | null);
    if (other) return this.placeTooltip(other, e.clientX + 12, e.clientY + 14);
    const g = (e.target as Element | null)?.closest?.('[data-vm-id]');
    if (!g) return this.hideTooltip();
    this.showTooltip(g.getAttribute('data-vm-id') ?? '', e.clientX + 12, e.clientY + 14);
  }

  private onFocus(e: FocusEvent): void {
    const other = this.otherTooltip(e.target as Element | null);
    if (other) {
      const r = (e.target as Element).getBoundingClientRect();
      return this.placeTooltip(other, r.left, r.bottom + 6);
    }
    const g = (e.target as Element | null)?.closest?.('[data-vm-id]');
    if (!g) return;
    const r = g.getBoundingClientRect();
    this.showTooltip(g.getAttribute('data-vm-id') ?? '', r.left, r.bottom + 6);
  }

  private showTooltip(vmId: string, clientX: number, clientY: number): void {
    const layout = this.layout;
    const rowIndex = layout?.rowOfVm.get(vmId);
    const row = rowIndex !== undefined ? layout?.rows[rowIndex] : undefined;
    if (!row || row.kind !== 'vm') return;
    this.placeTooltip(vmTooltipLines(row.vm, row.wave, this.details[vmId]), clientX, clientY);
  }

  /** Tooltip lines for a step bar or a rollback span under `target`, if it is on one. */
  private otherTooltip(target: Element | null): string[] | undefined {
    const step = this.stepOf(target?.closest?.('[data-step-key]')?.getAttribute('data-step-key'));
    if (step) return stepTooltipLines(step.step, step.wave);
    const rb = target?.closest?.('[data-rollback-wave]')?.getAttribute('data-rollback-wave');
    const wave = rb !== undefined && rb !== null ? this.schedule?.waves.find((w) => w.index === Number(rb)) : undefined;
    return wave?.rollback ? rollbackTooltipLines(wave.rollback, wave) : undefined;
  }

  private placeTooltip(lines: readonly string[], clientX: number, clientY: number): void {
    clear(this.tooltip);
    for (const line of lines) this.tooltip.append(el('div', {}, line));
    this.tooltip.hidden = false;
    const maxX = window.innerWidth - this.tooltip.offsetWidth - 8;
    const maxY = window.innerHeight - this.tooltip.offsetHeight - 8;
    this.tooltip.style.left = `${Math.max(4, Math.min(clientX, maxX))}px`;
    this.tooltip.style.top = `${Math.max(4, clientY > maxY ? clientY - this.tooltip.offsetHeight - 24 : clientY)}px`;
  }

  private hideTooltip(): void {
    this.tooltip.hidden = true;
  }
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
