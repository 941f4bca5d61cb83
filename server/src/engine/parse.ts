/**
 * Text -> YAML document with source ranges. The only module that calls the `yaml` parser.
 * Syntax problems become RB001 findings; a partly broken document still yields whatever nodes
 * `yaml` could recover, so later stages check the rest.
 */
import { DocumentMemo } from './memo';
import { Document, isAlias, type Alias, isMap, isScalar, isSeq, parseDocument, type Node, type ParsedNode, type Scalar } from 'yaml';
import type { Finding } from './findings';
import type { Span } from './text';

export const SYNTAX_CODE = 'RB001';

/** `yaml`'s limit on alias expansion ("billion laughs"); far above any honest runbook. */
export const MAX_ALIAS_COUNT = 100;

export interface ParsedYaml {
  readonly text: string;
  readonly document: Document.Parsed;
  readonly findings: Finding[];
}

/** The options of every parse (incremental.ts parses edited items with the same ones). */
export const PARSE_OPTIONS = {
  prettyErrors: false,
  // yaml's own check compares each key with every earlier one (quadratic: it doubled the parse
  // of a 5,000-VM runbook); duplicateKeyFindings does the same job in one linear walk.
  uniqueKeys: false,
  keepSourceTokens: false,
  strict: true,
} as const;

/** `memo`: the document's per-document state (memo.ts); a fresh one reuses nothing. */
export function parseYaml(text: string, memo: DocumentMemo = new DocumentMemo()): ParsedYaml {
  const document = parseDocument(text, PARSE_OPTIONS);
  const findings: Finding[] = [];
  for (const error of document.errors) {
    findings.push({
      code: SYNTAX_CODE,
      severity: 'error',
      message: `YAML syntax error: ${cleanMessage(error.message)}`,
      span: nonEmptySpan(text, error.pos[0], error.pos[1]),
    });
  }
  for (const warning of document.warnings) {
    findings.push({
      code: SYNTAX_CODE,
      severity: 'warning',
      message: `YAML: ${cleanMessage(warning.message)}`,
      span: nonEmptySpan(text, warning.pos[0], warning.pos[1]),
    });
  }
  findings.push(...documentFindings(document, text, memo));
  return { text, document, findings };
}

/**
 * Findings about a whole parsed document beyond yaml's own errors (duplicate keys, aliases).
 * incremental.ts recomputes them after splicing an edited item into a document.
 */
export function documentFindings(document: Document.Parsed, text: string, memo: DocumentMemo): Finding[] {
  const duplicates = duplicateKeyFindings(document.contents as Node | null, text, memo);
  // An alias is written with '*': without one in the text, the walk below has nothing to find.
  return text.includes('*') ? [...duplicates, ...aliasFindings(document)] : duplicates;
}

/** At most this many "alias is not read" warnings per document; one more line counts the rest. */
const MAX_ALIAS_WARNINGS = 20;

/**
 * Aliases: the model reads only values written out (an alias value counts as missing), so each alias
 * gets a warning instead of silently dropping, say, a VM's memory. Expansion beyond MAX_ALIAS_COUNT
 * (the same bound as schema.ts's plain-data conversion) is an alias bomb: one error, and the schema
 * is skipped.
 */
function aliasFindings(document: Document.Parsed): Finding[] {
  const aliases: Alias[] = [];
  const anchors = new Map<string, Node[]>();
  const collect = (root: unknown, visit: (node: Node) => void): void => {
    const stack: unknown[] = [root];
    while (stack.length > 0) {
      const node = stack.pop();
      if (isAlias(node)) visit(node);
      else if (isMap(node) || isSeq(node) || isScalar(node)) {
        visit(node);
        if (isMap(node)) for (const pair of node.items) stack.push(pair.value, pair.key);
        else if (isSeq(node)) stack.push(...node.items);
      }
    }
  };
  collect(document.contents, (node) => {
    if (isAlias(node)) aliases.push(node);
    else if (node.anchor) {
      const list = anchors.get(node.anchor) ?? [];
      list.push(node);
      anchors.set(node.anchor, list);
    }
  });
  if (aliases.length === 0) return [];
  const startOf = (node: Node): number => node.range?.[0] ?? 0;
  aliases.sort((a, b) => startOf(a) - startOf(b));
  // As yaml resolves an alias: the last node with that anchor before it (without yaml's own
  // resolve(), which walks the whole document once per alias).
  const resolve = (alias: Alias): Node | undefined => {
    let found: Node | undefined;
    for (const node of anchors.get(alias.source) ?? []) if (startOf(node) < startOf(alias) && (!found || startOf(node) > startOf(found))) found = node;
    return found;
  };
  const cap = MAX_ALIAS_COUNT + 1;
  const weights = new Map<Node, number>();
  // Values one alias stands for when expanded: itself plus every alias inside its anchor's value.
  const expansionsOf = (alias: Alias, depth: number): number => {
    const source = resolve(alias);
    if (!source) return 1;
    const known = weights.get(source);
    if (known !== undefined) return known;
    if (depth > 64) return cap;
    weights.set(source, cap); // an alias inside its own anchor expands forever
    let total = 1;
    collect(source, (node) => {
      if (isAlias(node) && total < cap) total += expansionsOf(node, depth + 1);
    });
    const weight = Math.min(total, cap);
    weights.set(source, weight);
    return weight;
  };
  let expanded = 0;
  for (const alias of aliases) {
    expanded += expansionsOf(alias, 0);
    if (expanded > MAX_ALIAS_COUNT) {
      return [{
        code: SYNTAX_CODE,
        severity: 'error',
        message: `YAML aliases here expand to more than ${MAX_ALIAS_COUNT} values (the limit against "billion laughs" alias bombs), so the runbook was not checked against its schema; write the values out instead of using anchors and aliases.`,
        span: spanOf(alias, { start: 0, end: 0 }),
      }];
    }
  }
  const findings: Finding[] = aliases.slice(0, MAX_ALIAS_WARNINGS).map((alias) => ({
    code: SYNTAX_CODE,
    severity: 'warning' as const,
    message: `YAML alias '*${alias.source}' is not read: runbooks do not support anchors and aliases, so this value counts as missing; write the value out here.`,
    span: spanOf(alias, { start: 0, end: 0 }),
  }));
  if (aliases.length > MAX_ALIAS_WARNINGS) {
    const rest = aliases[MAX_ALIAS_WARNINGS];
    findings.push({
      code: SYNTAX_CODE,
      severity: 'warning',
      message: `${aliases.length - MAX_ALIAS_WARNINGS} more YAML aliases from here on are not read either (runbooks do not support anchors and aliases).`,
      span: spanOf(rest, { start: 0, end: 0 }),
    });
  }
  return findings;
}

/** Duplicate keys in any mapping: an error on the later key, pointing back to the first. */
export function duplicateKeyFindings(root: Node | null, text: string, memo: DocumentMemo): Finding[] {
  const duplicates: (readonly [Scalar, Scalar])[] = [];
  if (isMap(root) && !root.flow) {
    // Walked section by section so that each section item's result can be kept (see itemDuplicates).
    collectDuplicates(root, duplicates, false);
    for (const section of root.items) {
      const value = section.value as Node | null;
      if (isMap(value) && !value.flow) {
        collectDuplicates(value, duplicates, false);
        for (const item of value.items) itemDuplicates(memo, item.value as Node | null, duplicates);
      } else if (isSeq(value) && !value.flow) {
        for (const item of value.items) itemDuplicates(memo, item as Node | null, duplicates);
      } else collectDuplicates(value, duplicates, true);
    }
  } else collectDuplicates(root, duplicates, true);
  return duplicates.map(([key, first]) => {
    const name = String(key.value);
    const firstSpan = { start: first.range![0], end: first.range![1] };
    return {
      code: SYNTAX_CODE,
      severity: 'error' as const,
      message: `Duplicate key '${name}': it is already defined on line ${lineOf(text, firstSpan.start)}; keys in a mapping must be unique (rename or merge the two).`,
      span: { start: key.range![0], end: key.range![1] },
      related: [{ span: firstSpan, message: `first '${name}'` }],
    };
  });
}

/**
 * The duplicate keys inside a section item (a VM, a wave, ...), kept in the document's memo by the
 * item's node. The incremental re-parse replaces an item's nodes when it is edited and keeps the
 * others (moving their offsets in place), so a kept node has the same duplicates; messages are made
 * from the nodes' current positions.
 */
function itemDuplicates(memo: DocumentMemo, item: Node | null, out: (readonly [Scalar, Scalar])[]): void {
  if (item === null || typeof item !== 'object') return;
  let found = memo.itemDuplicates.get(item);
  if (!found) {
    const list: (readonly [Scalar, Scalar])[] = [];
    collectDuplicates(item, list, true);
    memo.itemDuplicates.set(item, (found = list));
  }
  for (const d of found) out.push(d);
}

/** Pairs of (duplicate key, its first occurrence) in `node`'s mappings; `deep`: also below it. */
function collectDuplicates(node: Node | null | undefined, out: (readonly [Scalar, Scalar])[], deep: boolean): void {
  const stack: (Node | null | undefined)[] = [node];
  while (stack.length > 0) {
    const current = stack.pop();
    if (isMap(current)) {
      const pairs = current.items;
      // Most mappings are a VM's few keys: compare them pairwise rather than build a Map per mapping.
      const seen = pairs.length > 16 ? new Map<string, Scalar>() : undefined;
      for (let i = 0; i < pairs.length; i++) {
        const key = pairs[i].key as Node | null;
        if (isScalar(key) && key.range) {
          if (seen) {
            const name = String(key.value);
            const first = seen.get(name);
            if (first) out.push([key, first]);
            else seen.set(name, key);
          } else {
            for (let j = 0; j < i; j++) {
              const other = pairs[j].key as Node | null;
              if (isScalar(other) && other.range && sameKey(other.value, key.value)) {
                out.push([key, other]);
                break;
              }
            }
          }
        }
        const value = pairs[i].value as Node | null;
        if (deep && (isMap(value) || isSeq(value))) stack.push(value);
      }
    } else if (isSeq(current) && deep) {
      for (const item of current.items) if (isMap(item) || isSeq(item)) stack.push(item as Node);
    }
  }
}

/** Keys are compared as text (as model.ts reads them): `1` and `"1"` are the same key. */
function sameKey(a: unknown, b: unknown): boolean {
  return a === b || String(a) === String(b);
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function cleanMessage(message: string): string {
  // yaml reports its own stack overflow on very deep nesting as a plain error message.
  if (/Maximum call stack size exceeded/.test(message)) return 'the document nests too deeply to read (runbooks need only a few levels of nesting); flatten it';
  const firstLine = message.split('\n')[0].trim();
  return firstLine.replace(/ at line \d+, column \d+:?$/, '');
}

/** Widens an empty span to one character (or the line end) so editors can show it. */
function nonEmptySpan(text: string, start: number, end: number): Span {
  const s = Math.max(0, Math.min(start, text.length));
  let e = Math.max(s, Math.min(end, text.length));
  if (e === s) {
    if (s < text.length && text[s] !== '\n' && text[s] !== '\r') e = s + 1;
    else if (s > 0) return { start: s - 1, end: s };
  }
  return { start: s, end: e };
}

/** The value span of a node (`[start, value-end)`), without trailing comments. */
export function spanOf(node: Node | null | undefined, fallback: Span): Span {
  const range = (node as ParsedNode | null | undefined)?.range;
  if (!range) return fallback;
  return { start: range[0], end: Math.max(range[0], range[1]) };
}

export { isAlias, isMap, isScalar, isSeq };
