/**
 * The timeline as one standalone HTML page: the SVG chart, the waves (fit and rollback), and tables
 * of the same data (VMs; runbook steps when there are any). No script
 * at all, and a CSP that forbids any (defence in depth should an escape ever be missed); styles
 * inline, nothing fetched.
 */
import type { ScheduleResult, TimelineVmDetail } from '../protocol';
import { formatDuration } from '../units/quantity';
import { escapeXml } from './escape';
import { instantText, planHeadline, stepDurationText, stepOverruns, stepTimeText, vmOverruns, vmProblemLines, vmRangeText, vmSeverity, waveFitText, waveProblemCounts, waveProblemsText, waveRollbackText } from './layout';
import { renderSvgElement } from './svg';

export interface HtmlOptions {
  readonly details?: Readonly<Record<string, TimelineVmDetail>>;
  readonly fallbackTitle?: string;
}

export function renderHtml(schedule: ScheduleResult, options: HtmlOptions = {}): string {
  const title = schedule.name ?? options.fallbackTitle ?? 'Runbook';
  const waves = new Map(schedule.waves.map((w) => [w.index, w]));
  const rows = schedule.vms.map((vm) => {
    const wave = waves.get(vm.waveIndex);
    const overrun = vmOverruns(vm, wave);
    const cells = [
      wave ? `${wave.index + 1}. ${wave.name}` : '',
      vm.id,
      vm.name ?? '',
      instantText(wave, vm.startEpochMs),
      instantText(wave, vm.endEpochMs),
      `≈ ${vmRangeText(vm)} (likely ${formatDuration(vm.totalSeconds)})`,
      vm.critical ? 'yes' : '',
      [...vmProblemLines(vm), ...(overrun ? [vm.converges ? 'ends after the window' : 'does not converge'] : [])].join('; '),
    ];
    return `<tr${overrun || vmSeverity(vm) === 'error' ? ' class="overrun"' : ''}>${cells.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`;
  });
  const waveItems = schedule.waves.map((w) => {
    const rollback = waveRollbackText(w);
    const counts = waveProblemCounts(schedule, w.index);
    const problems = waveProblemsText(counts);
    return `<li${w.fits === false || counts.failing > 0 ? ' class="overrun"' : ''}>${escapeXml(`${w.index + 1}. ${w.name}: ${waveFitText(w)}${problems ? ` · ${problems}` : ''}${rollback ? `; ${rollback}` : ''}`)}</li>`;
  });
  const stepRows = (schedule.steps ?? []).map((step) => {
    const wave = waves.get(step.waveIndex);
    const offset = wave?.utcOffsetMinutes ?? 0;
    const overrun = stepOverruns(step, wave);
    const cells = [
      wave ? `${wave.index + 1}. ${wave.name}` : '',
      step.id,
      step.title ?? '',
      `${step.kind}, ${step.phase} the migrations`,
      step.owner ?? '',
      stepTimeText(step.bestStartEpochMs, step.worstStartEpochMs, offset, wave?.relativeOriginEpochMs),
      stepTimeText(step.bestEndEpochMs, step.worstEndEpochMs, offset, wave?.relativeOriginEpochMs),
      stepDurationText(step),
      overrun ? 'ends after the window (worst case)' : '',
    ];
    return `<tr${overrun ? ' class="overrun"' : ''}>${cells.map((c) => `<td>${escapeXml(c)}</td>`).join('')}</tr>`;
  });
  const stepsTable = stepRows.length === 0 ? '' : `
<table>
<caption>Runbook steps (best case; the worst case in brackets)</caption>
<thead><tr><th scope="col">Wave</th><th scope="col">Step</th><th scope="col">Title</th><th scope="col">Kind</th><th scope="col">Owner</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Duration</th><th scope="col">Problem</th></tr></thead>
<tbody>
${stepRows.join('\n')}
</tbody>
</table>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(`Timeline of ${title}`)}</title>
<style>
body { font: 13px system-ui, -apple-system, "Segoe UI", sans-serif; color: #333; background: #fff; margin: 16px; }
h1 { font-size: 18px; margin: 0 0 4px; }
.chart { overflow-x: auto; border: 1px solid #ddd; }
table { border-collapse: collapse; margin-top: 16px; }
th, td { text-align: left; padding: 2px 8px; border-bottom: 1px solid #eee; }
.overrun, .overrun td { color: #e51400; }
</style>
</head>
<body>
<h1>${escapeXml(title)}</h1>
<p>${escapeXml(planHeadline(schedule))}</p>
<ul>${waveItems.join('')}</ul>
<div class="chart">
${renderSvgElement(schedule, { details: options.details, fallbackTitle: options.fallbackTitle })}
</div>
<table>
<caption>Every VM of the plan</caption>
<thead><tr><th scope="col">Wave</th><th scope="col">VM</th><th scope="col">Name</th><th scope="col">Start</th><th scope="col">End</th><th scope="col">Duration</th><th scope="col">Critical path</th><th scope="col">Problem</th></tr></thead>
<tbody>
${rows.join('\n')}
</tbody>
</table>${stepsTable}
</body>
</html>
`;
}
