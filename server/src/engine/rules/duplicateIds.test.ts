import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateIds } from './duplicateIds';
import { run, spanOf } from '../../../../test/support/rules';

test('RB106 fires on a repeated wave name, pointing at the first', () => {
  const text = 'waves:\n  - name: Cutover\n    vms: []\n  - name: Cutover\n    vms: []\n';
  const [f, ...rest] = run(duplicateIds, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB106');
  assert.deepEqual(f.span, spanOf(text, 'Cutover', 1));
  assert.equal(f.message, "Wave name 'Cutover' is already used by wave 1; give each wave its own name so the schedule and reports can tell them apart.");
  assert.deepEqual(f.related, [{ span: spanOf(text, 'Cutover', 0), message: "first wave named 'Cutover'" }]);
});

test('RB106 fires on ids that differ only in letter case', () => {
  const text = 'vms:\n  db01: {}\n  DB01: {}\n';
  const [f] = run(duplicateIds, text);
  assert.deepEqual(f.span, spanOf(text, 'DB01'));
  assert.match(f.message, /^'DB01' under 'vms' differs from 'db01' only in letter case/);
});

test('RB106 stays silent on distinct names and on the same id in different sections', () => {
  const text = 'sites:\n  core: {}\nlinks:\n  core: { from: core, to: core }\nvms:\n  core: {}\nwaves:\n  - name: A\n  - name: B\n';
  assert.deepEqual(run(duplicateIds, text), []);
});
