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
  LEGEND_ITEMS,
  timesLabel,
  PHASE_LABELS,
  gapLabel,
  gapTitle,
  layoutRows,
  scaleTicks,
  planHeadline,
  stepHasRange,
  stepTitle,
  stepTooltipLines,
  vmHasRange,
  vmOverruns,
  vmRangeEndEpochMs,
  vmRangeStartEpochMs,
  vmRangeText,
  vmSeverity,
  vmTitle,
  vmTooltipLines,
  waveFitText,
  waveProblemCounts,
  waveProblemsText,
  xOf,
} from './layout';

export const HEADER_HEIGHT_PX = 48;
/** The legend's row under the chart. */
const LEGEND_HEIGHT_PX = 28;
/** Average advance of a 12 px system-ui character (bold a little wider): for fitting labels to their column. */
const CHAR_PX = 6.6;
const BOLD_CHAR_PX = 7.2;
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
.tl-vm.tl-problem-error .tl-phase { fill: #e51400; }
.tl-vm.tl-problem-warning .tl-phase { stroke: #bf8803; stroke-width: 2; }
.tl-severity-error { fill: #e51400; }
.tl-severity-warning { fill: #bf8803; }
.tl-gap { fill: #616161; fill-opacity: 0.08; }
.tl-gap-break { fill: none; stroke: #616161; }
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
  const pxPerMs = chartWidth / layout.spanMs;
  const width = LABEL_WIDTH_PX + chartWidth;
  const top = HEADER_HEIGHT_PX + AXIS_HEIGHT_PX;
  const height = top + layout.heightPx + 8 + LEGEND_HEIGHT_PX + 15 * (wrapWords(LEGEND_ITEMS.map((i) => i.text), Math.floor((width - 16) / (CHAR_PX * 0.92)), 'Key: ').length - 1);
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
  const ticks = scaleTicks(layout, 0, layout.spanMs, pxPerMs);
  out.push(`<text class="tl-text tl-muted" x="8" y="${n(HEADER_HEIGHT_PX + 22)}">${escapeXml(timesLabel(layout))}</text>`);
  // Compressed idle time: a band through the chart with its real length on the axis.
  for (const gap of layout.scale.gaps) {
    const gx = LABEL_WIDTH_PX + gap.atMs * pxPerMs;
    const gw = gap.widthMs * pxPerMs;
    out.push(`<g class="tl-gap-mark"><title>${escapeXml(gapTitle(gap, layout.utcOffsetMinutes, layout.relativeOriginEpochMs))}</title>`
      + `<rect class="tl-gap" x="${n(gx)}" y="${n(HEADER_HEIGHT_PX + 26)}" width="${n(gw)}" height="${n(AXIS_HEIGHT_PX - 26 + layout.heightPx)}"/>`
      + `<path class="tl-gap-break" d="M${n(gx)},${n(HEADER_HEIGHT_PX + 26)} l3,4 l-3,4 M${n(gx + gw)},${n(HEADER_HEIGHT_PX + 26)} l3,4 l-3,4"/>`
      // The length when it fits in the gap; the <title> has it always.
      + (gw >= gapLabel(gap).length * CHAR_PX * 0.85 + 6 ? `<text class="tl-text tl-muted" font-size="10" text-anchor="middle" x="${n(gx + gw / 2)}" y="${n(top - 1)}">${escapeXml(gapLabel(gap))}</text>` : '')
      + '</g>');
  }
  for (const t of ticks) {
    const tx = LABEL_WIDTH_PX + t.axisMs * pxPerMs;
    out.push(`<line class="tl-grid${t.major ? ' tl-major' : ''}" x1="${n(tx)}" y1="${n(HEADER_HEIGHT_PX + 26)}" x2="${n(tx)}" y2="${n(top + layout.heightPx)}"/>`);
    out.push(`<text class="tl-text tl-muted" x="${n(tx + 3)}" y="${n(HEADER_HEIGHT_PX + 22)}">${escapeXml(t.label)}</text>`);
  }
  out.push(`<g transform="translate(0 ${top})">`);
  // Lanes: the window shaded, the part past the window in the error colour.
  for (const lane of layout.lanes) {
    const w = lane.wave;
    const overrun = w.fits === false;
    if (w.windowStartEpochMs !== undefined && w.windowEndEpochMs !== undefined) {
      out.push(`<rect class="tl-window${overrun ? ' tl-overrun' : ''}" x="${n(x(w.windowStartEpochMs))}" y="${n(lane.top)}" width="${n(Math.max(1, x(w.windowEndEpochMs) - x(w.windowStartEpochMs)))}" height="${n(lane.bottom - lane.top)}"/>`);
      if (w.endEpochMs > w.windowEndEpochMs) {
        out.push(`<rect class="tl-overrun-zone" x="${n(x(w.windowEndEpochMs))}" y="${n(lane.top)}" width="${n(x(w.endEpochMs) - x(w.windowEndEpochMs))}" height="${n(lane.bottom - lane.top)}"/>`);
      }
    }
  }
  const arrows: string[] = [];
  for (const row of layout.rows) {
    if (row.kind === 'wave') {
      const w = row.wave;
      // The name stays in the label column (ellipsis, full name in a <title>); the fit starts after it.
      const problems = waveProblemsText(waveProblemCounts(schedule, w.index));
      out.push(labelText(`${w.index + 1}. ${w.name}`, 8, row.y + 16, LABEL_WIDTH_PX - 16, BOLD_CHAR_PX, `tl-text tl-lane-name${w.fits === false ? ' tl-error' : ''}`));
      out.push(`<text class="tl-text${w.fits === false ? ' tl-error' : ' tl-muted'}" x="${n(LABEL_WIDTH_PX + 4)}" y="${n(row.y + 16)}">${escapeXml(`${waveFitText(w)}${problems ? ` · ${problems}` : ''}`)}</text>`);
      continue;
    }
    if (row.kind === 'rollback') continue;
    if (row.kind === 'step') {
      // Outlined and hatched: a person's or a script's work, not a data transfer.
      const st = row.step;
      const barY = row.y + (row.height - BAR_HEIGHT_PX) / 2;
      out.push(labelText(`▸ ${stepTitle(st)}`, 16, row.y + 15, LABEL_WIDTH_PX - 24, CHAR_PX, 'tl-text'));
      out.push(`<g class="tl-step" data-step-id="${escapeXml(st.id)}"><title>${escapeXml(stepTooltipLines(st, row.wave).join('\n'))}</title>`);
      out.push(`<rect class="tl-step-bar" x="${n(x(st.bestStartEpochMs))}" y="${n(barY)}" width="${n(Math.max(MIN_BAR_WIDTH_PX, x(st.bestEndEpochMs) - x(st.bestStartEpochMs)))}" height="${BAR_HEIGHT_PX}"/>`);
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
    const severity = vmSeverity(vm);
    const classes = `tl-vm${overrun ? ' tl-overrun' : ''}${severity ? ` tl-problem-${severity}` : ''}${vm.critical ? ' tl-critical' : ''}`;
    out.push(labelText(vmTitle(vm), 16, row.y + 15, LABEL_WIDTH_PX - 24, vm.critical ? BOLD_CHAR_PX : CHAR_PX, `tl-text${overrun || severity === 'error' ? ' tl-error' : ''}${vm.critical ? ' tl-lane-name' : ''}`));
    if (severity) out.push(`<circle class="tl-severity-${severity}" cx="8" cy="${n(row.y + row.height / 2)}" r="3.5"/>`);
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
      const pw = Math.max(MIN_BAR_WIDTH_PX, x(p.endEpochMs) - px);
      out.push(`<rect class="tl-phase tl-phase-${p.kind}" x="${n(px)}" y="${n(barY)}" width="${n(pw)}" height="${BAR_HEIGHT_PX}"><title>${escapeXml(PHASE_LABELS[p.kind])}</title></rect>`);
    }
    if (vm.phases.length === 0) {
      out.push(`<rect class="tl-phase tl-phase-memory" x="${n(x(vm.startEpochMs))}" y="${n(barY)}" width="${n(Math.max(MIN_BAR_WIDTH_PX, x(vm.endEpochMs) - x(vm.startEpochMs)))}" height="${BAR_HEIGHT_PX}"/>`);
    }
    if (vmHasRange(vm)) {
      // The range: a whisker from the low end to the high end of the VM's time, through the bar's end.
      const mid = barY + BAR_HEIGHT_PX / 2;
      const lowX = x(vmRangeStartEpochMs(vm));
      const highX = x(vmRangeEndEpochMs(vm));
      out.push(`<path class="tl-vm-whisker" d="M${n(lowX)},${n(mid)} H${n(highX)} M${n(lowX)},${n(barY + 2)} V${n(barY + BAR_HEIGHT_PX - 2)} M${n(highX)},${n(barY + 2)} V${n(barY + BAR_HEIGHT_PX - 2)}"><title>${escapeXml(`Range ≈ ${vmRangeText(vm)}`)}</title></path>`);
    }
    if (vm.critical) out.push(`<rect class="tl-critical-mark" x="${n(x(vm.startEpochMs))}" y="${n(barY + BAR_HEIGHT_PX + 1)}" width="${n(Math.max(MIN_BAR_WIDTH_PX, x(vm.endEpochMs) - x(vm.startEpochMs)))}" height="2"/>`);
    // The VM's error or warning: a mark after its bar (and after its range's whisker).
    if (severity) out.push(`<circle class="tl-severity-${severity}" cx="${n(Math.max(x(vm.endEpochMs), x(vm.startEpochMs) + MIN_BAR_WIDTH_PX, vmHasRange(vm) ? x(vmRangeEndEpochMs(vm)) : 0) + 8)}" cy="${n(barY + BAR_HEIGHT_PX / 2)}" r="4"/>`);
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
  out.push('</g>');
  // The legend: what the marks mean (the page shows the same words).
  const legendLines = wrapWords(LEGEND_ITEMS.map((i) => i.text), Math.floor((width - 16) / (CHAR_PX * 0.92)), 'Key: ');
  legendLines.forEach((line, i) => {
    out.push(`<text class="tl-text tl-muted" font-size="11" x="8" y="${n(top + layout.heightPx + 8 + 16 + i * 15)}">${escapeXml(line)}</text>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

/** An elbow from the end of the dependency's bar to the start of the dependent's. */
export function arrowPath(x1: number, y1: number, x2: number, y2: number): string {
  const mid = Math.max(x1 + 4, Math.min(x2 - 4, (x1 + x2) / 2));
  return `M${n(x1)},${n(y1)} H${n(mid)} V${n(y2)} H${n(x2)}`;
}

/** Items joined by `; ` into lines of at most `maxChars` (an item is never split). */
function wrapWords(items: readonly string[], maxChars: number, prefix: string): string[] {
  const lines: string[] = [];
  let line = prefix;
  for (const item of items) {
    const next = line === prefix ? `${line}${item}` : `${line}; ${item}`;
    if (next.length > maxChars && line !== prefix) {
      lines.push(`${line};`);
      line = item;
    } else line = next;
  }
  lines.push(line);
  return lines;
}

/** `text` cut with an ellipsis to fit `maxPx` at `charPx` per character. */
export function fitText(text: string, maxPx: number, charPx: number): string {
  const max = Math.max(2, Math.floor(maxPx / charPx));
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}

/**
 * A label kept inside `maxPx`: cut with an ellipsis, the whole text in a <title> tooltip (always
 * there, so the markup does not depend on a name's length).
 */
function labelText(text: string, x: number, y: number, maxPx: number, charPx: number, cls: string): string {
  const shown = fitText(text, maxPx, charPx);
  return `<g><title>${escapeXml(text)}</title><text class="${cls}" x="${n(x)}" y="${n(y)}">${escapeXml(shown)}</text></g>`;
}

/** A standalone SVG file. */
export function renderSvg(schedule: ScheduleResult, options: SvgOptions = {}): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${renderSvgElement(schedule, options)}\n`;
}
