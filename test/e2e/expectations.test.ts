import { test } from 'node:test';
import assert from 'node:assert/strict';
import { expectedDiagnostics, locate } from './expectations';

test('expectedDiagnostics reads every code of every `# expect:` comment with its 1-based line', () => {
  const text = ['runbook: 1', 'a: 1   # expect: RB201 RB208', 'b: 2', '  c: 3 # expect: RB010 (unit typo)', '# no expectation here'].join('\n');
  assert.deepEqual(expectedDiagnostics(text), ['RB010@4', 'RB201@2', 'RB208@2']);
});

test('locate finds the first match at or after a line, and throws when the sample changed', () => {
  const text = 'vms:\n  hot01:\n    dirty_rate: 400 MB/s\n  other:\n    dirty_rate: 400 MB/s\n';
  assert.deepEqual(locate(text, 'dirty_rate: 400'), { line: 3, column: 5 });
  assert.deepEqual(locate(text, /400/, 4), { line: 5, column: 17 });
  assert.throws(() => locate(text, 'missing'), /no longer contains missing/);
});
