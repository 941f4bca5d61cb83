import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownVm } from './unknownVm';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (waveVm: string, dep: string): string => `runbook: 1
vms:
  db01: { memory: 8 GiB }
  app01: { memory: 8 GiB, depends_on: [${dep}] }
waves:
  - name: First
    vms: [db01, ${waveVm}]
`;

test('RB103 fires on unknown VMs in a wave and in depends_on, with a create-vm fix', () => {
  const text = yaml('web99', 'db02');
  const findings = run(unknownVm, text);
  assert.equal(findings.length, 2);
  const [inWave, inDeps] = findings;
  assert.equal(inWave.code, 'RB103');
  assert.deepEqual(inWave.span, spanOf(text, 'web99'));
  assert.equal(inWave.message, "Wave 'First': VM 'web99' is not defined under 'vms'; define it (quick fix: create the VM entry) or correct the id.");
  assert.deepEqual(inWave.fix, { fix: 'create-vm', vmId: 'web99' });
  assert.deepEqual(inDeps.span, spanOf(text, 'db02'));
  assert.match(inDeps.message, /^VM 'app01' depends_on: VM 'db02' is not defined under 'vms'; did you mean 'db01'\?/);
  assert.deepEqual(inDeps.fix, { fix: 'create-vm', vmId: 'db02' });
});

test('RB103 stays silent when every id is defined', () => {
  assert.deepEqual(run(unknownVm, yaml('app01', 'db01')), []);
});
