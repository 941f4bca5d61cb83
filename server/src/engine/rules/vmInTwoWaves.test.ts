import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vmInTwoWaves } from './vmInTwoWaves';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (second: string): string => `runbook: 1
vms:
  db01: {}
  app01: {}
waves:
  - name: One
    vms: [db01]
  - name: Two
    vms: [${second}]
`;

test('RB104 fires on the second listing and points back at the first', () => {
  const text = yaml('app01, db01');
  const [f, ...rest] = run(vmInTwoWaves, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB104');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, 'db01', 2));
  assert.equal(f.message, "VM 'db01' is already in Wave 'One'; a VM migrates once, so remove it from one of the two waves.");
  assert.deepEqual(f.related, [{ span: spanOf(text, 'db01', 1), message: "first listed in Wave 'One'" }]);
});

test('RB104 reports a VM listed twice in one wave', () => {
  const text = yaml('app01, app01');
  const [f] = run(vmInTwoWaves, text);
  assert.equal(f.message, "VM 'app01' is listed twice in Wave 'Two'; remove the second listing.");
  assert.deepEqual(f.span, spanOf(text, 'app01', 2));
});

test('RB104 stays silent when every VM is in one wave', () => {
  assert.deepEqual(run(vmInTwoWaves, yaml('app01')), []);
});
