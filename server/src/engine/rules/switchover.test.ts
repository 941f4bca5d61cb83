import { test } from 'node:test';
import assert from 'node:assert/strict';
import { switchoverFailure } from './switchoverFailure';
import { switchoverWarning } from './switchoverWarning';
import { run, spanOf, vmEstimate } from '../../../../test/support/rules';

const text = 'vms:\n  db01: { memory: 64 GiB }\n';

test('RB204 warns above the configured threshold, on the VM key', () => {
  const [f, ...rest] = run(switchoverWarning, text, { vms: [vmEstimate('db01', { switchoverSeconds: 4.2 })] });
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB204');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, 'db01'));
  assert.equal(f.message, "Switchover (stun) 4.2 s is over the 1 s warning threshold: applications of VM 'db01' see a pause this long. Lower the dirty rate or hot set during the window, or give the migration more bandwidth.");
});

test('RB204 honours the setting and stays silent below it, and above 100 s (RB205 speaks)', () => {
  assert.deepEqual(run(switchoverWarning, text, { vms: [vmEstimate('db01', { switchoverSeconds: 4.2 })] }, { switchoverWarningSeconds: 5 }), []);
  assert.deepEqual(run(switchoverWarning, text, { vms: [vmEstimate('db01', { switchoverSeconds: 0.3 })] }), []);
  assert.deepEqual(run(switchoverWarning, text, { vms: [vmEstimate('db01', { switchoverSeconds: 150 })] }), []);
});

test('RB205 errors above the 100 s failure bound', () => {
  const [f] = run(switchoverFailure, text, { vms: [vmEstimate('db01', { switchoverSeconds: 150 })] });
  assert.equal(f.code, 'RB205');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, 'db01'));
  assert.equal(f.message, "Switchover 150 s exceeds ESX's 100 s limit: the migration of VM 'db01' fails and it stays on the source. Cut the dirty rate or hot set during the window, give it more bandwidth, or move it cold or by replication (KB 2141355).");
  assert.deepEqual(run(switchoverFailure, text, { vms: [vmEstimate('db01', { switchoverSeconds: 100 })] }), []);
});

test('RB204/RB205 leave VMs in no wave to RB105', () => {
  const unplaced = vmEstimate('db01', { switchoverSeconds: 150, waveIndex: undefined });
  assert.deepEqual(run(switchoverFailure, text, { vms: [unplaced] }), []);
  assert.deepEqual(run(switchoverWarning, text, { vms: [{ ...unplaced, switchoverSeconds: 5 }] }), []);
});
