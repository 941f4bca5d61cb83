import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { analyze } from '../engine/analyze';
import { unitsOf } from '../../../shared/src/units/quantity';
import { complete } from './completion';
import { withCursor } from '../../../test/support/cursor';

const HEAD = `runbook: 1
name: Test
sites:
  ewr:
    name: Newark
    vsphere: "7.0"
  phl:
    vsphere: "7.0"
links:
  ewr-phl:
    from: ewr
    to: phl
    bandwidth: 10 Gbps
vms:
  web01:
    memory: 8 GiB
  app01:
    memory: 16 GiB
    depends_on: [web01]
  db01:
    memory: 64 GiB
`;

function labels(items: readonly CompletionItem[]): string[] {
  return items.map((i) => i.label).sort();
}

function run(marked: string): CompletionItem[] {
  const { text, position } = withCursor(marked);
  return complete(analyze(text), position).items;
}

interface Case {
  readonly name: string;
  readonly text: string;
  /** Labels that must be offered. */
  readonly includes?: readonly string[];
  /** Labels that must not be offered. */
  readonly excludes?: readonly string[];
  /** The exact label set. */
  readonly exactly?: readonly string[];
}

const cases: Case[] = [
  { name: 'root keys, present ones left out', text: `runbook: 1\nname: x\n|\n`, includes: ['purpose', 'sites', 'links', 'vms', 'waves', 'defaults'], excludes: ['runbook', 'name'] },
  { name: 'root key being typed', text: `runbook: 1\npur|\n`, includes: ['purpose'] },
  { name: 'link keys on a blank indented line', text: HEAD.replace('    bandwidth: 10 Gbps\n', '    bandwidth: 10 Gbps\n    |\n'), includes: ['rtt', 'transport', 'distance', 'loss'], excludes: ['from', 'to', 'bandwidth', 'memory'] },
  { name: 'link key being typed, broken line', text: HEAD.replace('    bandwidth: 10 Gbps\n', '    band|\n'), includes: ['bandwidth', 'transport'], excludes: ['from', 'to'] },
  { name: 'VM keys', text: HEAD + '    |\n', includes: ['dirty_rate', 'disk', 'workload', 'depends_on'], excludes: ['memory', 'bandwidth'] },
  { name: 'site keys', text: HEAD.replace('    vsphere: "7.0"\n  phl:', '    vsphere: "7.0"\n    |\n  phl:'), includes: ['license', 'vcenter', 'vmotion_nic'], excludes: ['name', 'vsphere'] },
  { name: 'wave keys on a fresh item', text: HEAD + 'waves:\n  - |\n', includes: ['name', 'link', 'window', 'concurrency', 'vms'] },
  { name: 'wave keys in an item, present ones left out', text: HEAD + 'waves:\n  - name: W1\n    |\n', includes: ['link', 'vms'], excludes: ['name'] },
  { name: 'wave keys, sequence at the parent key column', text: HEAD + 'waves:\n- name: W1\n  |\n', includes: ['link', 'vms'], excludes: ['name'] },
  { name: 'window keys in a block map', text: HEAD + 'waves:\n  - name: W1\n    window:\n      |\n', exactly: ['duration', 'start'] },
  { name: 'window keys in a flow map', text: HEAD + 'waves:\n  - window: { start: "2026-01-01T00:00:00Z", |\n', exactly: ['duration'] },
  { name: 'transport enum', text: HEAD.replace('    bandwidth: 10 Gbps\n', '    transport: |\n'), exactly: ['tcp', 'wan-optimized'] },
  { name: 'purpose enum', text: 'runbook: 1\npurpose: |\n', exactly: ['disaster-avoidance', 'load-balancing', 'planned-move'] },
  { name: 'workload enum in defaults', text: 'defaults:\n  workload: |\n', exactly: ['extreme', 'heavy', 'idle', 'light', 'moderate'] },
  { name: 'license enum', text: 'sites:\n  a:\n    license: ent|\n', exactly: ['cloud-foundation', 'enterprise', 'enterprise-plus', 'standard', 'vsphere-foundation'] },
  { name: 'storage strategy enum', text: 'storage:\n  strategy: |\n', exactly: ['replication-async', 'replication-sync', 'shared', 'storage-vmotion'] },
  { name: 'network strategy enum', text: 'network:\n  strategy: |\n', exactly: ['l2-extension', 're-ip', 'stretched-vlan', 'wan-proxy'] },
  { name: 'size units after a number', text: HEAD + '    disk: 500 |\n', exactly: unitsOf('size') },
  { name: 'rate units while typing the unit', text: HEAD.replace('10 Gbps', '10 Gb|'), exactly: unitsOf('rate') },
  { name: 'duration units in a flow map', text: HEAD + 'waves:\n  - window: { start: "2026-01-01T00:00:00Z", duration: 6|\n', exactly: unitsOf('duration') },
  { name: 'distance units', text: 'links:\n  a:\n    distance: 200 |\n', exactly: unitsOf('distance') },
  { name: 'percent units', text: 'links:\n  a:\n    loss: 0.01|\n', exactly: unitsOf('percent') },
  { name: 'no units for a non-quantity key', text: 'links:\n  a:\n    compression: 2|\n', exactly: [] },
  { name: 'site ids for link from', text: HEAD.replace('    from: ewr\n', '    from: |\n'), exactly: ['ewr', 'phl'] },
  { name: 'link ids for wave link', text: HEAD + 'waves:\n  - link: |\n', exactly: ['ewr-phl'] },
  { name: 'VM ids for a block vms item, listed ones left out', text: HEAD + 'waves:\n  - vms:\n      - db01\n      - |\n', exactly: ['app01', 'web01'] },
  { name: 'VM ids for a flow vms item, listed ones left out', text: HEAD + 'waves:\n  - vms: [db01, |]\n', exactly: ['app01', 'web01'] },
  { name: 'depends_on: not itself, not listed ones', text: HEAD.replace('depends_on: [web01]', 'depends_on: [web01, |]'), exactly: ['db01'] },
  { name: 'depends_on block item', text: HEAD + '    depends_on:\n      - |\n', exactly: ['app01', 'web01'] },
  { name: 'nothing inside a comment', text: 'runbook: 1 # pur|\n', exactly: [] },
  { name: 'nothing for a free-text value', text: 'name: |\n', exactly: [] },
];

for (const c of cases) {
  test(`completion: ${c.name}`, () => {
    const got = labels(run(c.text));
    if (c.exactly) assert.deepEqual(got, [...c.exactly].sort());
    for (const l of c.includes ?? []) assert.ok(got.includes(l), `expected ${l} in ${got.join(', ')}`);
    for (const l of c.excludes ?? []) assert.ok(!got.includes(l), `did not expect ${l}`);
  });
}

test('completion: key items are snippets with documentation and replace the typed prefix', () => {
  const items = run('runbook: 1\npur|\n');
  const purpose = items.find((i) => i.label === 'purpose')!;
  assert.equal(purpose.insertTextFormat, 2);
  const edit = purpose.textEdit as { range: { start: { character: number }; end: { character: number } }; newText: string };
  assert.equal(edit.newText, 'purpose: $0');
  assert.deepEqual([edit.range.start.character, edit.range.end.character], [0, 3]);
  const doc = purpose.documentation as { kind: string; value: string };
  assert.equal(doc.kind, 'markdown');
  assert.ok(doc.value.length > 10);
});

test('completion: a unit right after the digits gets a space', () => {
  const items = run('vms:\n  a:\n    memory: 64|\n');
  const gib = items.find((i) => i.label === 'GiB')!;
  assert.equal((gib.textEdit as { newText: string }).newText, ' GiB');
  const items2 = run('vms:\n  a:\n    memory: 64 G|\n');
  const edit = items2.find((i) => i.label === 'GiB')!.textEdit as { newText: string; range: { start: { character: number } } };
  assert.equal(edit.newText, 'GiB');
  assert.equal(edit.range.start.character, 15);
});

// Speed is measured by `npm run bench`; this checks completion works at that scale.
test('completion: answers everywhere in a 27,000-line runbook', () => {
  const vmLines: string[] = [];
  const n = 4000;
  for (let i = 0; i < n; i++) vmLines.push(`  vm${i}:`, `    memory: 8 GiB`, `    workload: light`, `    disk: 100 GiB`, `    depends_on: [vm${Math.max(0, i - 1)}]`, `    dirty_rate: 10 MB/s`);
  const waves: string[] = [];
  for (let w = 0; w < n / 50; w++) waves.push(`  - name: W${w}`, `    link: ewr-phl`, `    vms:`, ...Array.from({ length: 50 }, (_, k) => `      - vm${w * 50 + k}`));
  const text = HEAD.replace('vms:\n', 'vms:\n' + vmLines.join('\n') + '\n') + 'waves:\n' + waves.join('\n') + '\n';
  assert.ok(text.split('\n').length > 27000);
  const analysis = analyze(text);
  const lines = text.split('\n');
  const probes = [
    { line: 6000, character: 4 }, // inside a VM
    { line: lines.length - 2, character: 8 }, // a wave vms item
    { line: 9000, character: 12 }, // a value
    { line: 2, character: 0 }, // root level
  ];
  for (const p of probes) assert.ok(complete(analysis, p).items.length > 0, `no completion at ${JSON.stringify(p)}`);
});

test('completion: an id that plain YAML would misread is inserted quoted, and filters by the id', () => {
  const text = `${HEAD}  "db #2":\n    memory: 8 GiB\n  "true":\n    memory: 8 GiB\nwaves:\n  - name: W1\n    vms: [|]\n`;
  const items = run(text);
  const edit = (label: string): string => (items.find((i) => i.label === label)?.textEdit as { newText: string }).newText;
  assert.equal(edit('db #2'), '"db #2"');
  assert.equal(edit('true'), '"true"');
  assert.equal(edit('web01'), 'web01');
  assert.equal(items.find((i) => i.label === 'db #2')?.filterText, 'db #2');
  // Inserted as offered, the reference resolves: no unknown-VM finding.
  const { text: plain, position } = withCursor(text);
  const lines = plain.split('\n');
  lines[position.line] = lines[position.line].slice(0, position.character) + edit('db #2') + lines[position.line].slice(position.character);
  assert.ok(!analyze(lines.join('\n')).findings.some((f) => f.code === 'RB103'));
});

test('completion: the method enum and the VM features', () => {
  assert.deepEqual(labels(run('method: |\n')).sort(), ['cold', 'hcx-bulk', 'hcx-rav', 'hcx-vmotion', 'vmotion']);
  assert.ok(labels(run('vms:\n  v1:\n    features: [|]\n')).includes('passthrough'));
});
