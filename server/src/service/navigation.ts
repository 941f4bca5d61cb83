/**
 * Navigation over a runbook's ids: go to definition, find references, rename (with prepareRename),
 * document symbols (the outline) and folding ranges. Pure functions of a cached `Analysis`; the
 * symbol index is built once per analysis (WeakMap), so each request is a binary search.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import {
  DocumentSymbol,
  FoldingRange,
  FoldingRangeKind,
  Location,
  SymbolKind,
  TextEdit,
  type Position,
  type Range,
  type WorkspaceEdit,
} from 'vscode-languageserver-types';
import type { Analysis } from '../engine/analyze';
import type { Entry } from '../engine/model';
import type { Span } from '../engine/text';
import { contentEnd, isPlainSafe, lineEndAt } from '../engine/yamlEdit';

export type IdKind = 'site' | 'link' | 'vm';

/** One occurrence of an id: its definition key or a reference to it. */
export interface Occurrence {
  readonly kind: IdKind;
  readonly id: string;
  /** Span of the scalar as written (quotes included). */
  readonly span: Span;
  readonly isDefinition: boolean;
}

/** The id pattern of sites, links and VMs (the schema's pattern for their keys). */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

const KIND_LABEL: Record<IdKind, string> = { site: 'site', link: 'link', vm: 'VM' };

interface SymbolIndex {
  /** Every occurrence, sorted by start offset. */
  readonly occurrences: readonly Occurrence[];
  readonly byId: ReadonlyMap<string, readonly Occurrence[]>;
}

/** The symbol index of an analysis, built once (kept in the document's memo). */
function indexOf(analysis: Analysis): SymbolIndex {
  return analysis.memo.derived(analysis, 'navigation.symbols', () => buildIndex(analysis));
}

function buildIndex(analysis: Analysis): SymbolIndex {
  const { model } = analysis;
  const all: Occurrence[] = [];
  const addDefs = (kind: IdKind, entries: ReadonlyMap<string, Entry>): void => {
    for (const e of entries.values()) all.push({ kind, id: e.id, span: e.keySpan, isDefinition: true });
  };
  addDefs('site', model.sites);
  addDefs('link', model.links);
  addDefs('vm', model.vms);
  for (const link of model.links.values()) {
    if (link.from) all.push({ kind: 'site', id: link.from.value, span: link.from.span, isDefinition: false });
    if (link.to) all.push({ kind: 'site', id: link.to.value, span: link.to.span, isDefinition: false });
  }
  for (const vm of model.vms.values()) for (const d of vm.dependsOn) all.push({ kind: 'vm', id: d.value, span: d.span, isDefinition: false });
  for (const wave of model.waves) {
    if (wave.link) all.push({ kind: 'link', id: wave.link.value, span: wave.link.span, isDefinition: false });
    for (const v of wave.vms) all.push({ kind: 'vm', id: v.value, span: v.span, isDefinition: false });
  }
  all.sort((a, b) => a.span.start - b.span.start);
  const byId = new Map<string, Occurrence[]>();
  for (const o of all) {
    const key = `${o.kind}:${o.id}`;
    let list = byId.get(key);
    if (!list) byId.set(key, (list = []));
    list.push(o);
  }
  return { occurrences: all, byId };
}

/** The id occurrence under `offset` (its span inclusive of the end, where the cursor sits after typing). */
export function occurrenceAt(analysis: Analysis, offset: number): Occurrence | undefined {
  const list = indexOf(analysis).occurrences;
  let low = 0;
  let high = list.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (list[mid].span.start <= offset) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  if (found < 0) return undefined;
  const o = list[found];
  return offset <= o.span.end ? o : undefined;
}

/** All occurrences of the same id and kind, declaration first when asked for. */
export function occurrencesOf(analysis: Analysis, kind: IdKind, id: string): readonly Occurrence[] {
  return indexOf(analysis).byId.get(`${kind}:${id}`) ?? [];
}

function definitionOf(analysis: Analysis, kind: IdKind, id: string): Entry | undefined {
  const { model } = analysis;
  return kind === 'site' ? model.sites.get(id) : kind === 'link' ? model.links.get(id) : model.vms.get(id);
}

function rangeOf(analysis: Analysis, span: Span): Range {
  return analysis.lineIndex.rangeOf(span);
}

/** Range of the id's text inside any quotes. */
function innerRange(analysis: Analysis, o: Occurrence): Range {
  return rangeOf(analysis, innerSpan(analysis, o.span));
}

function innerSpan(analysis: Analysis, span: Span): Span {
  const c = analysis.text[span.start];
  if ((c === '"' || c === "'") && span.end - span.start >= 2 && analysis.text[span.end - 1] === c) return { start: span.start + 1, end: span.end - 1 };
  return span;
}

export function definition(analysis: Analysis, uri: string, position: Position): Location | undefined {
  const o = occurrenceAt(analysis, analysis.lineIndex.offsetAt(position));
  if (!o) return undefined;
  const def = definitionOf(analysis, o.kind, o.id);
  if (!def) return undefined;
  return Location.create(uri, rangeOf(analysis, def.keySpan));
}

export function references(analysis: Analysis, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const o = occurrenceAt(analysis, analysis.lineIndex.offsetAt(position));
  if (!o) return [];
  return occurrencesOf(analysis, o.kind, o.id)
    .filter((x) => includeDeclaration || !x.isDefinition)
    .map((x) => Location.create(uri, rangeOf(analysis, x.span)));
}

export type PrepareRenameResult = { readonly range: Range; readonly placeholder: string };

/** The id under the cursor as a rename target, or undefined when the cursor is on no id. */
export function prepareRename(analysis: Analysis, position: Position): PrepareRenameResult | undefined {
  const o = occurrenceAt(analysis, analysis.lineIndex.offsetAt(position));
  if (!o) return undefined;
  return { range: innerRange(analysis, o), placeholder: o.id };
}

export class RenameError extends Error {}

/**
 * Renames the id under the cursor: its key and every reference, each keeping its quoting (a plain
 * occurrence is quoted only when the new name would otherwise read as a number or boolean).
 * Throws RenameError for a name outside the id pattern or one already taken.
 */
export function rename(analysis: Analysis, uri: string, position: Position, newName: string): WorkspaceEdit | undefined {
  const o = occurrenceAt(analysis, analysis.lineIndex.offsetAt(position));
  if (!o) return undefined;
  const label = KIND_LABEL[o.kind];
  if (!ID_PATTERN.test(newName)) {
    throw new RenameError(`'${newName}' is not a valid ${label} id: start with a letter or digit, then letters, digits, '_', '.' or '-'.`);
  }
  if (newName === o.id) return { changes: { [uri]: [] } };
  if (definitionOf(analysis, o.kind, newName)) throw new RenameError(`A ${label} named '${newName}' already exists.`);
  const edits: TextEdit[] = [];
  for (const x of occurrencesOf(analysis, o.kind, o.id)) {
    const inner = innerSpan(analysis, x.span);
    const quoted = inner.start !== x.span.start;
    const text = quoted || isPlainSafe(newName) ? newName : JSON.stringify(newName);
    edits.push(TextEdit.replace(rangeOf(analysis, inner), text));
  }
  return { changes: { [uri]: edits } };
}

// ---------------------------------------------------------------------------------------------
// Outline

function pairRange(analysis: Analysis, pair: Pair): Range {
  const key = pair.key as Node;
  const value = pair.value as Node | null;
  const start = key.range?.[0] ?? 0;
  const end = value?.range ? Math.max(contentEnd(analysis.text, value), key.range?.[1] ?? start) : key.range?.[1] ?? start;
  return rangeOf(analysis, { start, end });
}

function keySpanOf(pair: Pair): Span {
  const r = (pair.key as Node).range ?? [0, 0];
  return { start: r[0], end: r[1] };
}

function entrySymbols(analysis: Analysis, section: Node | null | undefined, kind: SymbolKind, detail: (id: string) => string | undefined): DocumentSymbol[] {
  if (!isMap(section)) return [];
  const out: DocumentSymbol[] = [];
  for (const p of (section as YAMLMap).items) {
    const key = p.key as Node | null;
    if (!isScalar(key) || key.value === null || key.value === undefined) continue;
    const id = String(key.value);
    const sel = rangeOf(analysis, keySpanOf(p));
    out.push(DocumentSymbol.create(id || '(empty)', detail(id), kind, pairRange(analysis, p), sel));
  }
  return out;
}

/** The outline: Sites, Links, VMs and Waves, each with its entries. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const root = analysis.document.contents as Node | null;
  if (!isMap(root)) return [];
  const { model } = analysis;
  const out: DocumentSymbol[] = [];
  for (const p of (root as YAMLMap).items) {
    const key = p.key as Node | null;
    if (!isScalar(key)) continue;
    const name = String(key.value);
    const value = p.value as Node | null;
    const range = pairRange(analysis, p);
    const sel = rangeOf(analysis, keySpanOf(p));
    let children: DocumentSymbol[] | undefined;
    let kind: SymbolKind = SymbolKind.Property;
    let label = name;
    if (name === 'sites') {
      label = 'Sites';
      kind = SymbolKind.Namespace;
      children = entrySymbols(analysis, value, SymbolKind.Module, (id) => model.sites.get(id)?.name?.value);
    } else if (name === 'links') {
      label = 'Links';
      kind = SymbolKind.Namespace;
      children = entrySymbols(analysis, value, SymbolKind.Interface, (id) => {
        const l = model.links.get(id);
        return l?.from && l.to ? `${l.from.value} → ${l.to.value}` : undefined;
      });
    } else if (name === 'vms') {
      label = 'VMs';
      kind = SymbolKind.Namespace;
      children = entrySymbols(analysis, value, SymbolKind.Object, (id) => model.vms.get(id)?.name?.value);
    } else if (name === 'waves') {
      label = 'Waves';
      kind = SymbolKind.Namespace;
      children = [];
      if (isSeq(value)) {
        (value as YAMLSeq).items.forEach((item, index) => {
          const node = item as Node | null;
          if (!node?.range) return;
          const wave = model.waves.find((w) => w.index === index);
          const span = { start: node.range[0], end: contentEnd(analysis.text, node) };
          const nameSpan = wave?.name?.span ?? { start: span.start, end: Math.min(span.end, lineEndAt(analysis.text, span.start)) };
          const vmChildren = (wave?.vms ?? []).map((v) => DocumentSymbol.create(v.value, undefined, SymbolKind.Object, rangeOf(analysis, v.span), rangeOf(analysis, v.span)));
          children!.push(
            DocumentSymbol.create(wave?.name?.value ?? `Wave ${index + 1}`, wave ? `${wave.vms.length} VM${wave.vms.length === 1 ? '' : 's'}` : undefined, SymbolKind.Event, rangeOf(analysis, span), rangeOf(analysis, nameSpan), vmChildren),
          );
        });
      }
    } else if (isMap(value) || isSeq(value)) {
      kind = SymbolKind.Namespace;
    } else if (isScalar(value)) {
      kind = SymbolKind.Property;
    }
    out.push(DocumentSymbol.create(label, undefined, kind, range, sel, children));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Folding

/** Folds every multi-line mapping and sequence (from its key or dash line) and every comment block. */
export function foldingRanges(analysis: Analysis): FoldingRange[] {
  const { text, lineIndex } = analysis;
  const out: FoldingRange[] = [];
  const lineOf = (offset: number): number => lineIndex.positionAt(offset).line;
  const fold = (startOffset: number, node: Node): void => {
    if (!node.range) return;
    const startLine = lineOf(startOffset);
    const endLine = lineOf(contentEnd(text, node));
    if (endLine > startLine) out.push(FoldingRange.create(startLine, endLine));
  };
  const walk = (node: Node | null | undefined): void => {
    if (isMap(node)) {
      for (const p of (node as YAMLMap).items) {
        const value = p.value as Node | null;
        if (isMap(value) || isSeq(value)) {
          fold((p.key as Node | null)?.range?.[0] ?? value.range?.[0] ?? 0, value);
          walk(value);
        }
      }
    } else if (isSeq(node)) {
      for (const item of (node as YAMLSeq).items as (Node | null)[]) {
        if (isMap(item) || isSeq(item)) {
          fold(item.range?.[0] ?? 0, item);
          walk(item);
        }
      }
    }
  };
  walk(analysis.document.contents as Node | null);
  // Comment blocks: two or more consecutive full-line comments.
  let blockStart = -1;
  for (let line = 0; line <= lineIndex.lineCount; line++) {
    const isComment = line < lineIndex.lineCount && /^\s*#/.test(text.slice(lineIndex.lineStart(line), lineIndex.lineEnd(line)));
    if (isComment && blockStart < 0) blockStart = line;
    if (!isComment && blockStart >= 0) {
      if (line - 1 > blockStart) out.push(FoldingRange.create(blockStart, line - 1, undefined, undefined, FoldingRangeKind.Comment));
      blockStart = -1;
    }
  }
  return out.sort((a, b) => a.startLine - b.startLine);
}

/** The ids of one kind, in document order (completion offers them). */
export function idsOf(analysis: Analysis, kind: IdKind): string[] {
  const { model } = analysis;
  return [...(kind === 'site' ? model.sites.keys() : kind === 'link' ? model.links.keys() : model.vms.keys())];
}
