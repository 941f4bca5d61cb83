/**
 * The one reader of the runbook's JSON Schema (schemas/runbook.schema.json), built once and used by
 * validation (schema.ts: the compiled ajv validator and the schema behind each error), completion
 * (keys and values at a YAML path), hover (key descriptions) and fixes (examples). It walks
 * `properties`, `patternProperties`, `additionalProperties`, `items`, `$ref` into
 * `definitions`/`$defs` (cycle-safe) and the `allOf`/`anyOf`/`oneOf`/`then`/`else` branches.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import bundledSchema from '../../../schemas/runbook.schema.json';

/** The subset of JSON Schema the product reads. */
export interface JsonSchema {
  readonly $ref?: string;
  readonly type?: string | readonly string[];
  readonly title?: string;
  readonly description?: string;
  readonly markdownDescription?: string;
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly additionalProperties?: JsonSchema | boolean;
  readonly patternProperties?: Readonly<Record<string, JsonSchema>>;
  readonly items?: JsonSchema | readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly then?: JsonSchema;
  readonly else?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly required?: readonly string[];
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly pattern?: string;
  readonly definitions?: Readonly<Record<string, JsonSchema>>;
  readonly $defs?: Readonly<Record<string, JsonSchema>>;
  readonly [keyword: string]: unknown;
}

/** A step of a path into a runbook: a mapping key, or a sequence index (`ANY_ITEM`: some item). */
export type PathSegment = string | number;
export const ANY_ITEM = -1;

const MAX_REF_HOPS = 8;
const MAX_EXPAND_DEPTH = 12;

function isSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function safeRegExp(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, 'u');
  } catch {
    return undefined; // an invalid pattern in the schema matches nothing
  }
}

export class SchemaService {
  private compiled: ValidateFunction | undefined;
  private readonly patterns = new Map<string, RegExp | undefined>();

  constructor(readonly root: JsonSchema) {}

  /** The schema compiled once on first use (strict mode: unknown keywords are errors). */
  validator(): ValidateFunction {
    if (!this.compiled) {
      const ajv = new Ajv({
        allErrors: true,
        strict: true,
        // Quantities are `["string", "number"]`: a bare number is a quantity with its unit missing.
        allowUnionTypes: true,
        // `storage` is tagged by `strategy`: only the matching branch is checked (one clear error).
        discriminator: true,
        // `parentSchema` and `data` feed the messages (allowed keys, examples, the value seen).
        verbose: true,
      });
      this.compiled = ajv.compile(this.root as object);
    }
    return this.compiled;
  }

  /** A JSON pointer (`#/definitions/x`) into the root. */
  pointer(ref: string): JsonSchema | undefined {
    let target: unknown = this.root;
    for (const raw of ref.replace(/^#\/?/, '').split('/').filter((s) => s !== '')) {
      const part = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
      target = isSchema(target) ? target[part] : undefined;
    }
    return isSchema(target) ? target : undefined;
  }

  /** The node with its `$ref` chain followed (at most 8 hops, so a reference cycle ends). */
  deref(node: unknown): JsonSchema | undefined {
    let current = node;
    for (let i = 0; i < MAX_REF_HOPS && isSchema(current) && typeof current.$ref === 'string'; i++) current = this.pointer(current.$ref);
    return isSchema(current) ? current : undefined;
  }

  /** The node (dereferenced) and every schema it combines with, flattened. */
  expand(node: unknown, depth = 0): JsonSchema[] {
    const resolved = this.deref(node);
    if (!resolved || depth > MAX_EXPAND_DEPTH) return [];
    const out: JsonSchema[] = [resolved];
    for (const list of [resolved.allOf, resolved.anyOf, resolved.oneOf]) for (const branch of list ?? []) out.push(...this.expand(branch, depth + 1));
    if (resolved.then) out.push(...this.expand(resolved.then, depth + 1));
    if (resolved.else) out.push(...this.expand(resolved.else, depth + 1));
    return out;
  }

  private matches(pattern: string, key: string): boolean {
    if (!this.patterns.has(pattern)) this.patterns.set(pattern, safeRegExp(pattern));
    return this.patterns.get(pattern)?.test(key) ?? false;
  }

  /** The schema one step below `node` (not expanded): a property, a pattern property, the additional properties, an item. */
  child(node: JsonSchema, segment: PathSegment): JsonSchema | undefined {
    if (typeof segment === 'number') {
      if (isSchema(node.items)) return node.items;
      if (Array.isArray(node.items) && segment >= 0 && isSchema(node.items[segment])) return node.items[segment] as JsonSchema;
      return undefined;
    }
    const property = node.properties?.[segment];
    if (isSchema(property)) return property;
    for (const [pattern, sub] of Object.entries(node.patternProperties ?? {})) if (isSchema(sub) && this.matches(pattern, segment)) return sub;
    return isSchema(node.additionalProperties) ? node.additionalProperties : undefined;
  }

  /** Every schema that applies at `path` (several where combinators branch); [] when none. */
  schemasAt(path: readonly PathSegment[]): JsonSchema[] {
    let current = this.expand(this.root);
    for (const segment of path) {
      const next: JsonSchema[] = [];
      for (const node of current) {
        const sub = this.child(node, segment);
        if (sub) next.push(...this.expand(sub));
      }
      if (next.length === 0) return [];
      current = next;
    }
    return current;
  }

  /**
   * The one schema at an instance path as ajv reports it (`/vms/db01/memory`: keys and indexes as
   * text), following properties, items and additional properties without entering combinators.
   */
  instanceSchemaAt(segments: readonly string[]): JsonSchema | undefined {
    let current = this.deref(this.root);
    for (const segment of segments) {
      if (!current) return undefined;
      const props = current.properties ?? {};
      const next: unknown = segment in props ? props[segment] : /^\d+$/.test(segment) && isSchema(current.items) ? current.items : current.additionalProperties;
      current = this.deref(next);
    }
    return current;
  }

  /** The node's own `properties` (dereferenced), or none. */
  propertiesOf(node: unknown): Readonly<Record<string, JsonSchema>> {
    return this.deref(node)?.properties ?? {};
  }

  /** A named definition (`definitions` or `$defs`). */
  definition(name: string): JsonSchema | undefined {
    return this.root.definitions?.[name] ?? this.root.$defs?.[name];
  }

  /** The first title and description found for the key at `path`. */
  keyDocumentation(path: readonly PathSegment[]): { readonly title?: string; readonly markdownDescription?: string; readonly description?: string } | undefined {
    for (const node of this.schemasAt(path)) {
      if (typeof node.markdownDescription === 'string' || typeof node.description === 'string') {
        return { title: typeof node.title === 'string' ? node.title : undefined, markdownDescription: node.markdownDescription, description: node.description };
      }
    }
    return undefined;
  }
}

let bundled: SchemaService | undefined;

/** The service of the bundled runbook schema, built once for the process (the schema never changes). */
export function runbookSchemaService(): SchemaService {
  bundled ??= new SchemaService(bundledSchema as unknown as JsonSchema);
  return bundled;
}
