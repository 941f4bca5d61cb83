import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Ajv from 'ajv';
import type { Finding } from './findings';
import { nearest } from '../../../shared/src/text/nearest';
import { parseYaml } from './parse';
import { runbookSchema, runbookValidator, validateSchema } from './schema';

// Compiled tests run from an out-of-tree folder; the samples are read from the repository.
const repoRoot = resolve(process.env.REPO_ROOT ?? process.cwd());
const samplesDir = join(repoRoot, 'samples');
const samples = readdirSync(samplesDir).filter((f) => f.endsWith('.runbook.yaml'));
const metro = readFileSync(join(samplesDir, 'metro-stretched-vlan.runbook.yaml'), 'utf8');

function check(text: string): Finding[] {
  return validateSchema(parseYaml(text).document);
}

/** Replaces exactly one occurrence (so a test cannot silently edit nothing). */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  assert.ok(at >= 0 && text.indexOf(from, at + 1) < 0, `'${from}' must occur exactly once`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

function at(text: string, f: Finding): string {
  return text.slice(f.span.start, f.span.end);
}

test('there are samples, and each one has no schema findings', () => {
  assert.ok(samples.length >= 4, `samples: ${samples.join(', ')}`);
  for (const name of samples) {
    const text = readFileSync(join(samplesDir, name), 'utf8');
    const parsed = parseYaml(text);
    assert.deepEqual(parsed.findings, [], `${name}: YAML`);
    assert.deepEqual(validateSchema(parsed.document), [], name);
  }
});

test('unknown key: RB002 on the key, with a did-you-mean and a fix', () => {
  const text = edit(metro, '    transport: tcp', '    los: 0.001 %\n    transport: tcp');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'RB002');
  assert.equal(at(text, f[0]), 'los');
  assert.equal(f[0].span.start, text.indexOf('    los:') + 4);
  assert.match(f[0].message, /Unknown property 'los' in link 'ewr-phl'.*Did you mean 'loss'\?/);
  assert.deepEqual(f[0].fix, { fix: 'replace-value', replacement: 'loss' });
});

test('unknown key without a near miss lists the allowed keys', () => {
  const text = edit(metro, '  strategy: stretched-vlan', '  strategy: stretched-vlan\n  vendor: cisco');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(at(text, f[0]), 'vendor');
  assert.match(f[0].message, /Allowed: 'strategy'\./);
  assert.equal(f[0].fix, undefined);
});

test('missing required key: RB003 on the owning key, with an add-key fix', () => {
  const text = edit(metro, '    bandwidth: 10 Gbps\n', '');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'RB003');
  assert.equal(at(text, f[0]), 'ewr-phl');
  assert.equal(f[0].span.start, text.indexOf('  ewr-phl:') + 2);
  assert.match(f[0].message, /Link 'ewr-phl' is missing required property 'bandwidth'/);
  assert.deepEqual(f[0].fix, { fix: 'add-key', path: ['links', 'ewr-phl'], key: 'bandwidth', value: '10 Gbps' });
});

test('missing key in a wave points at the wave item and gives a list example', () => {
  const text = edit(metro, '    vms: [db01]\n', '');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'RB003');
  assert.equal(at(text, f[0]), 'name'); // the first key of the list item, on its `- ` line
  assert.equal(f[0].span.start, text.indexOf('  - name: Wave 1') + 4);
  assert.deepEqual(f[0].fix, { fix: 'add-key', path: ['waves', 0], key: 'vms', value: '[ db01 ]' });
});

test('missing top-level key points at the first key of the document', () => {
  const text = edit(metro, 'name: Boston to Secaucus metro-region consolidation\n', '');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'RB003');
  assert.equal(at(text, f[0]), 'runbook');
  assert.match(f[0].message, /The runbook is missing required property 'name'/);
});

test('wrong enum value: RB004 on the value, with the allowed values and a replacement', () => {
  const text = edit(metro, '    transport: tcp', '    transport: wan-optimised');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'RB004');
  assert.equal(at(text, f[0]), 'wan-optimised');
  assert.match(f[0].message, /'wan-optimised'.*'tcp', 'wan-optimized'.*Did you mean 'wan-optimized'\?/);
  assert.deepEqual(f[0].fix, { fix: 'replace-value', replacement: 'wan-optimized' });
});

test('enum near misses: case, underscores and swapped letters', () => {
  const cases: [string, string][] = [
    ['Replication_Async', 'replication-async'],
    ['storage-vmtoion', 'storage-vmotion'],
  ];
  for (const [typo, expected] of cases) {
    const text = edit(metro, '  strategy: storage-vmotion', `  strategy: ${typo}`);
    const f = check(text);
    assert.equal(f.length, 1, typo);
    assert.equal(at(text, f[0]), typo);
    assert.deepEqual(f[0].fix, { fix: 'replace-value', replacement: expected });
  }
  const far = edit(metro, '  strategy: storage-vmotion', '  strategy: carrier-pigeon');
  const f = check(far);
  assert.equal(f.length, 1);
  assert.equal(f[0].fix, undefined);
  assert.doesNotMatch(f[0].message, /Did you mean/);
});

test('wrong type: RB004 on the value; a quoted number gets a replacement', () => {
  const words = edit(metro, 'concurrency: 2', 'concurrency: "two"');
  const f = check(words);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'RB004');
  assert.equal(at(words, f[0]), '"two"');
  assert.match(f[0].message, /'concurrency' of wave 2 must be a whole number.*found 'two'/);
  assert.equal(f[0].fix, undefined);

  const quoted = edit(metro, 'concurrency: 2', 'concurrency: "2"');
  assert.deepEqual(check(quoted)[0].fix, { fix: 'replace-value', replacement: '2' });
});

test('a quantity of the wrong shape is one RB004; a bad unit is left to the model (RB010)', () => {
  const list = edit(metro, '    bandwidth: 10 Gbps', '    bandwidth: [10, Gbps]');
  const f = check(list);
  assert.equal(f.length, 1);
  assert.equal(at(list, f[0]), '[10, Gbps]');
  assert.match(f[0].message, /quantity with a unit, e\.g\. '10 Gbps'; found a list/);

  assert.deepEqual(check(edit(metro, '    bandwidth: 10 Gbps', '    bandwidth: 10 Gbs')), []);
  assert.deepEqual(check(edit(metro, '    bandwidth: 10 Gbps', '    bandwidth: 10')), []);
});

test('an empty value is reported on its key', () => {
  const text = edit(metro, '    bandwidth: 10 Gbps', '    bandwidth:');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(at(text, f[0]), 'bandwidth');
  assert.match(f[0].message, /found nothing/);
});

test('tagged union: a key of another storage strategy is exactly one RB005', () => {
  const text = edit(metro, '  strategy: storage-vmotion', '  strategy: shared\n  rpo: 15 min');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'RB005');
  assert.equal(at(text, f[0]), 'rpo');
  assert.match(f[0].message, /'rpo' does not belong with strategy 'shared'.*only to 'replication-async'/);
  assert.equal(f[0].related?.length, 1);
  assert.equal(at(text, { ...f[0], span: f[0].related![0].span }), 'shared');

  // A typo inside the union is an unknown key, not a union error.
  const typo = edit(metro, '  strategy: storage-vmotion', '  strategy: replication-async\n  rop: 15 min');
  const g = check(typo);
  assert.equal(g.length, 1);
  assert.equal(g[0].code, 'RB002');
  assert.match(g[0].message, /Did you mean 'rpo'\?/);

  assert.deepEqual(check(edit(metro, '  strategy: storage-vmotion', '  strategy: replication-async\n  rpo: 15 min')), []);
});

test('a bad tag value is one RB004 (no second error from the union)', () => {
  const text = edit(metro, '  strategy: storage-vmotion', '  strategy: replication');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(f[0].code, 'RB004');
  assert.equal(at(text, f[0]), 'replication');
});

test('bad id is reported on the key; duplicate list items on the repeat', () => {
  const id = edit(metro, '  web01:\n', '  web 01:\n');
  const f = check(id);
  assert.equal(f.length, 1);
  assert.equal(at(id, f[0]), 'web 01');
  assert.match(f[0].message, /not a valid id/);

  const dup = edit(metro, 'depends_on: [db01]', 'depends_on: [db01, db01]');
  const g = check(dup);
  assert.equal(g.length, 1);
  assert.equal(g[0].span.start, dup.indexOf('depends_on: [db01, db01]') + 'depends_on: [db01, '.length);
});

test('format version: runbook 2 is RB004 with a fix back to 1', () => {
  const text = edit(metro, 'runbook: 1', 'runbook: 2');
  const f = check(text);
  assert.equal(f.length, 1);
  assert.equal(at(text, f[0]), '2');
  assert.deepEqual(f[0].fix, { fix: 'replace-value', replacement: '1' });
});

test('dates: a bad date is left to the model (RB011); a number is a type error', () => {
  assert.deepEqual(check(edit(metro, '"2026-12-05T22:00:00-05:00"', '"2026-12-05T22:00:00"')), []);
  const num = edit(metro, '"2026-12-05T22:00:00-05:00"', '20261205');
  assert.equal(check(num).length, 1);
});

test('several problems give one finding each', () => {
  let text = edit(metro, '    transport: tcp', '    los: 0.001 %\n    transport: tcp');
  text = edit(text, '    transport: tcp', '    transport: udp');
  text = edit(text, '    memory: 64 GiB\n', '');
  const f = check(text);
  assert.deepEqual(f.map((x) => x.code).sort(), ['RB002', 'RB003', 'RB004']);
});

test('alias bombs, garbage and odd documents never throw', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]', 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]', 'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]'].join('\n');
  assert.deepEqual(check(bomb), []);
  const inputs = ['', '---', '- a\n- b', 'just text', '{{{ ]]] : : -', '? [a, b]\n: c', 'runbook: 1\nsites: &s {a: *s}', '__proto__: 1\nconstructor: 2', '\u0000\u0001', 'a: !!binary AAAA', 'x: [1, 2\n'];
  for (const input of inputs) {
    assert.doesNotThrow(() => check(input), input);
    for (const f of check(input)) assert.ok(f.span.start >= 0 && f.span.end >= f.span.start && f.span.end <= input.length, input);
  }
  // An honest alias is expanded and validated.
  const withAlias = edit(metro, '    window: { start: "2026-12-06T22:00:00-05:00", duration: 4h }', '    window: *w');
  const anchored = edit(withAlias, '    window: { start: "2026-12-05T22:00:00-05:00", duration: 6h }', '    window: &w { start: "2026-12-05T22:00:00-05:00", duration: 6h }');
  assert.deepEqual(check(anchored), []);
});

test('an unknown key is not reported where the YAML itself is broken', () => {
  const text = edit(metro, '    transport: tcp', '    los: [0.001 %\n    transport: tcp');
  const parsed = parseYaml(text);
  assert.ok(parsed.findings.length > 0);
  for (const f of validateSchema(parsed.document)) {
    for (const e of parsed.findings) assert.ok(f.span.end <= e.span.start || f.span.start >= e.span.end, f.message);
  }
});

test('the schema compiles in strict mode and the validator is compiled once', () => {
  const ajv = new Ajv({ strict: true, allowUnionTypes: true, discriminator: true });
  assert.doesNotThrow(() => ajv.compile(runbookSchema()));
  assert.equal(runbookValidator(), runbookValidator());
  const schema = runbookSchema();
  assert.equal(schema.$schema, 'http://json-schema.org/draft-07/schema#');
  assert.equal(typeof schema.$id, 'string');
  assert.equal(typeof schema.title, 'string');
  assert.deepEqual(schema.required, ['runbook', 'name', 'sites', 'links', 'vms', 'waves']);
});

type Node = { readonly [key: string]: unknown };
const isNode = (v: unknown): v is Node => typeof v === 'object' && v !== null && !Array.isArray(v);
function deref(node: Node): Node {
  const ref = node.$ref;
  if (typeof ref !== 'string') return node;
  let target: unknown = runbookSchema();
  for (const part of ref.slice(2).split('/')) target = isNode(target) ? target[part] : undefined;
  assert.ok(isNode(target), ref);
  return target;
}

/** Every property of every object schema, with its path. */
function allProperties(): { path: string; schema: Node }[] {
  const out: { path: string; schema: Node }[] = [];
  const seen = new Set<Node>();
  const walk = (node: Node, path: string): void => {
    const s = deref(node);
    if (seen.has(s)) return;
    seen.add(s);
    if (isNode(s.properties)) for (const [k, v] of Object.entries(s.properties)) if (isNode(v)) { out.push({ path: `${path}.${k}`, schema: deref(v) }); walk(v, `${path}.${k}`); }
    if (isNode(s.additionalProperties)) walk(s.additionalProperties, `${path}.*`);
    if (isNode(s.items)) walk(s.items, `${path}[]`);
    for (const key of ['oneOf', 'anyOf', 'allOf']) if (Array.isArray(s[key])) (s[key] as unknown[]).forEach((b, i) => isNode(b) && walk(b, `${path}/${key}${i}`));
  };
  walk(runbookSchema(), '');
  return out;
}

test('every property has a description; values have examples; defaults match their own schema', () => {
  const props = allProperties();
  assert.ok(props.length > 50, `${props.length} properties`);
  const ajv = new Ajv({ strict: false, allowUnionTypes: true });
  for (const { path, schema } of props) {
    assert.ok(typeof schema.description === 'string' && schema.description.length > 10, `${path} has no description`);
    const isTag = 'const' in schema && path.includes('/oneOf');
    if (!isTag) assert.ok(Array.isArray(schema.examples) && schema.examples.length > 0, `${path} has no examples`);
    // Examples and defaults must themselves be valid for the property (type, enum, pattern).
    const { description: _d, examples, default: def, ...rest } = schema;
    const validate = ajv.compile({ ...rest, definitions: runbookSchema().definitions });
    for (const value of [...((examples as unknown[]) ?? []), ...(def === undefined ? [] : [def])]) {
      assert.ok(validate(value), `${path}: example/default ${JSON.stringify(value)} is invalid: ${JSON.stringify(validate.errors)}`);
    }
  }
  const withDefault = new Map(props.filter((p) => 'default' in p.schema).map((p) => [p.path, p.schema.default]));
  // The engine's defaults (options.ts, estimate/link.ts, estimate/profiles.ts, model.ts).
  const expected: [string, unknown][] = [
    ['.purpose', 'planned-move'],
    ['.defaults.vsphere', '7.0'],
    ['.defaults.transport', 'tcp'],
    ['.defaults.workload', 'moderate'],
    ['.sites.*.license', 'enterprise-plus'],
    ['.sites.*.vmotion_nic', '10 Gbps'],
    ['.links.*.route_factor', 1.5],
    ['.links.*.efficiency', '95 %'],
    ['.links.*.migration_share', '100 %'],
    ['.links.*.compression', 1],
    ['.waves[].concurrency', 1],
    ['.storage.strategy', 'storage-vmotion'],
    ['.storage.rpo', '15 min'],
  ];
  for (const [path, value] of expected) assert.deepEqual(withDefault.get(path), value, path);
});

test('every key the model reads is in the schema (model.ts is the format contract)', () => {
  const model = readFileSync(join(repoRoot, 'server/src/engine/model.ts'), 'utf8');
  const keys = new Set<string>();
  for (const m of model.matchAll(/b\.(?:str|num|oneOf|quantity|dateTime|idList)\([a-zA-Z]+, '([a-z_]+)'/g)) keys.add(m[1]);
  for (const m of model.matchAll(/get\([a-zA-Z]+, '([a-z_]+)'\)/g)) keys.add(m[1]);
  assert.ok(keys.size > 30, `${keys.size} keys found in model.ts`);
  const inSchema = new Set(allProperties().map((p) => p.path.split('.').pop()!));
  for (const key of keys) assert.ok(inSchema.has(key), `model.ts reads '${key}' but the schema does not define it`);
});

test('nearest: normalises case and separators, limits distance by length', () => {
  assert.equal(nearest('wan-optimised', ['tcp', 'wan-optimized']), 'wan-optimized');
  assert.equal(nearest('rop', ['strategy', 'rpo']), 'rpo');
  assert.equal(nearest('Enterprise Plus', ['enterprise-plus', 'enterprise', 'standard']), 'enterprise-plus');
  assert.equal(nearest('xyz', ['tcp', 'wan-optimized']), undefined);
  assert.equal(nearest('', ['a']), undefined);
});

test('the annotated example in docs/format.md has no schema findings', () => {
  const doc = readFileSync(join(repoRoot, 'docs/format.md'), 'utf8');
  const example = /```yaml\n([\s\S]*?)```/.exec(doc);
  assert.ok(example, 'docs/format.md has a yaml example');
  const parsed = parseYaml(example[1]);
  assert.deepEqual(parsed.findings, []);
  assert.deepEqual(validateSchema(parsed.document), []);
  assert.match(example[1], /runbook: 1/);
});
