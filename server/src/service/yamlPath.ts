/**
 * Where an offset sits in the YAML tree: the path of keys and indices from the root, and whether it
 * is on a key. Hover (and any other feature) dispatches on this path, as yaml-language-server does.
 */
import { isMap, isPair, isScalar, isSeq, type Document, type Node } from 'yaml';
import type { PathSegment } from '../engine/schemaService';
import type { Span } from '../engine/text';

export type { PathSegment } from '../engine/schemaService';

export interface YamlLocation {
  readonly path: readonly PathSegment[];
  /** True when the offset is on a map key (path's last segment is that key). */
  readonly onKey: boolean;
  /** The innermost node under the offset (key or value), if any. */
  readonly span?: Span;
  /** The scalar value under the offset, when on a scalar value. */
  readonly scalar?: string;
}

function inside(node: Node | null | undefined, offset: number): boolean {
  const r = node?.range;
  return r !== undefined && r !== null && offset >= r[0] && offset <= r[1];
}

function keyOf(node: unknown): PathSegment | undefined {
  if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value);
  return undefined;
}

function spanOf(node: Node): Span | undefined {
  return node.range ? { start: node.range[0], end: node.range[1] } : undefined;
}

/** Never throws; returns the empty path outside the document's content. */
export function locate(document: Document.Parsed, offset: number): YamlLocation {
  const path: PathSegment[] = [];
  let node = document.contents as Node | null;
  // Bounded by the tree's depth: every step goes one level down.
  for (;;) {
    if (isMap(node)) {
      let next: Node | null = null;
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = pair.key as Node | null;
        const value = pair.value as Node | null;
        const name = keyOf(key);
        if (name === undefined) continue;
        const keyRange = key?.range;
        // On the key, or between the key and its value (the colon), counts as on the key.
        const valueStart = value?.range?.[0] ?? keyRange?.[1] ?? -1;
        if (keyRange && offset >= keyRange[0] && (offset <= keyRange[1] || offset < valueStart)) {
          return { path: [...path, name], onKey: true, span: spanOf(key as Node) };
        }
        if (inside(value, offset)) {
          path.push(name);
          next = value;
          break;
        }
      }
      if (!next) return { path, onKey: false };
      node = next;
    } else if (isSeq(node)) {
      const index = (node.items as Node[]).findIndex((item) => inside(item, offset));
      if (index < 0) return { path, onKey: false };
      path.push(index);
      node = node.items[index] as Node;
    } else if (isScalar(node)) {
      const value = node.value;
      const scalar = typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : undefined;
      return { path, onKey: false, span: spanOf(node), scalar };
    } else {
      return { path, onKey: false };
    }
  }
}
