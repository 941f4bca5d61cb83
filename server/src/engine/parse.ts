/**
 * Text -> YAML document with source ranges. The only module that calls the `yaml` parser.
 * Syntax problems become RB001 findings; a partly broken document still yields whatever nodes
 * `yaml` could recover, so later stages check the rest.
 */
import { Document, isAlias, isMap, isScalar, isSeq, parseDocument, type Node, type ParsedNode } from 'yaml';
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

export function parseYaml(text: string): ParsedYaml {
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
  findings.push(...documentFindings(document, text));
  return { text, document, findings };
}

/**
 * Findings about a whole parsed document beyond yaml's own errors (duplicate keys, aliases).
 * incremental.ts recomputes them after splicing an edited item into a document.
 */
export function documentFindings(document: Document.Parsed, text: string): Finding[] {
  return duplicateKeyFindings(document.contents as Node | null, text);
}

/** Duplicate keys in any mapping: an error on the later key, pointing back to the first. */
export function duplicateKeyFindings(root: Node | null, text: string): Finding[] {
  const findings: Finding[] = [];
  const stack: (Node | null | undefined)[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Map<string, Span>();
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (isScalar(key) && key.range) {
          const name = String(key.value);
          const where = { start: key.range[0], end: key.range[1] };
          const first = seen.get(name);
          if (first) {
            findings.push({
              code: SYNTAX_CODE,
              severity: 'error',
              message: `Duplicate key '${name}': it is already defined on line ${lineOf(text, first.start)}; keys in a mapping must be unique (rename or merge the two).`,
              span: where,
              related: [{ span: first, message: `first '${name}'` }],
            });
          } else seen.set(name, where);
        }
        stack.push(pair.value as Node | null);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item as Node | null);
    }
  }
  return findings;
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

function cleanMessage(message: string): string {
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
