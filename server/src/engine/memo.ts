/**
 * Per-document state: everything one document's analyses reuse across its edits, in one object
 * that belongs to the document (the service keeps it in the document's cache entry, inside its
 * latest analysis). `analyze` starts a new memo; `reanalyze` hands the previous analysis's memo to
 * the next one. Two documents never share a memo, so editing them in turn never resets either,
 * and nothing is kept for the process (tests start clean).
 *
 * Each table is keyed by identity: a YAML node that the incremental re-parse kept (incremental.ts)
 * or a model entry built from such a node. A full parse makes new nodes, and entries for the old
 * ones are collected with them (weak keys).
 */
import type { Scalar } from 'yaml';
import { BuiltOnce } from './builtOnce';
import { EstimateMemo } from './estimate/memo';
import type { Finding } from './findings';

/** A span the model builder made. Mutable so that a memoised entry can follow its text (model.ts). */
export interface MovableSpan {
  start: number;
  end: number;
}

/** A model entry as built from its node, with the spans it made (model.ts Builder.memoised). */
export interface MemoisedModelEntry {
  readonly value: unknown;
  readonly findings: readonly Finding[];
  readonly spans: readonly MovableSpan[];
  /** Where the node started when `spans` were last right. */
  anchor: number;
}

export class DocumentMemo {
  /** parse.ts: the duplicate keys inside each section item, by the item's node. */
  readonly itemDuplicates = new WeakMap<object, readonly (readonly [Scalar, Scalar])[]>();
  /** schema.ts: each section item's plain value for ajv, by node (not for items with aliases). */
  readonly plainItems = new WeakMap<object, unknown>();
  /** model.ts: model entries by the node they were built from. */
  readonly modelEntries = new WeakMap<object, MemoisedModelEntry>();
  /** estimate/: VM estimates (forward, at the real share, the way back), wave schedules, contexts. */
  readonly estimates = new EstimateMemo();
  /** Rules that keep something between analyses of this document, by rule code (each owns its entry). */
  readonly rules = new Map<string, unknown>();
  private readonly perAnalysis = new WeakMap<object, BuiltOnce>();

  /**
   * Something derived from one analysis of this document (a symbol index, its inlay hints), built
   * once per analysis by `build` and kept as long as that analysis is. `key` names the kind
   * (`<module>.<what>`): one table per kind, so features cannot collide.
   */
  derived<T>(analysis: object, key: string, build: () => T): T {
    let table = this.perAnalysis.get(analysis);
    if (!table) this.perAnalysis.set(analysis, (table = new BuiltOnce()));
    return table.get(key, build);
  }

  /**
   * The analysis that holds this memo now. An analysis handed to `reanalyze` is superseded: the
   * entries the new one reuses have their spans moved to the new text (analyze.ts).
   */
  latest: object | undefined;
}
