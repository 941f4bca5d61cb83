/**
 * JSON Schema validation (ajv, schemas/runbook.schema.json) mapped onto YAML source ranges.
 *
 * Codes: RB002 unknown property (on the key), RB003 missing required property (on the owning key),
 * RB004 wrong type or value not allowed (on the value), RB005 a key that does not belong to the
 * chosen variant of a tagged union (`storage.strategy`). Quantity units and dates are left to the
 * model (RB010, RB011): the schema only checks that they are scalars, so no value is reported twice.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isAlias, isMap, isScalar, isSeq, stringify, type Document, type Node, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Finding, RelatedLocation } from './findings';
import { nearest } from '../../../shared/src/text/nearest';
import { DocumentMemo } from './memo';
import { runbookSchemaService, type JsonSchema, type PathSegment } from './schemaService';
import type { Span } from './text';

export const UNKNOWN_PROPERTY_CODE = 'RB002';
export const MISSING_PROPERTY_CODE = 'RB003';
export const BAD_VALUE_CODE = 'RB004';
export const UNION_CODE = 'RB005';

/** Same limit as the YAML layer (parse.ts); a document over it is reported there, not here. */
const MAX_ALIAS_COUNT = 100;

type SchemaNode = JsonSchema;

/** The bundled schema's validator (schemaService.ts compiles it once). */
export function runbookValidator(): ValidateFunction {
  return runbookSchemaService().validator();
}

export function runbookSchema(): SchemaNode {
  return runbookSchemaService().root;
}

/** Validates the document against the runbook schema. Never throws. */
export function validateSchema(document: Document.Parsed, memo: DocumentMemo = new DocumentMemo()): Finding[] {
  try {
    return validate(document, memo);
  } catch {
    // A bug here must not take the editor down; the model and rules still report what they can.
    return [];
  }
}

function validate(document: Document.Parsed, memo: DocumentMemo): Finding[] {
  const root = document.contents as Node | null;
  const yamlErrors = document.errors.map((e) => ({ start: e.pos[0], end: Math.max(e.pos[0] + 1, e.pos[1]) }));
  // With syntax errors and nothing recovered there is nothing useful to say beyond RB001.
  if (yamlErrors.length > 0 && !isMap(root)) return [];
  const data = plainValue(document, root, memo);
  if (data === TOO_MANY_ALIASES) return []; // an alias bomb is the YAML layer's to report
  const validator = runbookValidator();
  if (validator(data)) return [];
  const mapper = new ErrorMapper(document, root);
  const findings = mapper.map(validator.errors ?? []);
  const seen = new Set<string>();
  return findings.filter((f) => {
    // Where the YAML is broken the value is unusable: RB001 already says so.
    if (yamlErrors.some((e) => overlaps(e, f.span) || (f.code === MISSING_PROPERTY_CODE && mapper.ownerContains(f, e.start)))) return false;
    const key = `${f.code}:${f.span.start}:${f.span.end}:${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const TOO_MANY_ALIASES = Symbol('too many aliases');


/**
 * The AST as plain data for ajv, like `document.toJS()` (and as fast: ~15-20 ms for 5,000 VMs) but
 * with the model's reading of keys: the first of duplicate keys wins, keys that are not scalars
 * become '?' (the YAML layer reports them), nothing is printed. Aliases are expanded, at most
 * MAX_ALIAS_COUNT of them in all (an alias bomb yields no schema findings).
 */
function plainValue(document: Document.Parsed, root: Node | null, memo: DocumentMemo): unknown {
  let aliases = 0;
  /**
   * An item of a top-level section (a VM, a wave, ...) is what the incremental re-parse replaces
   * when it is edited (incremental.ts), so an unchanged item node has unchanged content: its plain
   * value is reused (the document's memo keeps it; ajv does not modify its input). Not when it holds
   * an alias (what that expands to lives elsewhere).
   */
  const convertItem = (node: unknown): unknown => {
    if (node === null || typeof node !== 'object') return convert(node);
    const known = memo.plainItems.get(node);
    if (known !== undefined) return known;
    const aliasesBefore = aliases;
    const value = convert(node);
    if (aliases === aliasesBefore) memo.plainItems.set(node, value);
    return value;
  };
  const convertSection = (node: unknown): unknown => {
    if (isMap(node) && !(node as YAMLMap).flow) return convertMap(node as YAMLMap, convertItem);
    if (isSeq(node) && !(node as YAMLSeq).flow) return ((node as YAMLSeq).items as unknown[]).map(convertItem);
    return convert(node);
  };
  const convertMap = (node: YAMLMap, convertValue: (value: unknown) => unknown): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const pair of node.items as Pair[]) {
      const key = keyText(pair) ?? (isScalar(pair.key) && pair.key.value === null ? '' : '?');
      if (Object.prototype.hasOwnProperty.call(out, key)) continue; // first wins, as in model.ts
      // defineProperty: a key such as `__proto__` stays an ordinary own property.
      if (key === '__proto__') Object.defineProperty(out, key, { value: convertValue(pair.value), enumerable: true, writable: true, configurable: true });
      else out[key] = convertValue(pair.value);
    }
    return out;
  };
  const convert = (node: unknown): unknown => {
    if (isAlias(node)) {
      if (++aliases > MAX_ALIAS_COUNT) throw TOO_MANY_ALIASES;
      return convert(node.resolve(document));
    }
    if (isScalar(node)) return node.value;
    if (isMap(node)) return convertMap(node, convert);
    if (isSeq(node)) return (node.items as unknown[]).map(convert);
    return null;
  };
  try {
    return isMap(root) && !root.flow ? convertMap(root, convertSection) : convert(root);
  } catch (error) {
    if (error === TOO_MANY_ALIASES || error instanceof RangeError) return TOO_MANY_ALIASES;
    throw error;
  }
}

function overlaps(a: Span, b: Span): boolean {
  return a.start < b.end && b.start < a.end;
}

// ---------------------------------------------------------------------------------------------
// Locating instance paths in the YAML AST

interface Located {
  /** The value node at the path (undefined when the path does not exist in the AST). */
  readonly node?: Node | null;
  /** The key node of the pair holding the value (for map entries). */
  readonly key?: Node;
  /** True when the value is an item of a sequence. */
  readonly inSeq: boolean;
}

function nodeSpan(node: Node | null | undefined): Span | undefined {
  const r = node?.range;
  return r ? { start: r[0], end: Math.max(r[0], r[1]) } : undefined;
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key as Node | null;
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number' || typeof key.value === 'boolean')) return String(key.value);
  return undefined;
}

function unescapePointer(segment: string): string {
  return segment.replace(/~1/g, '/').replace(/~0/g, '~');
}

function segmentsOf(instancePath: string): string[] {
  return instancePath === '' ? [] : instancePath.slice(1).split('/').map(unescapePointer);
}

class ErrorMapper {
  private readonly ownerSpans = new WeakMap<Finding, Span>();

  constructor(
    private readonly document: Document.Parsed,
    private readonly root: Node | null,
  ) {}

  ownerContains(finding: Finding, offset: number): boolean {
    const s = this.ownerSpans.get(finding);
    return s !== undefined && s.start <= offset && offset <= s.end;
  }

  // Per-mapping key index: 20,000 VMs each missing a key would otherwise scan the map 20,000 times.
  private readonly keyIndex = new WeakMap<object, Map<string, Pair>>();

  private pairIn(map: { items: unknown[] }, key: string): Pair | undefined {
    let index = this.keyIndex.get(map);
    if (!index) {
      index = new Map();
      for (const p of map.items as Pair[]) {
        const k = keyText(p);
        if (k !== undefined && !index.has(k)) index.set(k, p); // the first of duplicate keys, as find() did
      }
      this.keyIndex.set(map, index);
    }
    return index.get(key);
  }

  private deref(node: Node | null | undefined): Node | null | undefined {
    // An alias stands for its anchor's node; follow it (a few hops at most) to walk on.
    let current = node;
    for (let i = 0; i < 8 && current && isAlias(current); i++) current = current.resolve(this.document) as Node | undefined;
    return current;
  }

  locate(segments: readonly string[]): Located {
    let node: Node | null | undefined = this.root;
    let key: Node | undefined;
    let inSeq = false;
    for (const segment of segments) {
      const current = this.deref(node);
      if (isMap(current)) {
        const pair = this.pairIn(current, segment);
        if (!pair) return { inSeq };
        key = pair.key as Node;
        node = pair.value as Node | null;
        inSeq = false;
      } else if (isSeq(current)) {
        const index = Number(segment);
        const item = Number.isInteger(index) ? (current.items[index] as Node | null | undefined) : undefined;
        if (item === undefined) return { inSeq };
        key = undefined;
        node = item;
        inSeq = true;
      } else {
        return { inSeq };
      }
    }
    return { node, key, inSeq };
  }

  /** The value's span; an empty value (`key:`) points at its key instead. */
  valueSpan(segments: readonly string[]): Span {
    const at = this.locate(segments);
    const value = nodeSpan(at.node);
    if (value && value.end > value.start) return value;
    const key = nodeSpan(at.key);
    if (key) return key;
    return value ?? this.fallback(segments);
  }

  /** The span that names an object: its key, the first line of a list item, or the document start. */
  ownerSpan(segments: readonly string[]): Span {
    const at = this.locate(segments);
    const key = nodeSpan(at.key);
    if (key && !at.inSeq) return key;
    const value = nodeSpan(at.node);
    if (value) {
      const firstPair = isMap(at.node) ? (at.node.items[0] as Pair | undefined) : undefined;
      const firstKey = firstPair ? nodeSpan(firstPair.key as Node) : undefined;
      // A list item or the root: the first key inside it is on its first line.
      if (firstKey) return firstKey;
      return value;
    }
    return this.fallback(segments);
  }

  keySpan(segments: readonly string[], property: string): Span {
    const at = this.locate([...segments, property]);
    return nodeSpan(at.key) ?? this.valueSpan(segments);
  }

  /** Nearest existing ancestor's span, for paths that do not resolve (e.g. via merge keys). */
  private fallback(segments: readonly string[]): Span {
    for (let n = segments.length - 1; n >= 0; n--) {
      const at = this.locate(segments.slice(0, n));
      const s = nodeSpan(at.key) ?? nodeSpan(at.node);
      if (s) return s;
    }
    return { start: 0, end: 0 };
  }

  map(errors: readonly ErrorObject[]): Finding[] {
    const findings: Finding[] = [];
    const unions = new Map<string, ErrorObject[]>();
    for (const error of errors) {
      // Alternatives are reported through their sub-errors; the discriminator's own error repeats
      // the `required`/`enum` error of the tag property; date patterns are RB011's (model.ts).
      if (error.keyword === 'discriminator' || error.keyword === 'oneOf' || error.keyword === 'anyOf' || error.keyword === 'if' || error.keyword === 'propertyNames') continue;
      if (error.keyword === 'pattern' && error.schema === dateTimePattern()) continue;
      if (error.keyword === 'additionalProperties' && /\/oneOf\/\d+\/additionalProperties$/.test(error.schemaPath)) {
        const group = unions.get(error.instancePath) ?? [];
        group.push(error);
        unions.set(error.instancePath, group);
        continue;
      }
      const finding = this.one(error);
      if (finding) findings.push(finding);
    }
    for (const group of unions.values()) findings.push(...this.union(group));
    return findings;
  }

  private one(error: ErrorObject): Finding | undefined {
    const segments = segmentsOf(error.instancePath);
    switch (error.keyword) {
      case 'additionalProperties':
        return this.unknownProperty(segments, String((error.params as { additionalProperty: string }).additionalProperty), error.parentSchema as SchemaNode | undefined);
      case 'required':
        return this.missing(segments, String((error.params as { missingProperty: string }).missingProperty), error.parentSchema as SchemaNode | undefined);
      default:
        return this.badValue(error, segments);
    }
  }

  private unknownProperty(segments: readonly string[], property: string, parent: SchemaNode | undefined): Finding {
    const allowed = Object.keys(propertiesOf(parent));
    const guess = nearest(property, allowed);
    const where = describeOwner(segments);
    const hint = guess ? ` Did you mean '${guess}'?` : allowed.length > 0 ? ` Allowed: ${allowed.map((k) => `'${k}'`).join(', ')}.` : '';
    return {
      code: UNKNOWN_PROPERTY_CODE,
      severity: 'error',
      message: `Unknown property '${property}' in ${where}; it would be ignored.${hint}`,
      span: this.keySpan(segments, property),
      fix: guess ? { fix: 'replace-value', replacement: guess } : undefined,
    };
  }

  private missing(segments: readonly string[], property: string, parent: SchemaNode | undefined): Finding {
    const schema = resolve(propertiesOf(parent)[property]);
    const example = exampleOf(schema);
    const what = schema && typeof schema.description === 'string' ? ` (${firstSentence(schema.description)})` : '';
    const finding: Finding = {
      code: MISSING_PROPERTY_CODE,
      severity: 'error',
      message: `${capitalize(describeOwner(segments))} is missing required property '${property}'${what}.${example !== undefined ? ` For example: '${property}: ${example}'.` : ''}`,
      span: this.ownerSpan(segments),
      fix: example !== undefined ? { fix: 'add-key', path: segments.map(toSegment), key: property, value: example } : undefined,
    };
    const owner = nodeSpan(this.locate(segments).node);
    if (owner) this.ownerSpans.set(finding, owner);
    return finding;
  }

  private badValue(error: ErrorObject, segments: readonly string[]): Finding | undefined {
    const schema = error.parentSchema as SchemaNode | undefined;
    const data: unknown = error.data;
    const params = error.params as Record<string, unknown>;
    // Ids are keys: a bad id is reported on the key itself.
    if (error.keyword === 'pattern' && typeof error.propertyName === 'string') {
      return {
        code: BAD_VALUE_CODE,
        severity: 'error',
        message: `'${error.propertyName}' is not a valid id in ${describeOwner(segments)}: an id starts with a letter or digit and has only letters, digits, '_', '.' or '-' (no spaces).`,
        span: this.keySpan(segments, error.propertyName),
      };
    }
    const name = describeValue(segments);
    const seen = describeData(data);
    let span = this.valueSpan(segments);
    let message: string;
    let replacement: string | undefined;
    switch (error.keyword) {
      case 'enum':
      case 'const': {
        const allowed = (error.keyword === 'enum' ? (params.allowedValues as unknown[]) : [params.allowedValue]).map(String);
        const guess = typeof data === 'string' || typeof data === 'number' ? nearest(String(data), allowed) : undefined;
        replacement = allowed.length === 1 ? allowed[0] : guess;
        const list = allowed.map((v) => `'${v}'`).join(', ');
        message = allowed.length === 1
          ? `${name} must be ${list}; found ${seen}.`
          : `${name} is ${seen}, which is not allowed; use one of ${list}.${guess ? ` Did you mean '${guess}'?` : ''}`;
        if (segments.length === 1 && segments[0] === 'runbook') message = `'runbook' must be 1, the format version this engine reads; found ${seen}.`;
        break;
      }
      case 'type': {
        const expected = expectedOf(schema, String(params.type));
        message = `${name} must be ${expected}; found ${seen}.`;
        const wanted = String(params.type);
        if (typeof data === 'string' && /^(integer|number)$/.test(wanted) && data.trim() !== '' && Number.isFinite(Number(data))) {
          const n = Number(data);
          if (wanted === 'number' || Number.isInteger(n)) replacement = String(n);
        }
        break;
      }
      case 'pattern': {
        const example = exampleOf(schema);
        message = `${name} is ${seen}, which is not in the expected form${example !== undefined ? `; write e.g. '${example}'` : ''}.`;
        break;
      }
      case 'minimum':
      case 'maximum':
      case 'exclusiveMinimum':
      case 'exclusiveMaximum':
        message = `${name} must be ${String(params.comparison)} ${String(params.limit)}; found ${seen}.`;
        break;
      case 'minItems':
        message = `${name} must list at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}.`;
        break;
      case 'minProperties':
        message = `${name} must define at least ${String(params.limit)} entr${params.limit === 1 ? 'y' : 'ies'}.`;
        break;
      case 'minLength':
        message = `${name} must not be empty.`;
        break;
      case 'uniqueItems': {
        const j = Number(params.j);
        const i = Number(params.i);
        // Point at the repeat (ajv's i is the later index, j the earlier).
        const later = Math.max(i, j);
        span = this.valueSpan([...segments, String(later)]);
        const item = Array.isArray(data) ? describeData(data[later]) : 'an item';
        message = `${name} lists ${item} more than once.`;
        break;
      }
      default:
        message = `${name}: ${error.message ?? 'not allowed'}.`;
    }
    return { code: BAD_VALUE_CODE, severity: 'error', message, span, fix: replacement !== undefined ? { fix: 'replace-value', replacement } : undefined };
  }

  /** Keys that the chosen variant of a tagged union does not take: one finding per union value. */
  private union(group: readonly ErrorObject[]): Finding[] {
    const segments = segmentsOf(group[0].instancePath);
    // schemaPath is relative to the $ref'd definition, so find the union from the instance path.
    const unionSchema = schemaAt(segments);
    const tag = isNode(unionSchema?.discriminator) ? String(unionSchema.discriminator.propertyName) : 'strategy';
    const branches = Array.isArray(unionSchema?.oneOf) ? (unionSchema.oneOf as unknown[]).filter(isNode) : [];
    const tagValue = this.tagValue(segments, tag);
    const allKeys = new Set<string>([...Object.keys(propertiesOf(unionSchema)), ...branches.flatMap((b) => Object.keys(propertiesOf(b)))]);
    const findings: Finding[] = [];
    const misplaced: { key: string; takenBy: string[] }[] = [];
    for (const error of group) {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      if (!allKeys.has(key)) {
        // Not part of any variant: a plain unknown key (probably a typo).
        findings.push(this.unknownProperty(segments, key, { properties: Object.fromEntries([...allKeys].map((k) => [k, {}])) }));
        continue;
      }
      const takenBy = branches.filter((b) => key in propertiesOf(b)).map((b) => String(resolve(propertiesOf(b)[tag])?.const ?? '?'));
      misplaced.push({ key, takenBy });
    }
    if (misplaced.length > 0) {
      const keys = misplaced.map((m) => `'${m.key}'`).join(', ');
      const reasons = misplaced.map((m) => `'${m.key}' applies only to ${m.takenBy.map((t) => `'${t}'`).join(' or ')}`).join('; ');
      const related: RelatedLocation[] = [];
      const tagSpan = this.valueSpan([...segments, tag]);
      related.push({ span: tagSpan, message: `${tag} '${tagValue}' is chosen here` });
      findings.push({
        code: UNION_CODE,
        severity: 'error',
        message: `${capitalize(describeOwner(segments))}: ${keys} ${misplaced.length === 1 ? 'does' : 'do'} not belong with ${tag} '${tagValue}' (${reasons}). Remove ${misplaced.length === 1 ? 'it' : 'them'} or change the ${tag}.`,
        span: this.keySpan(segments, misplaced[0].key),
        related,
      });
    }
    return findings;
  }

  private tagValue(segments: readonly string[], tag: string): string {
    const node = this.deref(this.locate([...segments, tag]).node);
    return isScalar(node) ? String(node.value) : '?';
  }
}

// ---------------------------------------------------------------------------------------------
// Schema helpers

function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolve(schema: unknown): SchemaNode | undefined {
  return runbookSchemaService().deref(schema);
}

/** The (dereferenced) schema that applies at an instance path, following properties/items. */
function schemaAt(segments: readonly string[]): SchemaNode | undefined {
  return runbookSchemaService().instanceSchemaAt(segments);
}

function dateTimePattern(): unknown {
  return runbookSchemaService().definition('dateTime')?.pattern;
}

function propertiesOf(schema: unknown): Readonly<Record<string, unknown>> {
  return runbookSchemaService().propertiesOf(schema);
}

/** A YAML rendering of the schema's first example (else its default), for messages and fixes. */
function exampleOf(schema: SchemaNode | undefined): string | undefined {
  const s = resolve(schema);
  if (!s) return undefined;
  const value = Array.isArray(s.examples) && s.examples.length > 0 ? s.examples[0] : s.default;
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return stringify(value, { collectionStyle: 'flow' }).trim();
}

function expectedOf(schema: SchemaNode | undefined, type: string): string {
  const s = resolve(schema);
  const isQuantity = typeof s?.$comment === 'string' && s.$comment.startsWith('quantity');
  const example = exampleOf(s);
  if (isQuantity) return `a quantity with a unit${example ? `, e.g. '${example}'` : ''}`;
  const words: Record<string, string> = {
    object: 'a map of keys and values',
    array: 'a list',
    string: 'text',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
    'string,number': 'text',
    'string,number,object': 'a quantity or a map',
  };
  const base = words[type] ?? type;
  return example !== undefined && !/^[[{]/.test(example) ? `${base}, e.g. '${example}'` : base;
}

function firstSentence(text: string): string {
  const m = /^(.*?[.:])(\s|$)/.exec(text);
  return (m ? m[1] : text).replace(/[.:]$/, '');
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function toSegment(segment: string): PathSegment {
  return /^\d+$/.test(segment) ? Number(segment) : segment;
}

const SECTION_NOUN: Record<string, string> = { sites: 'site', links: 'link', vms: 'VM' };
const SECTION_NAME: Record<string, string> = { storage: 'the storage plan', network: 'the network plan' };

/** Words for the object at `segments`: "the runbook", "link 'ewr-phl'", "wave 2", "window of wave 1". */
function describeOwner(segments: readonly string[]): string {
  if (segments.length === 0) return 'the runbook';
  const [section, id, ...rest] = segments;
  let base: string;
  if (id === undefined) base = SECTION_NAME[section] ?? `'${section}'`;
  else if (section === 'waves' && /^\d+$/.test(id)) base = `wave ${Number(id) + 1}`;
  else if (SECTION_NOUN[section]) base = `${SECTION_NOUN[section]} '${id}'`;
  else base = `'${section}.${id}'`;
  if (rest.length === 0) return base;
  return `'${rest.join('.')}' of ${base}`;
}

/** Words for the value at `segments`: "'bandwidth' of link 'x'", "item 2 of 'vms' of wave 1". */
function describeValue(segments: readonly string[]): string {
  if (segments.length === 0) return 'The runbook';
  const last = segments[segments.length - 1];
  const owner = segments.slice(0, -1);
  if (/^\d+$/.test(last) && owner.length > 0 && owner[0] !== 'waves') return `Item ${Number(last) + 1} of ${describeOwner(owner)}`;
  if (/^\d+$/.test(last) && owner.length === 1) return capitalize(describeOwner(segments));
  if (/^\d+$/.test(last)) return `Item ${Number(last) + 1} of ${describeOwner(owner)}`;
  if (owner.length === 0) return `'${last}'`;
  // Entries of the id-keyed sections are named by the section noun.
  if (owner.length === 1 && SECTION_NOUN[owner[0]]) return capitalize(describeOwner(segments));
  return `'${last}' of ${describeOwner(owner)}`;
}

function describeData(data: unknown): string {
  if (data === null || data === undefined) return 'nothing (the value is empty)';
  if (Array.isArray(data)) return 'a list';
  if (typeof data === 'object') return 'a map';
  if (typeof data === 'string') return `'${data.length > 60 ? `${data.slice(0, 57)}...` : data}'`;
  return String(data);
}
