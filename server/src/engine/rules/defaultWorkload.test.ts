import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultWorkload } from './defaultWorkload';
import { run, spanOf, vmEstimate } from '../../../../test/support/rules';

const text = `defaults: { workload: light }
vms:
  web01: { memory: 8 GiB }
  db01: { memory: 64 GiB, dirty_rate: 150 MB/s }
`;

test('RB301 informs, on the VM key, that a default profile stands in for dirty_rate', () => {
  const [f, ...rest] = run(defaultWorkload, text, { vms: [vmEstimate('web01', { dirtyRateSource: "workload 'light' (plan default)", dirtyRateBytesPerSecond: 5e6 })] });
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB301');
  assert.equal(f.severity, 'information');
  assert.deepEqual(f.span, spanOf(text, 'web01'));
  assert.equal(f.message, "VM 'web01' has no dirty_rate or workload, so its estimate uses workload 'light' (plan default) (5 MB/s); measure the VM's page dirty rate and set dirty_rate (or name its workload profile) for a firmer estimate.");
});

test('RB301 names the profile without an estimate and stays silent when dirty_rate is given', () => {
  const findings = run(defaultWorkload, text);
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /uses the 'light' workload profile;/);
  assert.deepEqual(run(defaultWorkload, 'vms:\n  db01: { dirty_rate: 10 MB/s }\n'), []);
});

test('RB301 stays silent when the VM names its own workload profile', () => {
  assert.deepEqual(run(defaultWorkload, 'defaults: { workload: light }\nvms:\n  web01: { memory: 8 GiB, workload: idle }\n'), []);
});
