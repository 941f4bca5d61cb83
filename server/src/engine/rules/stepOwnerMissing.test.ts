import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepOwnerMissing } from './stepOwnerMissing';
import { run, spanOf } from '../../../../test/support/rules';

const text = (required: string): string => `defaults:\n  steps:\n    require_owner: ${required}\nwaves:\n  - vms: []\n    after:\n      - { id: smoke, duration: 5 min }\n      - { id: dns, duration: 5 min, owner: network }\n`;

test('RB127 warns on a step without owner when the plan requires owners', () => {
  const t = text('true');
  const [f, ...rest] = run(stepOwnerMissing, t);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(t, 'smoke'));
  assert.deepEqual(f.related?.[0].span, spanOf(t, 'true'));
  assert.match(f.message, /^The after step 'smoke' names no owner, and this plan requires one for every step/);
});

test('RB127 stays silent when owners are not required', () => {
  assert.deepEqual(run(stepOwnerMissing, text('false')), []);
});
