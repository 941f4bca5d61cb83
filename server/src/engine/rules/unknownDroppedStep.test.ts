import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownDroppedStep } from './unknownDroppedStep';
import { run, spanOf } from '../../../../test/support/rules';

const text = `defaults:\n  steps:\n    before:\n      - { id: freeze-announced, duration: 5 min }\nwaves:\n  - name: W\n    vms: []\n    drop_steps: [freeze-anounced]\n  - vms: []\n    drop_steps: [freeze-announced]\n`;

test('RB128 warns when drop_steps names no default step, with a suggestion', () => {
  const [f, ...rest] = run(unknownDroppedStep, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, 'freeze-anounced'));
  assert.equal(f.message, "Wave 'W': drop_steps names 'freeze-anounced', which is not a step under defaults.steps, so nothing is dropped; did you mean 'freeze-announced'?");
  assert.deepEqual(f.fix, { fix: 'replace-value', replacement: 'freeze-announced' });
});

test('RB128 stays silent when the dropped id is a default step', () => {
  assert.deepEqual(run(unknownDroppedStep, text.replace('freeze-anounced', 'freeze-announced')), []);
});
