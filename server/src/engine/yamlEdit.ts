/**
 * Minimal, formatting-preserving text edits on a runbook: every edit replaces a source range found
 * through the YAML AST (`range`s), never a re-serialised document, so comments, quoting, flow or
 * block style and line endings elsewhere stay byte-for-byte as the user wrote them.
 */
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Span } from './text';

/** An edit by offsets; converted to an LSP TextEdit at the service boundary. */
export interface OffsetEdit {
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/** Applies non-overlapping edits (any order) to `text`. */
export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.newText + out.slice(e.end);
  return out;
}

/** The document's line break: CRLF when its first line break is one. */
export function lineEndingOf(text: string): string {
  const i = text.indexOf('\n');
  return i > 0 && text[i - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The file's indentation unit: the indentation of the first block child under a top-level key
 * (2 when the file has none yet).
 */
export function indentUnitOf(text: string): number {
  const re = /^([^\s#-][^\n]*:[ \t]*(?:#[^\n]*)?\r?\n)(?:[ \t]*(?:#[^\n]*)?\r?\n)*( +)\S/gm;
  const m = re.exec(text);
  if (m) {
    const n = m[2].length;
    if (n >= 1 && n <= 8) return n;
  }
  return 2;
}

export function spaces(n: number): string {
  return ' '.repeat(Math.max(0, n));
}

/** Start of the line that holds `offset`. */
export function lineStartAt(text: string, offset: number): number {
  let i = offset;
  while (i > 0 && text[i - 1] !== '\n' && text[i - 1] !== '\r') i--;
  return i;
}

/** End of the line that holds `offset`, before its line break. */
export function lineEndAt(text: string, offset: number): number {
  let i = offset;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

/** Offset just past the line break of the line holding `offset` (or the text end). */
export function nextLineStart(text: string, offset: number): number {
  let i = lineEndAt(text, offset);
  if (text[i] === '\r') i++;
  if (text[i] === '\n') i++;
  return i;
}

/** Column (UTF-16 units from the line start) of `offset`. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStartAt(text, offset);
}

/** Where a node's own content ends: its range end with trailing whitespace and line breaks dropped. */
export function contentEnd(text: string, node: Node): number {
  const range = node.range;
  if (!range) return 0;
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  return end;
}

export function keyOf(pair: Pair): string | undefined {
  const key = pair.key as Node | null;
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

export function pairOf(map: Node | null | undefined, key: string): Pair | undefined {
  if (!isMap(map)) return undefined;
  for (const p of (map as YAMLMap).items) if (keyOf(p) === key) return p;
  return undefined;
}

/** The node at a path of keys and sequence indices from the document root. */
export function nodeAtPath(document: Document.Parsed, path: readonly (string | number)[]): Node | null | undefined {
  let node = document.contents as Node | null | undefined;
  for (const step of path) {
    if (typeof step === 'number') {
      if (!isSeq(node)) return undefined;
      node = (node as YAMLSeq).items[step] as Node | null | undefined;
    } else {
      const p = pairOf(node, step);
      if (!p) return undefined;
      node = p.value as Node | null | undefined;
    }
  }
  return node;
}

/** The pair reached by `path` + `key`, with its parent map. */
export function pairAtPath(document: Document.Parsed, path: readonly (string | number)[], key: string): { map: YAMLMap; pair: Pair } | undefined {
  const map = nodeAtPath(document, path);
  if (!isMap(map)) return undefined;
  const pair = pairOf(map, key);
  return pair ? { map: map as YAMLMap, pair } : undefined;
}

/** Span of a scalar's content: inside the quotes for a quoted scalar. */
export function scalarInnerSpan(text: string, scalar: Scalar): Span {
  const range = scalar.range ?? [0, 0, 0];
  const quoted = scalar.type === 'QUOTE_DOUBLE' || scalar.type === 'QUOTE_SINGLE';
  if (quoted && range[1] - range[0] >= 2) return { start: range[0] + 1, end: range[1] - 1 };
  let end = range[1];
  while (end > range[0] && /\s/.test(text[end - 1])) end--;
  return { start: range[0], end };
}

/** True when `value` written plain would read back as exactly this string. */
export function isPlainSafe(value: string): boolean {
  if (value === '' || value !== value.trim()) return false;
  if (/^[-?:,[\]{}#&*!|>'"%@`]/.test(value) && !/^-[^\s]/.test(value)) return false;
  if (/: |:$| #|[\r\n\t]/.test(value)) return false;
  if (/^[,[\]{}]|[,[\]{}]/.test(value)) return false;
  // Words and numbers the YAML core schema reads as other types.
  if (/^(?:true|false|null|~|yes|no|on|off)$/i.test(value)) return false;
  if (/^[-+]?(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$|^0x[0-9a-fA-F]+$|^0o[0-7]+$|^[-+]?\.(?:inf|Inf|INF)$|^\.(?:nan|NaN|NAN)$/.test(value)) return false;
  if (/^\d{4}-\d\d-\d\d/.test(value)) return false;
  return true;
}

/** A scalar written the way it is safest: plain when unambiguous, else double-quoted. */
export function formatScalar(value: string): string {
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

/**
 * The edit that replaces a scalar's value and keeps its quoting style: inside the quotes when it
 * was quoted (escaped for that style), plain when plain is safe, else double-quoted.
 */
export function replaceScalarEdit(text: string, scalar: Scalar, value: string): OffsetEdit {
  const range = scalar.range ?? [0, 0, 0];
  if (scalar.type === 'QUOTE_DOUBLE') {
    const inner = scalarInnerSpan(text, scalar);
    return { ...inner, newText: JSON.stringify(value).slice(1, -1) };
  }
  if (scalar.type === 'QUOTE_SINGLE') {
    const inner = scalarInnerSpan(text, scalar);
    return { ...inner, newText: value.replace(/'/g, "''") };
  }
  const inner = scalarInnerSpan(text, scalar);
  return { start: inner.start, end: Math.max(inner.end, range[0]), newText: formatScalar(value) };
}

/** Offset just after the `:` that follows a block pair's key (or the key end if none is found). */
export function afterColon(text: string, pair: Pair): number {
  const key = pair.key as Node;
  let i = key.range ? key.range[1] : 0;
  // A quoted key's range ends after the quote; skip spaces to the indicator.
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return text[i] === ':' ? i + 1 : key.range ? key.range[1] : 0;
}

/**
 * Inserts `key: value` as the last entry of a mapping, keeping the mapping's style: a new line at
 * the entries' column for a block mapping, `, key: value` before `}` for a flow mapping. `map` may
 * be null for a key with an empty value (`window:`): the entry is then nested under `owner`.
 */
export function insertEntryEdit(text: string, map: YAMLMap, entry: string): OffsetEdit | undefined {
  const eol = lineEndingOf(text);
  if (map.flow) {
    const end = contentEnd(text, map);
    if (text[end - 1] !== '}') return undefined;
    const lastPair = map.items[map.items.length - 1];
    const lastNode = (lastPair?.value as Node | null) ?? (lastPair?.key as Node | null);
    if (!lastNode?.range) return { start: end - 1, end: end - 1, newText: ` ${entry} ` };
    // Right after the last entry, so the spacing before `}` stays as written.
    const at = contentEnd(text, lastNode);
    return { start: at, end: at, newText: `, ${entry}` };
  }
  const first = map.items[0];
  const last = map.items[map.items.length - 1];
  if (!first || !last) return undefined;
  const column = columnOf(text, (first.key as Node).range?.[0] ?? 0);
  const lastNode = (last.value as Node | null) ?? (last.key as Node);
  const end = lineEndAt(text, contentEnd(text, lastNode));
  return { start: end, end, newText: `${eol}${spaces(column)}${entry}` };
}

/** Lines `[start, end)` covering a block sequence item, from its dash line through its last line. */
export function blockItemLines(text: string, item: Node): Span {
  const start = lineStartAt(text, item.range?.[0] ?? 0);
  const end = nextLineStart(text, contentEnd(text, item));
  return { start, end };
}

/**
 * Removes items `[from, to)` of a sequence with one edit, keeping the rest as written: for a flow
 * sequence the items with their separating commas, for a block sequence their whole lines.
 */
export function removeSeqItemsEdit(text: string, seq: YAMLSeq, from: number, to: number): OffsetEdit | undefined {
  const items = seq.items as Node[];
  if (from < 0 || to > items.length || from >= to) return undefined;
  if (items.slice(from, to).some((i) => !i || !i.range)) return undefined;
  if (seq.flow) {
    if (from === 0 && to === items.length) {
      const range = seq.range ?? [0, 0];
      return { start: range[0] + 1, end: contentEnd(text, seq) - 1, newText: '' };
    }
    if (from > 0) return { start: contentEnd(text, items[from - 1]), end: contentEnd(text, items[to - 1]), newText: '' };
    return { start: items[from].range![0], end: items[to].range![0], newText: '' };
  }
  // Block items go with their whole lines. Later items are cut from the end of the line before
  // them, so the edit never reaches past the sequence's last line (an insertion may follow it).
  if (from > 0) return { start: lineEndAt(text, contentEnd(text, items[from - 1])), end: lineEndAt(text, contentEnd(text, items[to - 1])), newText: '' };
  const start = blockItemLines(text, items[from]).start;
  const end = to < items.length ? lineStartAt(text, items[to].range![0]) : blockItemLines(text, items[to - 1]).end;
  return { start, end, newText: '' };
}

/** Deep-most node whose range contains `offset` (keys included), with the chain of ancestors. */
export function nodeChainAt(root: Node | null | undefined, offset: number): Node[] {
  const chain: Node[] = [];
  let node = root;
  while (node && node.range && offset >= node.range[0] && offset <= node.range[1]) {
    chain.push(node);
    let next: Node | undefined;
    if (isMap(node)) {
      for (const p of (node as YAMLMap).items) {
        const k = p.key as Node | null;
        const v = p.value as Node | null;
        if (k?.range && offset >= k.range[0] && offset <= k.range[1]) { next = k; break; }
        if (v?.range && offset >= v.range[0] && offset <= v.range[1]) { next = v; break; }
      }
    } else if (isSeq(node)) {
      for (const i of (node as YAMLSeq).items as (Node | null)[]) {
        if (i?.range && offset >= i.range[0] && offset <= i.range[1]) { next = i; break; }
      }
    }
    if (!next || next === node) break;
    node = next;
  }
  return chain;
}
