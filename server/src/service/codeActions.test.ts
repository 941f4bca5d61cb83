import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { analyze, type Analysis } from '../engine/analyze';
import type { FixData } from '../engine/findings';
import { codeActions } from './codeActions';
import { applyOffsetEdits } from '../engine/yamlEdit';

const URI = 'file:///plan.runbook.yaml';

const PLAN = `# Header comment: keep me
runbook: 1
name: Fix plan
sites:
  ewr:
    vsphere: "7.0"   # source
  phl:
    vsphere: "7.0"
links:
  ewr-phl:
    from: ewr
    to: phl
    bandwidth: 10 Gbps    # the WAN
    rtt: 5 ms
    transport: tcp       # keep this comment
vms:
  web01:
    memory: 8 GiB
    disk: 40 GiB
    depends_on: [db01, app01]
  app01:
    memory: 16 GiB
    disk: 40 GiB
    depends_on:
      - web01
  db01:
    # the database
    memory: 64 GiB
    disk: 200 GiB
    depends_on: [app01]
waves:
  - name: Wave 1
    link: ewr-phl
    window: { start: "2026-12-05T22:00:00-05:00", duration: 6h }
    concurrency: 2
    vms: [db01, app01, web01]   # all of them
  - name: Wave 2
    link: ewr-phl
    window:
      start: "2026-12-07T22:00:00-05:00"
      duration: 4h
    vms:
      - web01
      - app01   # second
      - db01
# trailing comment
`;

interface Applied {
  readonly before: Analysis;
  readonly after: Analysis;
  readonly removed: string[];
  readonly added: string[];
}

/** Applies the single action for `data` at `line` and reports the changed lines (common prefix/suffix stripped). */
function applyFix(text: string, data: FixData, at: number | { line: number; character: number }, code = 'RBTEST'): Applied {
  const before = analyze(text);
  const start = typeof at === 'number' ? { line: at, character: 4 } : at;
  const diagnostic: Diagnostic = { range: { start, end: { line: start.line, character: start.character + 1 } }, message: 'test', code, data };
  const actions = codeActions(before, URI, [diagnostic]);
  assert.equal(actions.length, 1, 'one action');
  assert.equal(actions[0].kind, 'quickfix');
  assert.deepEqual(actions[0].diagnostics, [diagnostic]);
  const edits = actions[0].edit!.changes![URI];
  const out = applyOffsetEdits(text, edits.map((e) => ({ start: before.lineIndex.offsetAt(e.range.start), end: before.lineIndex.offsetAt(e.range.end), newText: e.newText })));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const a = text.split(eol);
  const b = out.split(eol);
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  if (eol === '\r\n') assert.ok(!/[^\r]\n/.test(out), 'CRLF kept');
  return { before, after: analyze(out), removed: a.slice(p, a.length - s), added: b.slice(p, b.length - s) };
}

function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(i >= 0, needle);
  return i;
}

/** No error or warning appears after the fix that was not there before. */
function assertNoNewFindings(r: Applied): void {
  const count = (a: Analysis): Map<string, number> => {
    const m = new Map<string, number>();
    for (const f of a.findings) if (f.severity === 'error' || f.severity === 'warning') m.set(f.code, (m.get(f.code) ?? 0) + 1);
    return m;
  };
  const before = count(r.before);
  for (const [code, n] of count(r.after)) assert.ok(n <= (before.get(code) ?? 0), `new ${code} finding: ${r.after.findings.filter((f) => f.code === code).map((f) => f.message).join(' | ')}`);
}

test('replace-value: the engine\'s unit typo fix', () => {
  const text = PLAN.replace('10 Gbps    # the WAN', '10 Gbs    # typo on purpose');
  const finding = analyze(text).findings.find((f) => f.code === 'RB010');
  assert.ok(finding?.fix);
  const r = applyFix(text, finding.fix, finding.range.start, 'RB010');
  assert.deepEqual(r.removed, ['    bandwidth: 10 Gbs    # typo on purpose']);
  assert.deepEqual(r.added, ['    bandwidth: 10 Gbps    # typo on purpose']);
  assert.equal(r.after.findings.filter((f) => f.code === 'RB010').length, 0);
  assertNoNewFindings(r);
});

test('replace-value: an enum near-miss inside quotes keeps the quotes', () => {
  const text = PLAN.replace('transport: tcp ', 'transport: "wan-optimised"');
  const r = applyFix(text, { fix: 'replace-value', replacement: 'wan-optimized' }, { line: lineOf(text, 'transport:'), character: 16 });
  assert.deepEqual(r.added, ['    transport: "wan-optimized"      # keep this comment']);
  assert.equal(r.after.model.links.get('ewr-phl')?.transport?.value, 'wan-optimized');
});

test('add-key: into a flow mapping, a block mapping and the root', () => {
  const text = PLAN.replace(', duration: 6h }', ' }');
  const r1 = applyFix(text, { fix: 'add-key', path: ['waves', 0, 'window'], key: 'duration', value: '6h' }, lineOf(text, 'window: {'));
  assert.deepEqual(r1.added, ['    window: { start: "2026-12-05T22:00:00-05:00", duration: 6h }']);
  assert.equal(r1.after.model.waves[0].window?.durationSeconds?.value, 6 * 3600);
  assertNoNewFindings(r1);

  const text2 = PLAN.replace('  app01:\n    memory: 16 GiB\n', '  app01:\n');
  const r2 = applyFix(text2, { fix: 'add-key', path: ['vms', 'app01'], key: 'memory', value: '8 GiB' }, lineOf(text2, '  app01:'));
  assert.deepEqual(r2.removed, []);
  assert.deepEqual(r2.added, ['      - web01', '    memory: 8 GiB'].slice(1));
  assert.equal(r2.after.model.vms.get('app01')?.memoryBytes?.value, 8 * 2 ** 30);
  assertNoNewFindings(r2);

  const text3 = PLAN.replace('runbook: 1\n', '');
  const r3 = applyFix(text3, { fix: 'add-key', path: [], key: 'runbook', value: '1' }, 0);
  assert.deepEqual(r3.added, ['runbook: 1']);
  assert.equal(r3.after.model.version?.value, 1);
});

test('set-concurrency: replace the value, or add the key', () => {
  const r = applyFix(PLAN, { fix: 'set-concurrency', waveIndex: 0, concurrency: 1 }, lineOf(PLAN, 'concurrency: 2'));
  assert.deepEqual(r.removed, ['    concurrency: 2']);
  assert.deepEqual(r.added, ['    concurrency: 1']);
  assert.equal(r.after.model.waves[0].concurrency?.value, 1);
  assertNoNewFindings(r);
  const r2 = applyFix(PLAN, { fix: 'set-concurrency', waveIndex: 1, concurrency: 4 }, lineOf(PLAN, 'Wave 2'));
  assert.deepEqual(r2.removed, []);
  assert.deepEqual(r2.added, ['    concurrency: 4']);
  assert.equal(r2.after.model.waves[1].concurrency?.value, 4);
});

test('set-transport: replace keeping the comment, or add the key', () => {
  const r = applyFix(PLAN, { fix: 'set-transport', linkId: 'ewr-phl', transport: 'wan-optimized' }, lineOf(PLAN, 'transport'));
  assert.deepEqual(r.added, ['    transport: wan-optimized       # keep this comment']);
  assert.equal(r.after.model.links.get('ewr-phl')?.transport?.value, 'wan-optimized');
  const text = PLAN.replace('    transport: tcp       # keep this comment\n', '');
  const r2 = applyFix(text, { fix: 'set-transport', linkId: 'ewr-phl', transport: 'wan-optimized' }, lineOf(text, 'rtt'));
  assert.deepEqual(r2.added, ['    transport: wan-optimized']);
  assertNoNewFindings(r2);
});

test('break-cycle: flow list item (first, later) and the only block item', () => {
  const cycle = analyze(PLAN).findings.find((f) => f.fix?.fix === 'break-cycle');
  if (cycle) {
    const r = applyFix(PLAN, cycle.fix!, cycle.range.start, cycle.code);
    assert.equal(r.after.findings.filter((f) => f.code === cycle.code).length < r.before.findings.filter((f) => f.code === cycle.code).length, true);
    assertNoNewFindings(r);
  }
  const r0 = applyFix(PLAN, { fix: 'break-cycle', vmId: 'web01', dependencyIndex: 0 }, lineOf(PLAN, 'depends_on: [db01'));
  assert.deepEqual(r0.added, ['    depends_on: [app01]']);
  const r1 = applyFix(PLAN, { fix: 'break-cycle', vmId: 'web01', dependencyIndex: 1 }, lineOf(PLAN, 'depends_on: [db01'));
  assert.deepEqual(r1.added, ['    depends_on: [db01]']);
  const r2 = applyFix(PLAN, { fix: 'break-cycle', vmId: 'app01', dependencyIndex: 0 }, lineOf(PLAN, '      - web01'));
  assert.deepEqual(r2.removed, ['    depends_on:', '      - web01']);
  assert.deepEqual(r2.added, ['    depends_on: []']);
  assert.deepEqual(r2.after.model.vms.get('app01')?.dependsOn, []);
});

test('create-vm: appended to vms with the file\'s indentation (4 spaces, CRLF)', () => {
  const text = PLAN.replace(/^( +)/gm, (m) => m + m).replace(/^( +)- /gm, '$1-   ').replace(/\n/g, '\r\n').replace('[db01, app01, web01]', '[db01, app01, web01, cache01]');
  const r = applyFix(text, { fix: 'create-vm', vmId: 'cache01' }, lineOf(text, 'cache01'));
  assert.deepEqual(r.removed, []);
  assert.deepEqual(r.added, [
    '    cache01:  # placeholder values: set the real memory, workload and disk',
    '        memory: 8 GiB',
    '        workload: moderate',
    '        disk: 100 GiB',
  ]);
  assert.ok(r.after.model.vms.has('cache01'));
  const unknown = (a: Analysis) => a.findings.filter((f) => f.fix?.fix === 'create-vm');
  assert.equal(unknown(r.after).length, 0);
  assertNoNewFindings(r);
});

/** The plan without depends_on (splitting a wave may rightly reorder dependent VMs). */
const NO_DEPS = PLAN.replace('    depends_on: [db01, app01]\n', '').replace('    depends_on:\n      - web01\n', '').replace('    depends_on: [app01]\n', '');

test('split-wave: flow vms list; window of part 2 starts when part 1 ends', () => {
  const r = applyFix(NO_DEPS, { fix: 'split-wave', waveIndex: 0 }, lineOf(NO_DEPS, 'Wave 1'));
  assert.deepEqual(r.removed, ['    vms: [db01, app01, web01]   # all of them']);
  assert.deepEqual(r.added, [
    '    vms: [db01, app01]   # all of them',
    '  - name: Wave 1 (part 2)',
    '    link: ewr-phl',
    '    window: { start: "2026-12-06T04:00:00-05:00", duration: 6h }',
    '    concurrency: 2',
    '    vms: [web01]   # all of them',
  ]);
  assert.equal(r.after.model.waves.length, 3);
  assertNoNewFindings(r);
});

test('split-wave: block vms list, the last wave', () => {
  const r = applyFix(NO_DEPS, { fix: 'split-wave', waveIndex: 1 }, lineOf(NO_DEPS, 'Wave 2'));
  const expected = NO_DEPS.replace(
    '      - db01\n# trailing comment',
    ['  - name: Wave 2 (part 2)', '    link: ewr-phl', '    window:', '      start: "2026-12-08T02:00:00-05:00"', '      duration: 4h', '    vms:', '      - db01', '# trailing comment'].join('\n'),
  );
  assert.equal(r.after.text, expected);
  assert.deepEqual(r.after.model.waves.map((w) => w.vms.map((v) => v.value)), [['db01', 'app01', 'web01'], ['web01', 'app01'], ['db01']]);
  assertNoNewFindings(r);
});

test('bad or foreign diagnostic data gives no action', () => {
  const a = analyze(PLAN);
  const d = (data: unknown): Diagnostic => ({ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, message: 'x', data });
  assert.deepEqual(codeActions(a, URI, [d(undefined), d({ fix: 'nope' }), d({ fix: 'split-wave', waveIndex: -1 }), d({ fix: 'create-vm', vmId: 'web01' }), d({ fix: 'split-wave', waveIndex: 9 })]), []);
});
