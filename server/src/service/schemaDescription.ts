/**
 * Key descriptions from the bundled JSON Schema (schemas/runbook.schema.json), found by walking the
 * schema along a YAML path: `properties`, `patternProperties`, `additionalProperties`, `items`,
 * `$ref` into `definitions`/`$defs`, and the `oneOf`/`anyOf`/`allOf` branches.
 */
import bundledSchema from '../../../schemas/runbook.schema.json';
import type { PathSegment } from './yamlPath';

type SchemaNode = { readonly [key: string]: unknown };

export interface KeyDescription {
  readonly title?: string;
  /** Markdown: the schema's `markdownDescription` (our own text), else its escaped `description`. */
  readonly markdown: string;
}

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveRef(root: SchemaNode, node: SchemaNode, seen: Set<SchemaNode>): SchemaNode {
  let current = node;
  // `seen` stops reference cycles (a $ref chain that loops).
  while (typeof current.$ref === 'string' && current.$ref.startsWith('#/') && !seen.has(current)) {
    seen.add(current);
    let target: unknown = root;
    for (const raw of current.$ref.slice(2).split('/')) {
      const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isNode(target) ? target[part] : undefined;
    }
    if (!isNode(target)) break;
    current = target;
  }
  return current;
}

/** Every schema the node stands for: itself (dereferenced) and its combinator branches. */
function expand(root: SchemaNode, node: SchemaNode, depth = 0): SchemaNode[] {
  if (depth > 8) return [];
  const resolved = resolveRef(root, node, new Set());
  const out = [resolved];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    const branches = resolved[key];
    if (Array.isArray(branches)) for (const b of branches) if (isNode(b)) out.push(...expand(root, b, depth + 1));
  }
  if (isNode(resolved.then)) out.push(...expand(root, resolved.then, depth + 1));
  if (isNode(resolved.else)) out.push(...expand(root, resolved.else, depth + 1));
  return out;
}

function child(node: SchemaNode, segment: PathSegment): SchemaNode | undefined {
  if (typeof segment === 'number') {
    if (isNode(node.items)) return node.items;
    if (Array.isArray(node.items) && isNode(node.items[segment])) return node.items[segment] as SchemaNode;
    if (Array.isArray(node.prefixItems) && isNode(node.prefixItems[segment])) return node.prefixItems[segment] as SchemaNode;
    return undefined;
  }
  if (isNode(node.properties) && isNode(node.properties[segment])) return node.properties[segment] as SchemaNode;
  if (isNode(node.patternProperties)) {
    for (const [pattern, sub] of Object.entries(node.patternProperties)) {
      try {
        if (isNode(sub) && new RegExp(pattern, 'u').test(segment)) return sub;
      } catch {
        // An invalid pattern in the schema matches nothing.
      }
    }
  }
  if (isNode(node.additionalProperties)) return node.additionalProperties;
  return undefined;
}

/** The schemas at `path` (several when combinators branch). */
export function schemasAt(root: SchemaNode, path: readonly PathSegment[]): SchemaNode[] {
  let current = expand(root, root);
  for (const segment of path) {
    const next: SchemaNode[] = [];
    for (const node of current) {
      const sub = child(node, segment);
      if (sub) next.push(...expand(root, sub));
    }
    if (next.length === 0) return [];
    current = next;
  }
  return current;
}

export function describeKeyIn(root: unknown, path: readonly PathSegment[]): KeyDescription | undefined {
  if (!isNode(root)) return undefined;
  for (const node of schemasAt(root, path)) {
    const title = typeof node.title === 'string' ? node.title : undefined;
    if (typeof node.markdownDescription === 'string') return { title, markdown: node.markdownDescription };
    if (typeof node.description === 'string') return { title, markdown: escapeDescription(node.description) };
  }
  return undefined;
}

/** Schema text is ours, but plain `description` is not Markdown: keep its line breaks, escape the rest. */
function escapeDescription(text: string): string {
  return text.split(/\r?\n/).map((line) => line.replace(/[\\`*_{}[\]<>#|!~&]/g, (c) => `\\${c}`)).join('  \n');
}

export function describeKey(path: readonly PathSegment[]): KeyDescription | undefined {
  return describeKeyIn(bundledSchema, path);
}
