import { test } from 'node:test';
import assert from 'node:assert/strict';
import { vmInNoWave } from './vmInNoWave';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (waveVms: string): string => `runbook: 1
vms:
  db01: {}
  app01: {}
waves:
  - vms: [${waveVms}]
`;

test('RB105 warns on the key of a VM that no wave migrates', () => {
  const text = yaml('db01');
  const [f, ...rest] = run(vmInNoWave, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB105');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, 'app01'));
  assert.equal(f.message, "VM 'app01' is not in any wave, so the plan never migrates it; add it to a wave's 'vms' or remove it.");
});

test('RB105 stays silent when every VM is placed, or when there are no waves yet', () => {
  assert.deepEqual(run(vmInNoWave, yaml('db01, app01')), []);
  assert.deepEqual(run(vmInNoWave, 'vms:\n  db01: {}\n'), []);
});
