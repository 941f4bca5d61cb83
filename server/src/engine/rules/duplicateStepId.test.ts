import { test } from 'node:test';
import assert from 'node:assert/strict';
import { duplicateStepId } from './duplicateStepId';
import { run, spanOf } from '../../../../test/support/rules';

test('RB121 flags a step id used twice in one wave, across lists, on the second', () => {
  const text = `waves:\n  - name: W\n    vms: []\n    before:\n      - { id: freeze, duration: 5 min }\n    after:\n      - { id: freeze, duration: 5 min }\n`;
  const [f, ...rest] = run(duplicateStepId, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, 'freeze', 1));
  assert.deepEqual(f.related?.[0].span, spanOf(text, 'freeze'));
  assert.equal(f.message, "Wave 'W': step id 'freeze' is already used by the before step 'freeze'; give each step of a wave its own id so depends_on and the schedule can tell them apart.");
});

test('RB121 stays silent for a wave overriding a default step by id, and for the same id in two waves', () => {
  const text = `defaults:\n  steps:\n    before:\n      - { id: freeze, duration: 5 min }\nwaves:\n  - vms: []\n    before:\n      - { id: freeze, duration: 9 min }\n  - vms: []\n`;
  assert.deepEqual(run(duplicateStepId, text), []);
});
