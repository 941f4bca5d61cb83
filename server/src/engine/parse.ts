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

export function parseYaml(text: string): ParsedYaml {
  const document = parseDocument(text, {
    prettyErrors: false,
    uniqueKeys: true,
    keepSourceTokens: false,
    strict: true,
  });
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
  return { text, document, findings };
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
