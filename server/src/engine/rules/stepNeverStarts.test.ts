import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stepNeverStarts } from './stepNeverStarts';
import { run, spanOf } from '../../../../test/support/rules';

const text = `vms: { db01: {} }
waves:
  - name: W
    vms: [db01]
    before:
      - { id: freeze, duration: 5 min, depends_on: [db01] }
      - { id: early, duration: 5 min, depends_on: [dns] }
    after:
      - { id: dns, duration: 5 min, depends_on: [db01, freeze] }
    rollback:
      - { id: undo, duration: 5 min, depends_on: [dns] }
`;

test('RB123 flags before steps waiting for a VM or an after step, and rollback steps waiting outside rollback', () => {
  const findings = run(stepNeverStarts, text);
  assert.deepEqual(findings.map((f) => [f.code, f.severity, text.slice(f.span.start, f.span.end)]), [
    ['RB123', 'error', 'db01'], ['RB123', 'error', 'dns'], ['RB123', 'error', 'dns'],
  ]);
  assert.deepEqual(findings[0].span, spanOf(text, 'db01', 2));
  assert.equal(findings[0].message, "Wave 'W': before step 'freeze' can never start: 'db01' is a VM, and the migrations wait for every before step. Move the step to the right list or remove the dependency.");
  assert.match(findings[1].message, /'dns' is an after step, which runs only once the migrations are done/);
  assert.match(findings[2].message, /rollback step 'undo' can never start: 'dns' is a after step; rollback steps run on their own/);
});

test('RB123 stays silent on after steps waiting for VMs and before steps', () => {
  const ok = text.replace('depends_on: [db01] }', 'depends_on: [] }').replace('depends_on: [dns] }\n    after', 'depends_on: [freeze] }\n    after').replace('undo, duration: 5 min, depends_on: [dns]', 'undo, duration: 5 min');
  assert.deepEqual(run(stepNeverStarts, ok), []);
});
