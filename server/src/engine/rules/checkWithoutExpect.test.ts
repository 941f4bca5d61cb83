import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkWithoutExpect } from './checkWithoutExpect';
import { run, spanOf } from '../../../../test/support/rules';

test('RB125 warns on a check step without expect, once for a default step', () => {
  const text = `defaults:\n  steps:\n    before:\n      - { id: in-sync, duration: 5 min, kind: check }\nwaves:\n  - vms: []\n  - vms: []\n`;
  const [f, ...rest] = run(checkWithoutExpect, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, 'check'));
  assert.match(f.message, /^The before step 'in-sync' \(from defaults.steps\) is a check but says nothing about passing; add 'expect:'/);
});

test('RB125 stays silent when the check says what passing means', () => {
  assert.deepEqual(run(checkWithoutExpect, `waves:\n  - vms: []\n    before:\n      - { id: s, duration: 5 min, kind: check, expect: lag < 60 s }\n`), []);
});
