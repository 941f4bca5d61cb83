import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crossVcenter } from './crossVcenter';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (a: string, b: string, vcB = 'vc-b'): string => `sites:
  a: { vcenter: vc-a, ${a} }
  b: { vcenter: ${vcB}, ${b} }
links:
  ab: { from: a, to: b }
`;

test('RB211 errors when a cross-vCenter end runs vSphere before 6.0', () => {
  const text = yaml('vsphere: "5.5", license: enterprise-plus', 'vsphere: "6.0", license: enterprise-plus');
  const [f, ...rest] = run(crossVcenter, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB211');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, '"5.5"'));
  assert.equal(f.message, "Link 'ab' joins vCenters vc-a and vc-b: that is cross-vCenter vMotion, which needs vSphere 6.0 or later at both ends; site a runs 5.5. Upgrade it, or migrate through one vCenter.");
});

test('RB211 errors on a licence below Enterprise Plus', () => {
  const text = yaml('vsphere: "7.0", license: enterprise', 'vsphere: "7.0", license: enterprise-plus');
  const [f] = run(crossVcenter, text);
  assert.deepEqual(f.span, spanOf(text, 'enterprise'));
  assert.match(f.message, /needs Enterprise Plus; site a is licensed Enterprise\./);
});

test('RB211: different vCenter releases are an error (KB 2106952) unless Advanced Cross vCenter vMotion applies', () => {
  const text = yaml('vsphere: "6.0"', 'vsphere: "6.5"');
  const [f] = run(crossVcenter, text);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, '"6.0"'));
  assert.match(f.message, /^Link 'ab' crosses vCenter versions, which VMware does not support: vSphere 6\.0 \(a\) and 6\.5 \(b\) are different releases/);
  assert.match(f.message, /Advanced Cross vCenter vMotion needs 6\.5 or later at both ends/);
  // 6.7 <-> 7.0 U2: Advanced Cross vCenter vMotion (7.0 U1c+ at one end, 6.5+ at both).
  assert.deepEqual(run(crossVcenter, yaml('vsphere: "6.7"', 'vsphere: "7.0 U2"')), []);
  assert.deepEqual(run(crossVcenter, yaml('vsphere: "7.0 U1c"', 'vsphere: "6.7"')), []);
});

test('RB211: 7.0 U1 (before U1c) to 6.7 is an error; 7.0 U3 to 6.5 is Advanced Cross vCenter vMotion (the hardware version decides, RB231)', () => {
  const [f] = run(crossVcenter, yaml('vsphere: "7.0 U1"', 'vsphere: "6.7"'));
  assert.equal(f.severity, 'error');
  assert.match(f.message, /needs one end at 7\.0 U1c or later \(the newer end, a, runs 7\.0 U1\)/);
  assert.deepEqual(run(crossVcenter, yaml('vsphere: "7.0 U3"', 'vsphere: "6.5"')), []);
});

test('RB211 stays silent within one vCenter or when both ends qualify', () => {
  assert.deepEqual(run(crossVcenter, yaml('vsphere: "5.5"', 'vsphere: "5.5"', 'vc-a')), []);
  assert.deepEqual(run(crossVcenter, yaml('vsphere: "7.0", license: enterprise-plus', 'vsphere: "7.0"')), []);
});
