import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepCycle } from './stepCycle';
import { run, spanOf } from '../../../../test/support/rules';

test('RB122 names a step cycle on the edge that closes it', () => {
  const text = `waves:\n  - name: W\n    vms: []\n    after:\n      - { id: a, duration: 5 min, depends_on: [b] }\n      - { id: b, duration: 5 min, depends_on: [c] }\n      - { id: c, duration: 5 min, depends_on: [a] }\n`;
  const [f, ...rest] = run(stepCycle, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.equal(f.message, "Wave 'W': step cycle a -> b -> c -> a; none of these steps can start. Remove one of these dependencies (this one closes the cycle).");
  assert.deepEqual(f.span, { start: spanOf(text, '[a]').start + 1, end: spanOf(text, '[a]').start + 2 });
});

test('RB122 stays silent on list order and on a diamond', () => {
  const text = `waves:\n  - vms: []\n    before:\n      - { id: a, duration: 5 min }\n      - { id: b, duration: 5 min, depends_on: [a] }\n      - { id: c, duration: 5 min, depends_on: [a] }\n      - { id: d, duration: 5 min, depends_on: [b, c] }\n`;
  assert.deepEqual(run(stepCycle, text), []);
});
