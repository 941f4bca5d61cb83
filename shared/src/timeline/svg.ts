/**
 * The timeline as a standalone SVG: the same rows, lanes, bars, arrows and axis as the webview
 * (layout.ts), drawn for the whole plan at a fixed width. Self-contained (no network: styles inline,
 * no fonts or images fetched); every runbook string escaped.
 */
import type { ScheduleResult, TimelineVmDetail } from '../protocol';
import { escapeXml } from './escape';
import {
  AXIS_HEIGHT_PX,
  BAR_HEIGHT_PX,
  LABEL_WIDTH_PX,
  MIN_BAR_WIDTH_PX,
  PHASE_LABELS,
  axisTicks,
  layoutRows,
  planHeadline,
  stepHasRange,
  stepTitle,
  stepTooltipLines,
  vmHasRange,
  vmOverruns,
  vmRangeEndEpochMs,
  vmRangeStartEpochMs,
  vmRangeText,
  vmTitle,
  vmTooltipLines,
  waveFitText,
  xOf,
} from './layout';
import { offsetLabel } from '../units/time';

export const HEADER_HEIGHT_PX = 48;
const DEFAULT_CHART_WIDTH_PX = 1200;

/** Light-theme colours of VS Code's chart palette: exports have no theme to read. */
export const EXPORT_STYLE = `
.tl-text { font: 12px system-ui, -apple-system, "Segoe UI", sans-serif; fill: #333333; }
.tl-title { font-size: 15px; font-weight: 600; }
.tl-muted { fill: #616161; }
.tl-lane-name { font-weight: 600; }
.tl-window { fill: #1a85ff; fill-opacity: 0.08; stroke: #1a85ff; stroke-opacity: 0.5; }
.tl-window.tl-overrun { stroke: #e51400; stroke-opacity: 1; }
.tl-overrun-zone { fill: #e51400; fill-opacity: 0.12; }
.tl-grid { stroke: #c8c8c8; stroke-width: 1; }
.tl-grid.tl-major { stroke: #8a8a8a; }
.tl-phase-seed { fill: #652d90; }
.tl-phase-disk { fill: #1a85ff; }
.tl-phase-memory { fill: #388a34; }
.tl-phase-switchover { fill: #d18616; }
.tl-vm.tl-overrun .tl-phase { fill: #e51400; }
.tl-critical-mark { fill: #bf8803; }
.tl-vm.tl-critical .tl-phase { stroke: #bf8803; stroke-width: 1.5; }
.tl-arrow { stroke: #616161; fill: none; stroke-width: 1; }
.tl-arrow.tl-critical { stroke: #bf8803; stroke-width: 1.5; }
.tl-error { fill: #e51400; }
.tl-step-bar { fill: url(#tl-step-hatch); stroke: #0097a7; stroke-width: 1.5; }
.tl-step-whisker { stroke: #0097a7; stroke-width: 1.5; }
.tl-vm-whisker { stroke: #6c6c6c; stroke-width: 1.5; fill: none; }
`;

function n(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export interface SvgOptions {
  readonly chartWidthPx?: number;
  readonly details?: Readonly<Record<string, TimelineVmDetail>>;
  /** Name for the title when the plan has none (e.g. the file name). */
  readonly fallbackTitle?: string;
}

/** The chart's SVG element (no XML declaration), for the SVG file and the HTML page. */
export function renderSvgElement(schedule: ScheduleResult, options: SvgOptions = {}): string {
  const layout = layoutRows(schedule);
  const chartWidth = options.chartWidthPx ?? DEFAULT_CHART_WIDTH_PX;
  const pxPerMs = chartWidth / (layout.endEpochMs - layout.startEpochMs);
  const width = LABEL_WIDTH_PX + chartWidth;
  const top = HEADER_HEIGHT_PX + AXIS_HEIGHT_PX;
  const height = top + layout.heightPx + 8;
  const x = (ms: number) => LABEL_WIDTH_PX + xOf(ms, layout, pxPerMs);
  const title = schedule.name ?? options.fallbackTitle ?? 'Runbook';
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${n(width)}" height="${n(height)}" viewBox="0 0 ${n(width)} ${n(height)}" role="img" aria-label="${escapeXml(`Timeline of ${title}`)}">`);
  out.push(`<title>${escapeXml(`Timeline of ${title}`)}</title>`);
  out.push(`<style>${EXPORT_STYLE}</style>`);
  out.push('<defs><marker id="tl-arrowhead" viewBox="0 0 6 6" refX="6" refY="3" markerWidth="6" markerHeight="6" orient="auto"><path d="M0,0 L6,3 L0,6 z" fill="#616161"/></marker>'
    + '<pattern id="tl-step-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#0097a7" fill-opacity="0.15"/><line x1="0" y1="0" x2="0" y2="6" stroke="#0097a7" stroke-width="2"/></pattern></defs>');
  out.push(`<rect x="0" y="0" width="${n(width)}" height="${n(height)}" fill="#ffffff"/>`);
  // Header: plan name, total, fit, counts.
  out.push(`<text class="tl-text tl-title" x="8" y="20">${escapeXml(title)}</text>`);
  out.push(`<text class="tl-text tl-muted" x="8" y="40">${escapeXml(planHeadline(schedule))}</text>`);
  // Axis.
  const ticks = axisTicks(layout.startEpochMs, layout.endEpochMs, pxPerMs, layout.utcOffsetMinutes);
  out.push(`<text class="tl-text tl-muted" x="8" y="${n(HEADER_HEIGHT_PX + 22)}">${escapeXml(`Times in ${offsetLabel(layout.utcOffsetMinutes)}`)}</text>`);
  for (const t of ticks) {
    const tx = x(t.epochMs);
    out.push(`<line class="tl-grid${t.major ? ' tl-major' : ''}" x1="${n(tx)}" y1="${n(HEADER_HEIGHT_PX + 26)}" x2="${n(tx)}" y2="${n(top + layout.heightPx)}"/>`);
    out.push(`<text class="tl-text tl-muted" x="${n(tx + 3)}" y="${n(HEADER_HEIGHT_PX + 22)}">${escapeXml(t.label)}</text>`);
  }
  out.push(`<g transform="translate(0 ${top})">`);
  // Lanes: the window shaded, the part past the window in the error colour.
  for (const lane of layout.lanes) {
    const w = lane.wave;
    const overrun = w.fits === false;
    if (w.windowStartEpochMs !== undefined && w.windowEndEpochMs !== undefined) {
      out.push(`<rect class="tl-window${overrun ? ' tl-overrun' : ''}" x="${n(x(w.windowStartEpochMs))}" y="${n(lane.top)}" width="${n(Math.max(1, (w.windowEndEpochMs - w.windowStartEpochMs) * pxPerMs))}" height="${n(lane.bottom - lane.top)}"/>`);
      if (w.endEpochMs > w.windowEndEpochMs) {
        out.push(`<rect class="tl-overrun-zone" x="${n(x(w.windowEndEpochMs))}" y="${n(lane.top)}" width="${n((w.endEpochMs - w.windowEndEpochMs) * pxPerMs)}" height="${n(lane.bottom - lane.top)}"/>`);
      }
    }
  }
  const arrows: string[] = [];
  for (const row of layout.rows) {
    if (row.kind === 'wave') {
      const w = row.wave;
      out.push(`<text class="tl-text tl-lane-name${w.fits === false ? ' tl-error' : ''}" x="8" y="${n(row.y + 16)}">${escapeXml(`${w.index + 1}. ${w.name}`)}</text>`);
      out.push(`<text class="tl-text${w.fits === false ? ' tl-error' : ' tl-muted'}" x="${n(LABEL_WIDTH_PX + 4)}" y="${n(row.y + 16)}">${escapeXml(waveFitText(w))}</text>`);
      continue;
    }
    if (row.kind === 'rollback') continue;
    if (row.kind === 'step') {
      // Outlined and hatched: a person's or a script's work, not a data transfer.
      const st = row.step;
      const barY = row.y + (row.height - BAR_HEIGHT_PX) / 2;
      out.push(`<text class="tl-text" x="16" y="${n(row.y + 15)}">${escapeXml(truncate(`▸ ${stepTitle(st)}`, 30))}</text>`);
      out.push(`<g class="tl-step" data-step-id="${escapeXml(st.id)}"><title>${escapeXml(stepTooltipLines(st, row.wave).join('\n'))}</title>`);
      out.push(`<rect class="tl-step-bar" x="${n(x(st.bestStartEpochMs))}" y="${n(barY)}" width="${n(Math.max(MIN_BAR_WIDTH_PX, (st.bestEndEpochMs - st.bestStartEpochMs) * pxPerMs))}" height="${BAR_HEIGHT_PX}"/>`);
      if (stepHasRange(st)) {
        const mid = barY + BAR_HEIGHT_PX / 2;
        const wx = x(st.worstEndEpochMs);
        out.push(`<path class="tl-step-whisker" d="M${n(x(st.bestEndEpochMs))},${n(mid)} H${n(wx)} M${n(wx)},${n(barY + 2)} V${n(barY + BAR_HEIGHT_PX - 2)}"/>`);
      }
      out.push('</g>');
      continue;
    }
    const vm = row.vm;
    const overrun = vmOverruns(vm, row.wave);
    const barY = row.y + (row.height - BAR_HEIGHT_PX) / 2;
    const classes = `tl-vm${overrun ? ' tl-overrun' : ''}${vm.critical ? ' tl-critical' : ''}`;
    out.push(`<text class="tl-text${overrun ? ' tl-error' : ''}" x="16" y="${n(row.y + 15)}">${escapeXml(truncate(vmTitle(vm), 30))}</text>`);
    out.push(`<g class="${classes}" data-vm-id="${escapeXml(vm.id)}">`);
    out.push(`<title>${escapeXml(vmTooltipLines(vm, row.wave, options.details?.[vm.id]).join('\n'))}</title>`);
    for (const p of vm.phases) {
      if (p.kind === 'switchover') {
        // A marker: the stun is seconds long, invisible at plan scale.
        const sx = x(p.startEpochMs);
        out.push(`<path class="tl-phase tl-phase-switchover" d="M${n(sx)},${n(barY - 2)} l4,${n(BAR_HEIGHT_PX / 2 + 2)} l-4,${n(BAR_HEIGHT_PX / 2 + 2)} l-4,-${n(BAR_HEIGHT_PX / 2 + 2)} z"><title>${escapeXml(PHASE_LABELS.switchover)}</title></path>`);
        continue;
      }
      const px = x(p.startEpochMs);
      const pw = Math.max(MIN_BAR_WIDTH_PX, (p.endEpochMs - p.startEpochMs) * pxPerMs);
      out.push(`<rect class="tl-phase tl-phase-${p.kind}" x="${n(px)}" y="${n(barY)}" width="${n(pw)}" height="${BAR_HEIGHT_PX}"><title>${escapeXml(PHASE_LABELS[p.kind])}</title></rect>`);
    }
    if (vm.phases.length === 0) {
      out.push(`<rect class="tl-phase tl-phase-memory" x="${n(x(vm.startEpochMs))}" y="${n(barY)}" width="${n(Math.max(MIN_BAR_WIDTH_PX, (vm.endEpochMs - vm.startEpochMs) * pxPerMs))}" height="${BAR_HEIGHT_PX}"/>`);
    }
    if (vmHasRange(vm)) {
      // The range: a whisker from the low end to the high end of the VM's time, through the bar's end.
      const mid = barY + BAR_HEIGHT_PX / 2;
      const lowX = x(vmRangeStartEpochMs(vm));
      const highX = x(vmRangeEndEpochMs(vm));
      out.push(`<path class="tl-vm-whisker" d="M${n(lowX)},${n(mid)} H${n(highX)} M${n(lowX)},${n(barY + 2)} V${n(barY + BAR_HEIGHT_PX - 2)} M${n(highX)},${n(barY + 2)} V${n(barY + BAR_HEIGHT_PX - 2)}"><title>${escapeXml(`Range ≈ ${vmRangeText(vm)}`)}</title></path>`);
    }
    if (vm.critical) out.push(`<rect class="tl-critical-mark" x="${n(x(vm.startEpochMs))}" y="${n(barY + BAR_HEIGHT_PX + 1)}" width="${n(Math.max(MIN_BAR_WIDTH_PX, (vm.endEpochMs - vm.startEpochMs) * pxPerMs))}" height="2"/>`);
    out.push('</g>');
    for (const dep of vm.dependsOn) {
      const from = layout.rowOfVm.get(dep);
      if (from === undefined) continue;
      const source = layout.rows[from];
      if (source.kind !== 'vm') continue;
      const critical = vm.critical && source.vm.critical;
      arrows.push(`<path class="tl-arrow${critical ? ' tl-critical' : ''}" marker-end="url(#tl-arrowhead)" d="${arrowPath(x(source.vm.endEpochMs), source.y + source.height / 2, x(vm.startEpochMs), row.y + row.height / 2)}"/>`);
    }
  }
  out.push(...arrows);
  out.push('</g></svg>');
  return out.join('\n');
}

/** An elbow from the end of the dependency's bar to the start of the dependent's. */
export function arrowPath(x1: number, y1: number, x2: number, y2: number): string {
  const mid = Math.max(x1 + 4, Math.min(x2 - 4, (x1 + x2) / 2));
  return `M${n(x1)},${n(y1)} H${n(mid)} V${n(y2)} H${n(x2)}`;
}

function truncate(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A standalone SVG file. */
export function renderSvg(schedule: ScheduleResult, options: SvgOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderSvgElement(schedule, options)}\n`;
}
