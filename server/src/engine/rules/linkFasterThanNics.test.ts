import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkFasterThanNics } from './linkFasterThanNics';
import { run, spanOf } from '../../../../test/support/rules';

test('RB302: a 10 GB/s link (80 Gb/s) is faster than any NIC in the plan: a hint to check the unit', () => {
  const text = `sites:
  a: { vmotion_nic: 10 Gbps }
  b: { vmotion_nic: 25 Gbps }
links:
  ab: { from: a, to: b, bandwidth: 10 GB/s }
  ok: { from: a, to: b, bandwidth: 10 Gbps }
`;
  const [f, ...rest] = run(linkFasterThanNics, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'information');
  assert.deepEqual(f.span, spanOf(text, '10 GB/s'));
  assert.match(f.message, /^Link 'ab' is 80 Gbps, faster than any vMotion NIC in the plan \(25 Gbps\)/);
});

test('RB302 stays silent for a fast link written in bits (a DCI taken as meant; RB251 says whether the hosts can use it)', () => {
  const text = `sites:
  a: { vmotion_nic: 10 Gbps }
  b: { vmotion_nic: 10 Gbps }
links:
  dci: { from: a, to: b, bandwidth: 100 Gbps }
`;
  assert.deepEqual(run(linkFasterThanNics, text), []);
});
