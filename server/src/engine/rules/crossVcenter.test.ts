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

test('RB211 warns on different vCenter releases (KB 2106952) unless Advanced Cross vCenter vMotion applies', () => {
  const text = yaml('vsphere: "6.0"', 'vsphere: "6.5"');
  const [f] = run(crossVcenter, text);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, '"6.0"'));
  assert.match(f.message, /between vSphere 6\.0 \(a\) and 6\.5 \(b\); KB 2106952 says/);
  assert.deepEqual(run(crossVcenter, yaml('vsphere: "6.7"', 'vsphere: "7.0 U2"')), []);
});

test('RB211 stays silent within one vCenter or when both ends qualify', () => {
  assert.deepEqual(run(crossVcenter, yaml('vsphere: "5.5"', 'vsphere: "5.5"', 'vc-a')), []);
  assert.deepEqual(run(crossVcenter, yaml('vsphere: "7.0", license: enterprise-plus', 'vsphere: "7.0"')), []);
});
