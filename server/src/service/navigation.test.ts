import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../engine/analyze';
import { definition, documentSymbols, foldingRanges, prepareRename, references, rename, RenameError } from './navigation';
import { withCursor } from '../../../test/support/cursor';
import { applyOffsetEdits } from '../engine/yamlEdit';
import type { TextEdit } from 'vscode-languageserver-types';

const URI = 'file:///plan.runbook.yaml';

const PLAN = `# Plan header comment
# second line of the header
runbook: 1
name: Test plan
sites:
  ewr:
    name: Newark
  "phl":
    name: Philadelphia
links:
  ewr-phl:
    from: ewr
    to: 'phl'
vms:
  web01:
    memory: 8 GiB
  db01:
    memory: 64 GiB
    depends_on: [web01]
waves:
  - name: Wave 1
    link: ewr-phl
    vms: [db01]
  - name: Wave 2
    link: ewr-phl
    vms:
      - web01
`;

function mark(line: number, col: number): string {
  // Inserts the cursor marker at (line, col) of PLAN.
  const lines = PLAN.split('\n');
  lines[line] = lines[line].slice(0, col) + '|' + lines[line].slice(col);
  return lines.join('\n');
}

function lineText(text: string, line: number, start: number, end: number): string {
  return text.split('\n')[line].slice(start, end);
}

const definitionCases: { name: string; marked: string; expected?: { line: number; text: string } }[] = [
  { name: 'link from -> site', marked: mark(11, 11), expected: { line: 5, text: 'ewr' } },
  { name: 'link to (quoted) -> quoted site key', marked: mark(12, 10), expected: { line: 7, text: '"phl"' } },
  { name: 'wave link -> link', marked: mark(21, 12), expected: { line: 10, text: 'ewr-phl' } },
  { name: 'wave flow vms item -> VM', marked: mark(22, 11), expected: { line: 16, text: 'db01' } },
  { name: 'wave block vms item end -> VM', marked: mark(26, 13), expected: { line: 14, text: 'web01' } },
  { name: 'depends_on item -> VM', marked: mark(18, 17), expected: { line: 14, text: 'web01' } },
  { name: 'definition key -> itself', marked: mark(14, 3), expected: { line: 14, text: 'web01' } },
  { name: 'plain value is no reference', marked: mark(3, 8), expected: undefined },
];

for (const c of definitionCases) {
  test(`definition: ${c.name}`, () => {
    const { text, position } = withCursor(c.marked);
    const loc = definition(analyze(text), URI, position);
    if (!c.expected) return assert.equal(loc, undefined);
    assert.ok(loc);
    assert.equal(loc.uri, URI);
    assert.equal(loc.range.start.line, c.expected.line);
    assert.equal(lineText(text, c.expected.line, loc.range.start.character, loc.range.end.character), c.expected.text);
  });
}

test('references: from a reference, with and without the declaration', () => {
  const { text, position } = withCursor(mark(26, 9));
  const a = analyze(text);
  assert.deepEqual(references(a, URI, position, true).map((l) => l.range.start.line), [14, 18, 26]);
  assert.deepEqual(references(a, URI, position, false).map((l) => l.range.start.line), [18, 26]);
});

test('references: from the definition key of a site', () => {
  const { text, position } = withCursor(mark(5, 2));
  assert.deepEqual(references(analyze(text), URI, position, true).map((l) => l.range.start.line), [5, 11]);
});

test('prepareRename: range inside quotes, rejects non-ids', () => {
  const { text, position } = withCursor(mark(12, 10));
  const a = analyze(text);
  const r = prepareRename(a, position);
  assert.ok(r);
  assert.equal(r.placeholder, 'phl');
  assert.equal(lineText(text, 12, r.range.start.character, r.range.end.character), 'phl');
  assert.equal(prepareRename(a, withCursor(mark(3, 8)).position), undefined);
});

function applyLsp(text: string, edits: readonly TextEdit[]): string {
  const a = analyze(text);
  return applyOffsetEdits(text, edits.map((e) => ({ start: a.lineIndex.offsetAt(e.range.start), end: a.lineIndex.offsetAt(e.range.end), newText: e.newText })));
}

test('rename: key and every reference, quoting preserved', () => {
  const { text, position } = withCursor(mark(12, 10));
  const edit = rename(analyze(text), URI, position, 'phl2');
  const after = applyLsp(text, edit!.changes![URI]);
  assert.equal(after, text.replace('"phl":', '"phl2":').replace("to: 'phl'", "to: 'phl2'"));
  const errors = (t: string): string[] => analyze(t).findings.filter((f) => f.severity === 'error').map((f) => f.code);
  assert.deepEqual(errors(after), errors(text));
});

test('rename: a VM across depends_on, flow and block lists', () => {
  const { text, position } = withCursor(mark(14, 4));
  const after = applyLsp(text, rename(analyze(text), URI, position, 'web-01.a')!.changes![URI]);
  assert.equal(after, text.replace(/web01/g, 'web-01.a'));
});

test('rename: a name that reads as a number is quoted where plain', () => {
  const { text, position } = withCursor(mark(14, 4));
  const after = applyLsp(text, rename(analyze(text), URI, position, '1e3')!.changes![URI]);
  assert.equal(after, text.replace(/web01/g, '"1e3"'));
  assert.ok(analyze(after).model.vms.has('1e3'));
});

const badNames = ['', '-web', 'web 01', 'web:01', 'wéb', 'db01'];
for (const n of badNames) {
  test(`rename: rejects ${JSON.stringify(n)}`, () => {
    const { text, position } = withCursor(mark(14, 4));
    assert.throws(() => rename(analyze(text), URI, position, n), RenameError);
  });
}

test('document symbols: sections with entries and waves', () => {
  const symbols = documentSymbols(analyze(PLAN));
  const names = symbols.map((s) => s.name);
  assert.deepEqual(names, ['runbook', 'name', 'Sites', 'Links', 'VMs', 'Waves']);
  const sites = symbols[2];
  assert.deepEqual(sites.children!.map((c) => [c.name, c.detail, c.selectionRange.start.line, c.range.end.line]), [['ewr', 'Newark', 5, 6], ['phl', 'Philadelphia', 7, 8]]);
  const waves = symbols[5];
  assert.deepEqual(waves.children!.map((c) => [c.name, c.range.start.line, c.range.end.line, c.children!.map((v) => v.name)]), [['Wave 1', 20, 22, ['db01']], ['Wave 2', 23, 26, ['web01']]]);
  for (const s of symbols) {
    for (const c of [s, ...(s.children ?? [])]) {
      const contains = (c.range.start.line < c.selectionRange.start.line || (c.range.start.line === c.selectionRange.start.line && c.range.start.character <= c.selectionRange.start.character));
      assert.ok(contains, `${c.name}: selection inside range`);
    }
  }
});

test('folding: collections and comment blocks', () => {
  const ranges = foldingRanges(analyze(PLAN)).map((r) => `${r.startLine}-${r.endLine}${r.kind ? ' ' + r.kind : ''}`);
  assert.deepEqual(ranges, ['0-1 comment', '4-8', '5-6', '7-8', '9-12', '10-12', '13-18', '14-15', '16-18', '19-26', '20-22', '23-26', '25-26']);
});

test('navigation on a broken document does not throw', () => {
  const text = 'vms:\n  a:\n    depends_on: [b\nwaves:\n  - vms: [a, \n';
  const a = analyze(text);
  for (let line = 0; line < 5; line++) {
    for (let character = 0; character < 14; character++) {
      definition(a, URI, { line, character });
      references(a, URI, { line, character }, true);
      prepareRename(a, { line, character });
    }
  }
  documentSymbols(a);
  foldingRanges(a);
});
