import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepRangeOrder } from './stepRangeOrder';
import { run, spanOf } from '../../../../test/support/rules';

test('RB126 flags a range written worst case first, on the duration', () => {
  const text = `waves:\n  - vms: []\n    before:\n      - { id: freeze, duration: 20-10 min }\n`;
  const [f, ...rest] = run(stepRangeOrder, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, '20-10 min'));
  assert.equal(f.message, "The before step 'freeze' has a duration range from 20 min down to 10 min; write the best case first (e.g. '10 min - 20 min'). The schedule reads it as that range.");
});

test('RB126 stays silent for ordered and equal ranges and single values', () => {
  assert.deepEqual(run(stepRangeOrder, `waves:\n  - vms: []\n    before:\n      - { id: a, duration: 10-20 min }\n      - { id: b, duration: 10-10 min }\n      - { id: c, duration: 1 h }\n`), []);
});
