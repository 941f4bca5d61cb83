/**
 * Inlay hints: each VM's estimate after its key line (`≈ 12 min · stun 0.4 s`) and each wave's
 * duration against its window after its name line. VM hints are made only for the VMs in the
 * requested range (found by binary search over the VMs in document order); the few wave and step
 * hints of a version are built once. Scrolling a 128,000-line runbook costs O(log n + hints shown).
 */
import type { InlayHint, Range } from 'vscode-languageserver-types';
import type { Analysis } from '../engine/analyze';
import type { Vm } from '../engine/model';
import { formatDuration, formatDurationRange } from '../../../shared/src/units/quantity';
import { formatLocalTime } from '../../../shared/src/units/time';
import { waveFitLabel } from '../../../shared/src/timeline/layout';

/** `22:45` in the window's offset (the date is on the wave's hint). */
function formatClock(epochMs: number, utcOffsetMinutes: number): string {
  const text = formatLocalTime(epochMs, utcOffsetMinutes);
  return /^\d/.test(text) ? text.slice(11, 16) : text;
}

export interface HintOptions {
  readonly vmEstimate: boolean;
  readonly waveFit: boolean;
}

interface LineHint {
  readonly kind: 'vm' | 'wave' | 'step';
  readonly line: number;
  readonly hint: InlayHint;
}

/**
 * Where a hint goes on a key line: after its content, before a trailing `# comment` (and the spaces
 * before it), so `stun01:   # expect: RB205 …` shows `stun01: ≈ 5 min …   # expect…` instead of a
 * hint after the comment, off the right edge.
 */
function endOfLine(analysis: Analysis, offset: number): { line: number; character: number } {
  const line = analysis.lineIndex.positionAt(offset).line;
  const start = analysis.lineIndex.lineStart(line);
  return { line, character: contentEnd(analysis.text.slice(start, analysis.lineIndex.lineEnd(line))) };
}

/** Length of a YAML line without its trailing comment and trailing blanks (`#` in quotes is text). */
export function contentEnd(lineText: string): number {
  let quote: '"' | "'" | undefined;
  let end = lineText.length;
  for (let i = 0; i < lineText.length; i++) {
    const c = lineText[i];
    if (quote === '"' && c === '\\') {
      i++;
      continue;
    }
    if (quote) {
      if (quote === "'" && c === "'" && lineText[i + 1] === "'") i++; // '' is a quote inside '…'
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") {
      // A quote opens a scalar only where one can start (after a blank, `:`, `[`, `{`, `,` or `-`).
      const before = i === 0 ? ' ' : lineText[i - 1];
      if (/[\s:[{,-]/.test(before)) quote = c;
      continue;
    }
    if (c === '#' && (i === 0 || lineText[i - 1] === ' ' || lineText[i - 1] === '\t')) {
      end = i;
      break;
    }
  }
  return lineText.slice(0, end).trimEnd().length;
}

function vmHint(analysis: Analysis, vm: Vm): LineHint | undefined {
  const estimate = analysis.estimate.vms.get(vm.id);
  if (!estimate) return undefined;
  const position = endOfLine(analysis, vm.keySpan.start);
  // A VM whose pre-copy cannot converge: with SDPS (5.0+) it is timed throttled and the hint says
  // so; without (4.x) it fails, and the un-throttled stun would mislead: "no convergence".
  const tail = estimate.sdpsGuestSpeed !== undefined
    ? `SDPS-throttled · stun ${formatDuration(estimate.switchoverSeconds)}`
    : estimate.memoryConverges === false ? 'no convergence' : `stun ${formatDuration(estimate.switchoverSeconds)}`;
  const label = `≈ ${formatDurationRange(estimate.lowSeconds, estimate.highSeconds)} · ${tail}`;
  return { kind: 'vm', line: position.line, hint: { position, label, paddingLeft: true, tooltip: `Estimated migration time of ${vm.id} (low-high; likely ${formatDuration(estimate.totalSeconds)}) and its switchover (stun); hover the VM for the breakdown and what drives the range.` } };
}

/** The VMs by the offset of their key (document order, as the model keeps them; sorted if not), once per analysis. */
function vmsByOffset(analysis: Analysis): readonly Vm[] {
  return analysis.memo.derived(analysis, 'inlayHints.vmsByOffset', () => {
    const list = [...analysis.model.vms.values()];
    if (list.some((vm, k) => k > 0 && list[k - 1].keySpan.start > vm.keySpan.start)) list.sort((a, b) => a.keySpan.start - b.keySpan.start);
    return list;
  });
}

function vmHintsIn(analysis: Analysis, range: Range): LineHint[] {
  const from = analysis.lineIndex.lineStart(range.start.line);
  const to = analysis.lineIndex.lineEnd(range.end.line);
  const vms = vmsByOffset(analysis);
  const out: LineHint[] = [];
  for (let i = firstAtOrAfter(vms, from, (vm) => vm.keySpan.start); i < vms.length && vms[i].keySpan.start <= to; i++) {
    const hint = vmHint(analysis, vms[i]);
    if (hint) out.push(hint);
  }
  return out;
}

/** Wave and step hints of a version (a few hundred at most), built once. */
function buildHints(analysis: Analysis): readonly LineHint[] {
  const out: LineHint[] = [];
  for (const wave of analysis.estimate.schedule.waves) {
    const source = analysis.model.waves.find((w) => w.index === wave.index);
    if (!source) continue;
    const position = endOfLine(analysis, source.name?.span.start ?? source.span.start);
    out.push({ kind: 'wave', line: position.line, hint: { position, label: waveFitLabel(wave), paddingLeft: true, tooltip: 'Estimated wave duration against its maintenance window.' } });
  }
  // Each step's start after its id line (best case, worst in brackets), shown with the wave hints.
  for (const wave of analysis.estimate.schedule.waves) {
    const source = analysis.model.waves.find((w) => w.index === wave.index);
    if (!source) continue;
    for (const st of wave.steps ?? []) {
      const step = [...source.steps.before, ...source.steps.after].find((s) => s.id.value === st.stepId && s.phase === st.phase && !s.fromDefaults);
      if (!step) continue;
      const position = endOfLine(analysis, step.id.span.start);
      const best = formatClock(st.bestStartEpochMs, wave.utcOffsetMinutes);
      const worst = formatClock(st.worstStartEpochMs, wave.utcOffsetMinutes);
      const label = `starts ${best}${worst !== best ? ` (worst ${worst})` : ''}`;
      out.push({ kind: 'step', line: position.line, hint: { position, label, paddingLeft: true, tooltip: `Scheduled start of step ${st.stepId} in the window's time zone; hover the step for its end and what it waits for.` } });
    }
  }
  return out.sort((a, b) => a.line - b.line);
}

/** Index of the first item whose key is >= `value` (items sorted by key). */
function firstAtOrAfter<T>(items: readonly T[], value: number, keyOf: (item: T) => number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (keyOf(items[mid]) < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export function getInlayHints(analysis: Analysis, range: Range, options: HintOptions): InlayHint[] {
  if (!options.vmEstimate && !options.waveFit) return [];
  const inRange: LineHint[] = options.vmEstimate ? vmHintsIn(analysis, range) : [];
  if (options.waveFit) {
    const hints = analysis.memo.derived(analysis, 'inlayHints.waveAndStepHints', () => buildHints(analysis));
    for (let i = firstAtOrAfter(hints, range.start.line, (h) => h.line); i < hints.length && hints[i].line <= range.end.line; i++) inRange.push(hints[i]);
  }
  return inRange.sort((a, b) => a.line - b.line).map((h) => h.hint);
}
