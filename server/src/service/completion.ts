/**
 * Completion: keys valid at the cursor (from the bundled JSON schema), enum values, units after a
 * number, and the ids a reference position accepts. Works while the user types, on lines the YAML
 * parser cannot make sense of yet: the YAML path comes from the text's indentation around the
 * cursor, and only the cached analysis (model) is consulted, so a request never re-parses.
 */
import {
  CompletionItemKind,
  InsertTextFormat,
  MarkupKind,
  TextEdit,
  type CompletionItem,
  type CompletionList,
  type Position,
  type Range,
} from 'vscode-languageserver-types';
import type { Analysis } from '../engine/analyze';
import { ANY_ITEM, runbookSchemaService, SchemaService, type JsonSchema, type PathSegment } from '../engine/schemaService';
import { unitsOf, type QuantityKind } from '../../../shared/src/units/quantity';
import type { IdKind } from './navigation';
import { formatScalar } from '../engine/yamlEdit';

/** Quantity kind of a value by its key (the model's reading of the same keys, model.ts). */
const QUANTITY_KEYS: Readonly<Record<string, QuantityKind>> = {
  memory: 'size', active_memory: 'size', vgpu_memory: 'size', disk: 'size', provisioned: 'size', used: 'size', hot_set: 'size', socket_buffer: 'size',
  bandwidth: 'rate', dirty_rate: 'rate', disk_change_rate: 'rate', vmotion_nic: 'rate',
  rtt: 'duration', duration: 'duration', rpo: 'duration',
  distance: 'distance',
  loss: 'percent', efficiency: 'percent', migration_share: 'percent',
};

function documentation(s: JsonSchema | undefined): { kind: 'markdown'; value: string } | undefined {
  const text = s?.markdownDescription ?? s?.description;
  return text ? { kind: MarkupKind.Markdown, value: text } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Reading the text around the cursor

interface LineShape {
  /** Column of the first non-space character (or the line length for a blank line). */
  readonly indent: number;
  /** Columns of leading `- ` sequence indicators. */
  readonly dashes: readonly number[];
  /** Column of the content after the dashes. */
  readonly contentCol: number;
  /** `key:` at contentCol, if the line has one. */
  readonly key?: string;
  /** The text after `key:` (comment removed, trimmed). */
  readonly value?: string;
  readonly blank: boolean;
}

const KEY_RE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#'"{[\]},:-][^#:]*?|-[^\s#:][^#:]*?)\s*:(?:\s+(.*)|$)/;

function unquote(key: string): string {
  if (key.startsWith('"')) {
    try {
      return JSON.parse(key) as string;
    } catch {
      return key.slice(1, -1);
    }
  }
  if (key.startsWith("'")) return key.slice(1, -1).replace(/''/g, "'");
  return key.trim();
}

function stripComment(value: string): string {
  const m = /(^|\s)#/.exec(value);
  return (m ? value.slice(0, m.index) : value).trim();
}

function shapeOf(line: string): LineShape {
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  const indent = i;
  if (i >= line.length || line[i] === '#') return { indent, dashes: [], contentCol: indent, blank: true };
  const dashes: number[] = [];
  while (line[i] === '-' && (i + 1 >= line.length || line[i + 1] === ' ')) {
    dashes.push(i);
    i++;
    while (line[i] === ' ') i++;
  }
  const rest = line.slice(i);
  const m = KEY_RE.exec(rest);
  if (m) return { indent, dashes, contentCol: i, key: unquote(m[1]), value: stripComment(m[2] ?? ''), blank: false };
  return { indent, dashes, contentCol: i, blank: false };
}

interface LineReader {
  readonly count: number;
  text(line: number): string;
  /** Leading spaces of `line`, counted up to `limit` + 1 at most (cheap: no string is made). */
  indentUpTo(line: number, limit: number): number;
}

function lineReader(analysis: Analysis): LineReader {
  const { text, lineIndex } = analysis;
  return {
    count: lineIndex.lineCount,
    text: (line) => text.slice(lineIndex.lineStart(line), lineIndex.lineEnd(line)),
    indentUpTo: (line, limit) => {
      const start = lineIndex.lineStart(line);
      let c = 0;
      while (c <= limit && text.charCodeAt(start + c) === 32) c++;
      return c;
    },
  };
}

/**
 * The YAML path of the block collection whose entries sit at column `column` (and, when
 * `isItem`, are `- ` items at that column), found by walking up to less-indented lines.
 * Cost: the lines between the cursor and its ancestors, each looked at once.
 */
function pathAbove(lines: LineReader, fromLine: number, column: number, isItem: boolean): PathSegment[] {
  const reversed: PathSegment[] = [];
  let threshold = column;
  let item = isItem;
  for (let l = fromLine - 1; l >= 0 && threshold >= 0; l--) {
    // Cheap skip: a line indented beyond the threshold cannot be an ancestor.
    const c = lines.indentUpTo(l, threshold);
    if (c > threshold || (c === threshold && !item)) continue;
    const shape = shapeOf(lines.text(l));
    if (shape.blank) continue;
    if (shape.indent > threshold || (shape.indent === threshold && !item)) continue;
    if (shape.indent === threshold) {
      // A sequence at the same column as its parent key (`waves:\n- name: x`).
      if (shape.dashes.length > 0 || shape.key === undefined || shape.value) continue;
      reversed.push(shape.key);
      threshold = shape.indent;
      item = false;
      if (threshold === 0) break;
      continue;
    }
    // shape.indent < threshold: this line holds our ancestor(s).
    const steps: PathSegment[] = [];
    for (const d of shape.dashes) if (d < threshold) steps.push(ANY_ITEM);
    if (shape.key !== undefined && shape.contentCol < threshold) steps.push(shape.key);
    reversed.push(...steps.reverse());
    // The outermost dash starts an item; its sequence may sit at its parent key's column.
    item = shape.dashes.length > 0;
    threshold = shape.indent;
    if (threshold === 0 && !item) break;
  }
  return reversed.reverse();
}

/** Keys already present in the block mapping whose keys sit at `column` around `line`. */
function siblingKeys(lines: LineReader, line: number, column: number): Set<string> {
  const keys = new Set<string>();
  // Lines indented deeper than the keys are skipped without reading them (big mappings stay cheap).
  const deeper = (l: number): boolean => lines.indentUpTo(l, column) > column;
  for (let l = line - 1; l >= 0; l--) {
    if (deeper(l)) continue;
    const shape = shapeOf(lines.text(l));
    if (shape.blank || shape.indent > column) continue;
    if (shape.contentCol === column && shape.key !== undefined) keys.add(shape.key);
    // A less-indented line ends the mapping; a `- key:` line at our column starts it.
    if (shape.indent < column) break;
  }
  for (let l = line + 1; l < lines.count; l++) {
    if (deeper(l)) continue;
    const shape = shapeOf(lines.text(l));
    if (shape.blank || shape.indent > column) continue;
    if (shape.indent < column) break;
    if (shape.key !== undefined && shape.dashes.length === 0) keys.add(shape.key);
  }
  return keys;
}

// ---------------------------------------------------------------------------------------------
// Completion

export interface CompletionOptions {
  readonly schema?: JsonSchema;
}

export function complete(analysis: Analysis, position: Position, options: CompletionOptions = {}): CompletionList {
  const walker = options.schema ? new SchemaService(options.schema) : runbookSchemaService();
  const lines = lineReader(analysis);
  const lineNo = Math.min(position.line, lines.count - 1);
  const lineText = lines.text(lineNo);
  const character = Math.min(position.character, lineText.length);
  const before = lineText.slice(0, character);
  const empty: CompletionList = { isIncomplete: false, items: [] };
  if (inComment(before)) return empty;

  const shape = shapeOf(before);
  const rangeFrom = (col: number): Range => ({ start: { line: lineNo, character: col }, end: { line: lineNo, character } });

  // Blank so far (`    |` or `  - |`): entries at the cursor column, or items of the dashes' sequence.
  const isItem = shape.dashes.length > 0;
  const contentCol = shape.blank ? character : shape.contentCol;
  const firstCol = isItem ? shape.dashes[0] : contentCol;
  const parentPath = pathAbove(lines, lineNo, firstCol, isItem);
  const basePath: PathSegment[] = [...parentPath, ...shape.dashes.map(() => ANY_ITEM)];

  if (shape.key === undefined) {
    const typed = before.slice(contentCol);
    if (/[{[]/.test(typed)) return empty;
    if (!/^[A-Za-z0-9_.-]*$/.test(typed)) return empty;
    const items: CompletionItem[] = [];
    // An item of a sequence of ids (`vms:` of a wave, `depends_on:`).
    if (isItem) items.push(...idItems(analysis, basePath, lineNo, position, rangeFrom(contentCol)), ...enumItems(walker, basePath, rangeFrom(contentCol), []));
    items.push(...keyItems(walker, basePath, siblingKeysFor(lines, lineNo, contentCol, isItem), rangeFrom(contentCol)));
    return { isIncomplete: false, items };
  }

  // `key: value|`: where does the value start, and is the cursor inside a flow collection?
  const valueStart = valueStartCol(before, shape.contentCol);
  const valuePath = [...basePath, shape.key];
  const valueText = before.slice(valueStart);
  const flow = flowContext(valueText);
  if (flow) {
    const col = valueStart + flow.offset;
    if (flow.kind === 'seq') {
      const itemPath = [...valuePath, ANY_ITEM];
      return { isIncomplete: false, items: [...idItems(analysis, itemPath, lineNo, position, rangeFrom(col), flow.present), ...enumItems(walker, itemPath, rangeFrom(col), flow.present)] };
    }
    if (flow.key === undefined) {
      return { isIncomplete: false, items: keyItems(walker, valuePath, new Set(flow.present), rangeFrom(col)) };
    }
    return { isIncomplete: false, items: valueItems(analysis, walker, [...valuePath, flow.key], flow.key, lineNo, position, valueText.slice(flow.offset), col, character) };
  }
  return { isIncomplete: false, items: valueItems(analysis, walker, valuePath, shape.key, lineNo, position, valueText, valueStart, character) };
}

/** Allowed words of a list's items (`features: [vtpm, |]`), minus those already present. */
function enumItems(walker: SchemaService, itemPath: PathSegment[], range: Range, present: readonly string[]): CompletionItem[] {
  const out = new Map<string, CompletionItem>();
  for (const s of walker.schemasAt(itemPath)) {
    for (const v of s.enum ?? []) {
      if (typeof v !== 'string' || present.includes(v) || out.has(v)) continue;
      out.set(v, { label: v, kind: CompletionItemKind.EnumMember, documentation: documentation(s), textEdit: TextEdit.replace(range, v), filterText: v });
    }
  }
  return [...out.values()];
}

function inComment(before: string): boolean {
  let quote: string | undefined;
  for (let i = 0; i < before.length; i++) {
    const c = before[i];
    if (quote) {
      if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || before[i - 1] === ' ' || before[i - 1] === '\t')) return true;
  }
  return false;
}

function valueStartCol(before: string, contentCol: number): number {
  const m = KEY_RE.exec(before.slice(contentCol));
  if (!m) return before.length;
  // Position after `key:` and the spaces that follow it.
  let i = contentCol + m[0].length - (m[2] ?? '').length;
  while (i < before.length && before[i] === ' ') i++;
  return Math.min(i, before.length);
}

interface FlowContext {
  readonly kind: 'seq' | 'map';
  /** Offset (in the value text) where the token under the cursor starts. */
  readonly offset: number;
  /** For a map: the key whose value is being typed. */
  readonly key?: string;
  /** Items or keys already in the collection (on this line). */
  readonly present: string[];
}

/** The innermost unclosed `[` or `{` of a one-line flow collection before the cursor. */
function flowContext(value: string): FlowContext | undefined {
  const stack: number[] = [];
  let quote: string | undefined;
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '[' || c === '{') stack.push(i);
    else if ((c === ']' || c === '}') && stack.length) stack.pop();
  }
  if (stack.length === 0) return undefined;
  const open = stack[stack.length - 1];
  const inner = value.slice(open + 1);
  const lastSep = Math.max(inner.lastIndexOf(','), -1);
  const tokenText = inner.slice(lastSep + 1);
  const lead = tokenText.length - tokenText.trimStart().length;
  const offset = open + 1 + lastSep + 1 + lead;
  const parts = inner.slice(0, lastSep + 1).split(',').map((s) => s.trim()).filter(Boolean);
  if (value[open] === '[') return { kind: 'seq', offset, present: parts.map(unquote) };
  const keys = parts.map((p) => /^([^:]+):/.exec(p)?.[1]).filter((k): k is string => !!k).map(unquote);
  const m = /^([^:\s][^:]*?)\s*:\s*/.exec(tokenText.trimStart());
  if (m) return { kind: 'map', offset: offset + m[0].length, key: unquote(m[1]), present: keys };
  return { kind: 'map', offset, present: keys };
}

function siblingKeysFor(lines: LineReader, lineNo: number, column: number, isItem: boolean): Set<string> {
  // On a fresh `- ` line the mapping has no other keys yet.
  if (isItem) return new Set();
  return siblingKeys(lines, lineNo, column);
}

function keyItems(walker: SchemaService, path: readonly PathSegment[], present: ReadonlySet<string>, range: Range): CompletionItem[] {
  const schemas = walker.schemasAt(path);
  const required = new Set(schemas.flatMap((s) => s.required ?? []));
  const seen = new Map<string, JsonSchema>();
  for (const s of schemas) {
    for (const [key, prop] of Object.entries(s.properties ?? {})) {
      if (present.has(key)) continue;
      const existing = seen.get(key);
      // Prefer the variant with a description (oneOf branches often restate a property bare).
      if (!existing || (!existing.description && !existing.markdownDescription)) seen.set(key, walker.expand(prop).find((x) => x.description || x.markdownDescription) ?? prop);
    }
  }
  return [...seen].map(([key, prop]) => ({
    label: key,
    kind: CompletionItemKind.Property,
    documentation: documentation(prop),
    detail: required.has(key) ? 'required' : undefined,
    sortText: `${required.has(key) ? '0' : '1'}${key}`,
    insertTextFormat: InsertTextFormat.Snippet,
    textEdit: TextEdit.replace(range, `${key}: $0`),
    filterText: key,
  }));
}

/** Which ids a position accepts, by its path. */
function referenceKind(path: readonly PathSegment[]): IdKind | undefined {
  const [section, , field, item] = path;
  if (section === 'links' && path.length === 3 && (field === 'from' || field === 'to')) return 'site';
  if (section === 'waves' && path.length === 3 && field === 'link') return 'link';
  if (section === 'waves' && path.length === 4 && field === 'vms' && item === ANY_ITEM) return 'vm';
  if (section === 'vms' && path.length === 4 && field === 'depends_on' && item === ANY_ITEM) return 'vm';
  return undefined;
}

function idItems(analysis: Analysis, path: readonly PathSegment[], lineNo: number, position: Position, range: Range, presentOnLine: readonly string[] = []): CompletionItem[] {
  const kind = referenceKind(path);
  if (!kind) return [];
  const exclude = new Set(presentOnLine);
  if (path[0] === 'vms') {
    const vmId = String(path[1]);
    exclude.add(vmId);
    for (const d of analysis.model.vms.get(vmId)?.dependsOn ?? []) exclude.add(d.value);
  } else if (path[0] === 'waves' && path[2] === 'vms') {
    const offset = analysis.lineIndex.offsetAt(position);
    const wave = waveAt(analysis, offset);
    for (const v of wave?.vms ?? []) if (analysis.lineIndex.positionAt(v.span.start).line !== lineNo) exclude.add(v.value);
  }
  const { model } = analysis;
  const label = kind === 'site' ? 'site' : kind === 'link' ? 'link' : 'VM';
  const entries = kind === 'site' ? model.sites : kind === 'link' ? model.links : model.vms;
  const items: CompletionItem[] = [];
  for (const entry of entries.values()) {
    if (exclude.has(entry.id)) continue;
    const name = (entry as { name?: { value: string } }).name?.value;
    // An id that plain YAML would misread (`#`, `: `, `true`, ...) is inserted double-quoted.
    const newText = formatScalar(entry.id);
    items.push({
      label: entry.id, kind: CompletionItemKind.Reference, detail: name ? `${label}: ${name}` : label, textEdit: { range, newText },
      ...(newText !== entry.id ? { filterText: entry.id } : {}),
    });
  }
  return items;
}

function waveAt(analysis: Analysis, offset: number) {
  const waves = analysis.model.waves;
  let low = 0;
  let high = waves.length - 1;
  let found: (typeof waves)[number] | undefined;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (waves[mid].span.start <= offset) {
      found = waves[mid];
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
}

const NUMBER_PREFIX = /^([+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)(\s*)(\S*)$/;

function valueItems(
  analysis: Analysis,
  walker: SchemaService,
  path: readonly PathSegment[],
  key: string,
  lineNo: number,
  position: Position,
  valueText: string,
  valueCol: number,
  character: number,
): CompletionItem[] {
  const range = (col: number): Range => ({ start: { line: lineNo, character: col }, end: { line: lineNo, character } });
  const ref = referenceKind(path);
  if (ref) return idItems(analysis, path, lineNo, position, range(valueCol));

  // Own keys only: a key named `constructor` or `toString` is not a quantity.
  const kind = Object.prototype.hasOwnProperty.call(QUANTITY_KEYS, key) ? QUANTITY_KEYS[key] : undefined;
  const number = NUMBER_PREFIX.exec(valueText);
  if (kind && number) {
    const unitCol = valueCol + number[1].length + number[2].length;
    const needsSpace = number[2] === '' && number[3] === '';
    return unitsOf(kind).map((unit, i) => ({
      label: unit,
      kind: CompletionItemKind.Unit,
      detail: `${kind} unit`,
      sortText: String(i).padStart(3, '0'),
      filterText: unit,
      textEdit: TextEdit.replace(range(unitCol), needsSpace ? ` ${unit}` : unit),
    }));
  }

  const schemas = walker.schemasAt(path);
  const values = new Map<string, JsonSchema>();
  for (const s of schemas) {
    for (const v of s.enum ?? []) if (typeof v === 'string' || typeof v === 'number') values.set(String(v), s);
    if (typeof s.const === 'string' || typeof s.const === 'number') values.set(String(s.const), s);
  }
  const defaults = new Set(schemas.map((s) => s.default).filter((d) => d !== undefined).map(String));
  const quote = /^["']/.test(valueText) ? valueText[0] : '';
  return [...values].map(([value, s]) => ({
    label: value,
    kind: CompletionItemKind.EnumMember,
    detail: defaults.has(value) ? 'default' : undefined,
    documentation: documentation(s),
    textEdit: TextEdit.replace(range(valueCol), quote ? `${quote}${value}${quote}` : value),
    filterText: quote ? `${quote}${value}` : value,
  }));
}
