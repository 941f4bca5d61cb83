/**
 * Incremental re-parse. Parsing is most of an analysis (docs/performance.md), and a keystroke in a
 * 5,000-VM runbook changes one VM. When an edit stays inside one item of a top-level block section
 * (one VM under `vms:`, one wave under `waves:`), only that item's lines are parsed again, as a
 * small YAML document of their own, and its nodes are spliced into the previous document with
 * offsets shifted. Anything this cannot prove equivalent to a full parse falls back to one: syntax
 * errors before or after, edits crossing items or touching an item's first-line indentation,
 * anchors, aliases, tags, tabs, comments that could attach to a neighbour, flow sections, document
 * markers. incremental.test.ts checks both paths agree on random edits.
 *
 * The previous document is MODIFIED in place (its nodes are reused): the caller must drop the
 * previous parse once it has the new one.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type Range } from 'yaml';
import type { DocumentMemo } from './memo';
import { documentFindings, parseYaml, PARSE_OPTIONS, type ParsedYaml } from './parse';

export interface Reparse {
  readonly parsed: ParsedYaml;
  /** Why a full parse was needed (undefined when one item was re-parsed). */
  readonly fullReason?: string;
  /** What changed since the previous text, when there was one. */
  readonly change?: Change;
}

/** The parse of `text`, reusing `previous` (a parse of an earlier text) where that is safe. */
export function reparse(previous: ParsedYaml | undefined, text: string, memo: DocumentMemo): Reparse {
  if (!previous) return { parsed: parseYaml(text, memo), fullReason: 'no previous parse' };
  const change = diffTexts(previous.text, text);
  const spliced = trySplice(previous, text, change, memo);
  if (typeof spliced === 'string') return { parsed: parseYaml(text, memo), fullReason: spliced, change };
  return { parsed: spliced, change };
}

export interface Change {
  /** First changed offset (same in both texts). */
  readonly start: number;
  /** End of the changed part in the old text. */
  readonly oldEnd: number;
  /** newText.length - oldText.length */
  readonly delta: number;
}

/** The one region that differs between the texts (common prefix and suffix excluded). */
export function diffTexts(oldText: string, newText: string): Change {
  const limit = Math.min(oldText.length, newText.length);
  // Whole blocks first (a substring comparison is a memory compare; a 20,000-VM runbook is 3 MB),
  // then character by character inside the first block that differs.
  let start = 0;
  while (start + DIFF_BLOCK <= limit && oldText.substring(start, start + DIFF_BLOCK) === newText.substring(start, start + DIFF_BLOCK)) start += DIFF_BLOCK;
  while (start < limit && oldText.charCodeAt(start) === newText.charCodeAt(start)) start++;
  let suffix = 0;
  const maxSuffix = limit - start;
  const oldLength = oldText.length;
  const newLength = newText.length;
  while (suffix + DIFF_BLOCK <= maxSuffix && oldText.substring(oldLength - suffix - DIFF_BLOCK, oldLength - suffix) === newText.substring(newLength - suffix - DIFF_BLOCK, newLength - suffix)) suffix += DIFF_BLOCK;
  while (suffix < maxSuffix && oldText.charCodeAt(oldLength - 1 - suffix) === newText.charCodeAt(newLength - 1 - suffix)) suffix++;
  return { start, oldEnd: oldLength - suffix, delta: newLength - oldLength };
}

const DIFF_BLOCK = 1024;

function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Characters that make an item's meaning depend on text outside it (or on the parser's mode). */
const UNSAFE = /[&*!\t%]|<</;

function trySplice(previous: ParsedYaml, text: string, change: Change, memo: DocumentMemo): ParsedYaml | string {
  const oldText = previous.text;
  const document = previous.document;
  if (document.errors.length > 0 || document.warnings.length > 0) return 'the previous text had syntax errors';
  if (oldText === text) return { text, document, findings: previous.findings };
  const root = document.contents as Node | null;
  if (!isMap(root) || root.flow) return 'the root is not a block mapping';

  // The top-level section and its item around the change.
  const sections = root.items as Pair[];
  const s = indexAround(sections.map((p) => (p.key as Node | null)?.range?.[0] ?? -1), change.start);
  if (s < 0) return 'the edit is before the first section';
  const section = sections[s].value as Node | null;
  if (!(isMap(section) || isSeq(section)) || section.flow || !section.range) return 'the edit is not inside a block section';
  const items = section.items as (Pair | Node)[];
  const starts = items.map((item) => (isPair(item) ? (item.key as Node | null)?.range?.[0] : (item as Node | null)?.range?.[0]) ?? -1);
  if (starts.some((x) => x < 0)) return 'an item has no source range';
  const i = indexAround(starts, change.start);
  if (i < 0) return 'the edit is before the first item';

  // The item's lines: from its first line up to the next item (or the next section).
  const regionStart = lineStartOf(oldText, starts[i]);
  // The last item of a section is followed by a less indented line that would end the small document.
  if (i + 1 >= items.length) return 'the edit is in the last item of its section';
  const regionEnd = lineStartOf(oldText, starts[i + 1]);
  if (regionEnd <= regionStart || oldText.charCodeAt(regionEnd - 1) !== 10) return 'the next item does not start on its own line';
  const column = starts[i] - regionStart;
  const indicator = isSeq(section) ? 2 : 0; // "- "
  const firstContent = regionStart + column - indicator;
  // The edit must leave the item's first-line indentation and its final newline alone.
  if (change.start < firstContent + indicator || change.oldEnd > regionEnd - 1) return 'the edit crosses an item boundary';

  const oldRegion = oldText.slice(regionStart, regionEnd);
  const newRegion = text.slice(regionStart, regionEnd + change.delta);
  if (UNSAFE.test(oldRegion) || UNSAFE.test(newRegion)) return 'the item has anchors, aliases, tags, tabs or directives';
  const shapeProblem = regionShapeProblem(newRegion, column - indicator, indicator > 0);
  if (shapeProblem) return shapeProblem;

  // The next item's first line goes along: where a node ends depends on what follows it.
  const nextLineEnd = oldText.indexOf('\n', regionEnd);
  if (nextLineEnd < 0) return 'the next item is on the last line';
  const sub = parseDocument(newRegion + oldText.slice(regionEnd, nextLineEnd + 1), PARSE_OPTIONS);
  if (sub.errors.length > 0 || sub.warnings.length > 0) return 'the edited item has syntax errors';
  if (sub.comment || sub.commentBefore) return 'the edited item has comments outside its nodes';
  const subRoot = sub.contents as Node | null;
  let replacement: Pair | Node;
  if (isMap(section)) {
    if (!isMap(subRoot) || subRoot.flow || subRoot.items.length !== 2) return 'the edited text is not one map entry';
    const pair = subRoot.items[0] as Pair;
    const key = pair.key as Node | null;
    if (!isScalar(key) || !key.range || key.range[0] !== column) return 'the edited entry moved';
    const oldKey = (items[i] as Pair).key as Node;
    key.spaceBefore = oldKey.spaceBefore;
    key.commentBefore = oldKey.commentBefore;
    replacement = pair;
  } else {
    if (!isSeq(subRoot) || subRoot.flow || subRoot.items.length !== 2) return 'the edited text is not one list item';
    const item = subRoot.items[0] as Node | null;
    if (!item || !item.range || item.range[0] !== column) return 'the edited item moved';
    const oldItem = items[i] as Node;
    item.spaceBefore = oldItem.spaceBefore;
    item.commentBefore = oldItem.commentBefore;
    replacement = item;
  }

  // Splice: new nodes to absolute offsets, everything after the item moved by delta.
  shiftItem(replacement, regionStart, 0);
  for (let k = i + 1; k < items.length; k++) shiftItem(items[k], change.delta, 0);
  for (let k = s + 1; k < sections.length; k++) shiftItem(sections[k], change.delta, 0);
  // Ancestors (section, root, document) keep their start; their ends move.
  shiftEnd(section.range, change.delta);
  if (root.range) shiftEnd(root.range, change.delta);
  const docRange = (document as unknown as { range?: Range }).range;
  if (docRange) shiftEnd(docRange, change.delta);
  items[i] = replacement;
  return { text, document, findings: documentFindings(document, text, memo) };
}

/** Index of the last start <= offset (starts ascending), or -1. */
function indexAround(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid] <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * The item's text must be one item at `indent`: its first line starts there (after "- " for a list
 * item) with content, every later line is blank or indented deeper, and it does not end in a
 * comment line (which a full parse could give to the next item).
 */
function regionShapeProblem(region: string, indent: number, listItem: boolean): string | undefined {
  const lines = region.split('\n');
  lines.pop(); // the text after the final newline is empty
  const first = lines[0] ?? '';
  const lead = first.length - first.trimStart().length;
  if (lead !== indent) return 'the item\'s indentation changed';
  const rest = first.slice(indent);
  if (listItem ? !/^- \S/.test(rest) || rest.startsWith('- #') : rest === '' || rest.startsWith('#') || rest.startsWith('-')) return 'the item\'s first line changed shape';
  let lastContentIsComment = false;
  for (let k = 1; k < lines.length; k++) {
    const line = lines[k];
    const trimmed = line.trimStart();
    if (trimmed === '' || trimmed === '\r') continue;
    if (line.length - trimmed.length <= indent) return 'a line of the item is not indented under it';
    lastContentIsComment = trimmed.startsWith('#');
  }
  if (lastContentIsComment) return 'the item ends with a comment line';
  return undefined;
}

function shiftEnd(range: Range, delta: number): void {
  range[1] += delta;
  range[2] += delta;
}

/** Adds `delta` to every source range in a node, pair or item (iteratively: deep documents are fine). */
function shiftItem(item: Pair | Node | null | undefined, delta: number, _depth: number): void {
  if (delta === 0) return;
  const stack: unknown[] = [item];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === null || node === undefined) continue;
    if (isPair(node)) {
      stack.push(node.key, node.value);
      continue;
    }
    const range = (node as Node).range;
    if (range) {
      range[0] += delta;
      range[1] += delta;
      range[2] += delta;
    }
    if (isMap(node) || isSeq(node)) for (const child of node.items as unknown[]) stack.push(child);
  }
}

export type { Document };
