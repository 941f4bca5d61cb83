/**
 * Quick fixes, driven by the engine's FixData in `diagnostic.data`. Each fix is a minimal text edit
 * on source ranges from the YAML AST (see yamlEdit.ts): comments, quoting, flow/block style, the
 * file's indentation unit and its line endings are kept everywhere else.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { CodeActionKind, TextEdit, type CodeAction, type Diagnostic } from 'vscode-languageserver-types';
import type { Analysis } from '../engine/analyze';
import type { FixData } from '../engine/findings';
import { formatDuration } from '../../../shared/src/units/quantity';
import { isoWithOffset } from '../../../shared/src/units/time';
import {
  afterColon,
  applyOffsetEdits,
  columnOf,
  contentEnd,
  formatScalar,
  indentUnitOf,
  insertEntryEdit,
  lineEndAt,
  lineEndingOf,
  lineStartAt,
  nodeAtPath,
  nodeChainAt,
  pairOf,
  removeSeqItemsEdit,
  replaceScalarEdit,
  scalarInnerSpan,
  spaces,
  type OffsetEdit,
} from '../engine/yamlEdit';

/** Placeholder values for a created VM: valid, and marked so the planner replaces them. */
export const NEW_VM_PLACEHOLDERS = { memory: '8 GiB', workload: 'moderate', disk: '100 GiB' } as const;

/** A fix computed against the analysed text: a title and its edits (offsets). */
export interface Fix {
  readonly title: string;
  readonly edits: readonly OffsetEdit[];
  readonly isPreferred?: boolean;
}

/** Narrows `diagnostic.data` (untrusted JSON from the client) to FixData. */
export function asFixData(data: unknown): FixData | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  const str = (k: string): boolean => typeof d[k] === 'string';
  const int = (k: string): boolean => Number.isInteger(d[k]) && (d[k] as number) >= 0;
  switch (d.fix) {
    case 'replace-value':
      return str('replacement') ? (d as unknown as FixData) : undefined;
    case 'add-key':
      return Array.isArray(d.path) && d.path.every((s) => typeof s === 'string' || Number.isInteger(s)) && str('key') && str('value') ? (d as unknown as FixData) : undefined;
    case 'split-wave':
      return int('waveIndex') ? (d as unknown as FixData) : undefined;
    case 'set-concurrency':
      return int('waveIndex') && int('concurrency') && (d.concurrency as number) >= 1 ? (d as unknown as FixData) : undefined;
    case 'set-transport':
      return str('linkId') && d.transport === 'wan-optimized' ? (d as unknown as FixData) : undefined;
    case 'break-cycle':
      return str('vmId') && int('dependencyIndex') ? (d as unknown as FixData) : undefined;
    case 'create-vm':
      return str('vmId') ? (d as unknown as FixData) : undefined;
    default:
      return undefined;
  }
}

/** The quick fix for one finding's FixData at `offset` (the diagnostic's start), if it applies. */
export function fixFor(analysis: Analysis, fix: FixData, offset: number): Fix | undefined {
  switch (fix.fix) {
    case 'replace-value':
      return replaceValue(analysis, fix.replacement, offset);
    case 'add-key':
      return addKey(analysis, fix.path, fix.key, fix.value);
    case 'split-wave':
      return splitWave(analysis, fix.waveIndex);
    case 'set-concurrency':
      return setConcurrency(analysis, fix.waveIndex, fix.concurrency);
    case 'set-transport':
      return setTransport(analysis, fix.linkId);
    case 'break-cycle':
      return breakCycle(analysis, fix.vmId, fix.dependencyIndex);
    case 'create-vm':
      return createVm(analysis, fix.vmId);
  }
}

/** LSP code actions for the diagnostics of a request that carry FixData. */
export function codeActions(analysis: Analysis, uri: string, diagnostics: readonly Diagnostic[]): CodeAction[] {
  const out: CodeAction[] = [];
  for (const diagnostic of diagnostics) {
    const data = asFixData(diagnostic.data);
    if (!data) continue;
    const fix = fixFor(analysis, data, analysis.lineIndex.offsetAt(diagnostic.range.start));
    if (!fix || fix.edits.length === 0) continue;
    const edits = fix.edits.map((e) => TextEdit.replace(analysis.lineIndex.rangeOf({ start: e.start, end: e.end }), e.newText));
    out.push({
      title: fix.title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred: fix.isPreferred,
      edit: { changes: { [uri]: edits } },
    });
  }
  return out;
}

/** Applies a fix to the analysed text (tests and the CLI's `--fix` use this). */
export function applyFix(analysis: Analysis, fix: Fix): string {
  return applyOffsetEdits(analysis.text, fix.edits);
}

// ---------------------------------------------------------------------------------------------

function replaceValue(analysis: Analysis, replacement: string, offset: number): Fix | undefined {
  const chain = nodeChainAt(analysis.document.contents as Node | null, offset);
  const scalar = [...chain].reverse().find((n) => isScalar(n)) as Scalar | undefined;
  if (!scalar?.range) return undefined;
  const inner = scalarInnerSpan(analysis.text, scalar);
  if (analysis.text.slice(inner.start, inner.end) === replacement) return undefined;
  return { title: `Change to '${replacement}'`, edits: [replaceScalarEdit(analysis.text, scalar, replacement)], isPreferred: true };
}

/**
 * A value from FixData as YAML text: numbers, booleans and flow collections are written as
 * given; any other text is a string, quoted when plain would read as something else.
 */
function yamlValueText(value: string): string {
  const v = value.trim();
  if (/^[-+]?(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(v) && String(Number(v)) === v) return v;
  if (v === 'true' || v === 'false') return v;
  if (/^\{.*\}$|^\[.*\]$/.test(v) && !v.includes('\n')) return v;
  return formatScalar(value);
}

function addKey(analysis: Analysis, path: readonly (string | number)[], key: string, value: string): Fix | undefined {
  const { text, document } = analysis;
  const entry = `${formatScalar(key)}: ${yamlValueText(value)}`;
  const title = `Add '${key}: ${value}'`;
  const node = nodeAtPath(document, path);
  if (isMap(node)) {
    if ((node as YAMLMap).items.length === 0) return emptyMapFill(analysis, node as YAMLMap, entry, title);
    const edit = insertEntryEdit(text, node as YAMLMap, entry);
    return edit ? { title, edits: [edit] } : undefined;
  }
  if (path.length === 0 && (node === null || node === undefined)) {
    return { title, edits: [{ start: 0, end: 0, newText: `${entry}${lineEndingOf(text)}` }] };
  }
  // A key with no value yet (`window:`): nest the entry under it.
  const owner = ownerPair(analysis, path);
  if (owner && (owner.pair.value === null || (isScalar(owner.pair.value) && (owner.pair.value as Scalar).value === null))) {
    return { title, edits: [nestUnder(analysis, owner.pair, entry)] };
  }
  return undefined;
}

/** `{}` -> `{ key: value }`. */
function emptyMapFill(analysis: Analysis, map: YAMLMap, entry: string, title: string): Fix | undefined {
  if (!map.flow || !map.range) return undefined;
  const end = contentEnd(analysis.text, map);
  return { title, edits: [{ start: map.range[0], end, newText: `{ ${entry} }` }] };
}

function ownerPair(analysis: Analysis, path: readonly (string | number)[]): { pair: Pair } | undefined {
  if (path.length === 0) return undefined;
  const last = path[path.length - 1];
  if (typeof last !== 'string') return undefined;
  const parent = nodeAtPath(analysis.document, path.slice(0, -1));
  const pair = pairOf(parent, last);
  return pair ? { pair } : undefined;
}

/** Replaces an empty value after `key:` with a block mapping holding `entry`. */
function nestUnder(analysis: Analysis, pair: Pair, entry: string): OffsetEdit {
  const { text } = analysis;
  const colon = afterColon(text, pair);
  const keyColumn = columnOf(text, (pair.key as Node).range?.[0] ?? 0);
  const eol = lineEndingOf(text);
  // Keep a trailing comment on the key's line where it is.
  return { start: colon, end: colon, newText: `${eol}${spaces(keyColumn + indentUnitOf(text))}${entry}` };
}

function waveNode(analysis: Analysis, waveIndex: number): YAMLMap | undefined {
  const node = nodeAtPath(analysis.document, ['waves', waveIndex]);
  return isMap(node) ? (node as YAMLMap) : undefined;
}

/** Sets `key` of a mapping to a raw YAML value: replaces the scalar, or adds the entry. */
export function setEntry(analysis: Analysis, map: YAMLMap, key: string, valueText: string): OffsetEdit | undefined {
  const pair = pairOf(map, key);
  const value = pair?.value as Node | null | undefined;
  if (pair && isScalar(value) && value.range && (value as Scalar).value !== null) {
    const inner = scalarInnerSpan(analysis.text, value as Scalar);
    // Replace the whole scalar with its quotes: the new value is plain YAML.
    return { start: value.range[0], end: Math.max(inner.end + (inner.start > value.range[0] ? 1 : 0), value.range[0]), newText: valueText };
  }
  if (pair && (value === null || value === undefined || (isScalar(value) && (value as Scalar).value === null))) {
    const colon = afterColon(analysis.text, pair);
    return { start: colon, end: colon, newText: ` ${valueText}` };
  }
  if (pair) return undefined;
  return insertEntryEdit(analysis.text, map, `${key}: ${valueText}`);
}

function setConcurrency(analysis: Analysis, waveIndex: number, concurrency: number): Fix | undefined {
  const wave = waveNode(analysis, waveIndex);
  if (!wave) return undefined;
  const edit = setEntry(analysis, wave, 'concurrency', String(concurrency));
  const name = analysis.model.waves.find((w) => w.index === waveIndex)?.name?.value ?? `wave ${waveIndex + 1}`;
  return edit ? { title: `Set concurrency of '${name}' to ${concurrency}`, edits: [edit], isPreferred: true } : undefined;
}

function setTransport(analysis: Analysis, linkId: string): Fix | undefined {
  const link = pairOf(nodeAtPath(analysis.document, ['links']), linkId)?.value as Node | null | undefined;
  if (!isMap(link)) return undefined;
  const edit = setEntry(analysis, link as YAMLMap, 'transport', 'wan-optimized');
  return edit ? { title: `Use a WAN-optimized transport on link '${linkId}'`, edits: [edit] } : undefined;
}

function breakCycle(analysis: Analysis, vmId: string, dependencyIndex: number): Fix | undefined {
  const vm = pairOf(nodeAtPath(analysis.document, ['vms']), vmId)?.value as Node | null | undefined;
  const pair = pairOf(vm, 'depends_on');
  const seq = pair?.value as Node | null | undefined;
  if (!pair || !isSeq(seq)) return undefined;
  const items = (seq as YAMLSeq).items as (Node | null)[];
  const item = items[dependencyIndex];
  if (!isScalar(item)) return undefined;
  const title = `Remove the dependency of '${vmId}' on '${String((item as Scalar).value)}'`;
  if (!(seq as YAMLSeq).flow && items.length === 1) {
    // The list's only item: leave an empty flow list rather than a key with no value.
    return { title, edits: [{ start: afterColon(analysis.text, pair), end: contentEnd(analysis.text, seq), newText: ' []' }] };
  }
  const edit = removeSeqItemsEdit(analysis.text, seq as YAMLSeq, dependencyIndex, dependencyIndex + 1);
  return edit ? { title, edits: [edit] } : undefined;
}

function createVm(analysis: Analysis, vmId: string): Fix | undefined {
  const { text, document } = analysis;
  if (analysis.model.vms.has(vmId)) return undefined;
  const eol = lineEndingOf(text);
  const unit = indentUnitOf(text);
  const title = `Create VM '${vmId}' in vms`;
  const root = document.contents as Node | null;
  const vmsPair = pairOf(root, 'vms');
  const vms = vmsPair?.value as Node | null | undefined;
  const body = (column: number, childColumn: number): string =>
    [
      `${spaces(column)}${formatScalar(vmId)}:  # placeholder values: set the real memory, workload and disk`,
      `${spaces(childColumn)}memory: ${NEW_VM_PLACEHOLDERS.memory}`,
      `${spaces(childColumn)}workload: ${NEW_VM_PLACEHOLDERS.workload}`,
      `${spaces(childColumn)}disk: ${NEW_VM_PLACEHOLDERS.disk}`,
    ].join(eol);
  if (isMap(vms) && !(vms as YAMLMap).flow && (vms as YAMLMap).items.length > 0) {
    const items = (vms as YAMLMap).items;
    const column = columnOf(text, (items[0].key as Node).range?.[0] ?? 0);
    // Child indentation as the existing VMs have it.
    const firstBlock = items.map((p) => p.value as Node | null).find((v) => isMap(v) && !(v as YAMLMap).flow && (v as YAMLMap).items.length > 0) as YAMLMap | undefined;
    const childColumn = firstBlock ? columnOf(text, (firstBlock.items[0].key as Node).range?.[0] ?? 0) : column + unit;
    const last = items[items.length - 1];
    const end = lineEndAt(text, contentEnd(text, (last.value as Node | null) ?? (last.key as Node)));
    return { title, edits: [{ start: end, end, newText: `${eol}${body(column, childColumn)}` }] };
  }
  if (vmsPair && (vms === null || vms === undefined || (isScalar(vms) && (vms as Scalar).value === null) || (isMap(vms) && (vms as YAMLMap).items.length === 0))) {
    const keyColumn = columnOf(text, (vmsPair.key as Node).range?.[0] ?? 0);
    const colon = afterColon(text, vmsPair);
    const end = vms && (vms as Node).range ? contentEnd(text, vms as Node) : colon;
    return { title, edits: [{ start: colon, end: Math.max(colon, end), newText: `${eol}${body(keyColumn + unit, keyColumn + 2 * unit)}` }] };
  }
  if (!vmsPair && (isMap(root) || root === null)) {
    const tail = text.length > 0 && !/\n$/.test(text) ? eol : '';
    return { title, edits: [{ start: text.length, end: text.length, newText: `${tail}vms:${eol}${body(unit, 2 * unit)}${eol}` }] };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Split an overrunning wave

/**
 * Moves the second half of a wave's VMs into a new wave right after it: a copy of the wave's own
 * text (same link, concurrency, comments and style) named `<name> (part 2)`, whose window starts
 * when the first one ends. Two edits: remove those VMs from the first wave, insert the copy.
 */
function splitWave(analysis: Analysis, waveIndex: number): Fix | undefined {
  const { text } = analysis;
  const node = waveNode(analysis, waveIndex);
  const wave = analysis.model.waves.find((w) => w.index === waveIndex);
  if (!node?.range || !wave) return undefined;
  const vmsPair = pairOf(node, 'vms');
  const seq = vmsPair?.value as Node | null | undefined;
  if (!isSeq(seq)) return undefined;
  const items = (seq as YAMLSeq).items as (Node | null)[];
  if (items.length < 2 || items.some((i) => !i?.range)) return undefined;
  const keep = Math.ceil(items.length / 2);

  // The wave item's lines: from its dash line through its last content line.
  const itemStart = lineStartAt(text, node.range[0]);
  const itemEnd = lineEndAt(text, contentEnd(text, node));
  const copyEdits: OffsetEdit[] = [];
  const removeSecondHalf = removeSeqItemsEdit(text, seq as YAMLSeq, keep, items.length);
  const removeFirstHalf = removeSeqItemsEdit(text, seq as YAMLSeq, 0, keep);
  if (!removeSecondHalf || !removeFirstHalf) return undefined;
  copyEdits.push(removeFirstHalf);

  const baseName = wave.name?.value ?? `Wave ${waveIndex + 1}`;
  const newName = `${baseName} (part 2)`;
  const namePair = pairOf(node, 'name');
  if (isScalar(namePair?.value) && (namePair!.value as Scalar).range) copyEdits.push(replaceScalarEdit(text, namePair!.value as Scalar, newName));
  const startPair = pairOf(pairOf(node, 'window')?.value as Node | null, 'start');
  const window = wave.window;
  if (isScalar(startPair?.value) && window?.startEpochMs && window.durationSeconds) {
    const end = window.startEpochMs.value + window.durationSeconds.value * 1000;
    copyEdits.push(replaceScalarEdit(text, startPair!.value as Scalar, isoWithOffset(end, window.utcOffsetMinutes ?? 0)));
  }

  // Build the copy by applying the edits to the item's text (offsets shifted to the slice).
  const slice = text.slice(itemStart, itemEnd);
  const local = copyEdits
    .filter((e) => e.start >= itemStart && e.end <= itemEnd)
    .map((e) => ({ start: e.start - itemStart, end: e.end - itemStart, newText: e.newText }));
  if (local.length !== copyEdits.length) return undefined;
  const copy = applyOffsetEdits(slice, local);
  const eol = lineEndingOf(text);
  const moved = items.length - keep;
  const window2 = window?.durationSeconds ? `, starting when its window (${formatDuration(window.durationSeconds.value)}) ends` : '';
  return {
    title: `Split '${baseName}': move its last ${moved} VM${moved === 1 ? '' : 's'} to a new wave${window2}`,
    edits: [removeSecondHalf, { start: itemEnd, end: itemEnd, newText: `${eol}${copy}` }],
  };
}
