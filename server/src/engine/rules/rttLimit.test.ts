import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rttLimit } from './rttLimit';
import { linkEstimate, run, spanOf } from '../../../../test/support/rules';

const yaml = (rtt: string, older = '6.7', license = 'enterprise-plus'): string => `runbook: 1
sites:
  ewr: { vsphere: "7.0", license: enterprise-plus }
  lon: { vsphere: "${older}", license: ${license} }
links:
  ewr-lon: { from: ewr, to: lon, ${rtt} }
`;

test('RB201 fires on an RTT over the 150 ms limit of vSphere 6.0+', () => {
  const text = yaml('rtt: 180 ms');
  const [f, ...rest] = run(rttLimit, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB201');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, '180 ms'));
  assert.equal(
    f.message,
    'RTT 180 ms exceeds the 150 ms vMotion limit for vSphere 6.7 (site lon, the older end) with Enterprise Plus, per KB 2106949; use storage replication and a cold or replicated cutover, or a nearer site.',
  );
});

test('RB201 uses the older version and the weaker licence, and says what would help', () => {
  const v5 = run(rttLimit, yaml('rtt: 12 ms', '5.5'));
  assert.match(v5[0].message, /^RTT 12 ms exceeds the 10 ms vMotion limit for vSphere 5\.5 .* per KB 310156; vSphere 6\.0\+ at both sites would allow up to 150 ms/);
  const standard = run(rttLimit, yaml('rtt: 20 ms', '7.0', 'standard'));
  assert.match(standard[0].message, /exceeds the 5 ms vMotion limit .* with Standard, per KB 310156; Enterprise Plus licences would allow up to 150 ms/);
});

test('RB201 checks a derived RTT on the distance value', () => {
  const text = yaml('distance: 12000 km');
  const [f] = run(rttLimit, text, { links: [linkEstimate('ewr-lon', { rttSeconds: 0.19, rttDerived: true, rttSource: '12000 km x 1.5 route factor x 10 us/km' })] });
  assert.deepEqual(f.span, spanOf(text, '12000 km'));
  // The finding first; the derivation of the RTT at the end.
  assert.match(f.message, /^RTT about 190 ms exceeds the 150 ms vMotion limit .*; .* \(RTT derived: 12000 km x 1\.5 route factor x 10 us\/km\)$/);
});

test('RB201 stays silent within the limit, and without an RTT or sites', () => {
  assert.deepEqual(run(rttLimit, yaml('rtt: 150 ms')), []);
  assert.deepEqual(run(rttLimit, yaml('bandwidth: 1 Gbps')), []);
  assert.deepEqual(run(rttLimit, 'links:\n  x: { from: a, to: b, rtt: 500 ms }\n'), []);
});

test('the 2024+ editions (vSphere Foundation, Cloud Foundation) count as Enterprise Plus for the RTT limit', () => {
  const text = (license: string): string => `sites:
  a: { vsphere: "8.0", license: ${license} }
  b: { vsphere: "8.0", license: ${license} }
links:
  ab: { from: a, to: b, rtt: 60 ms }
`;
  assert.deepEqual(run(rttLimit, text('vsphere-foundation')), []);
  assert.deepEqual(run(rttLimit, text('cloud-foundation')), []);
  assert.equal(run(rttLimit, text('standard')).length, 1);
});

test('RB201 does not apply to a link whose waves move cold or by HCX Bulk (no vMotion crosses it)', () => {
  const text = (method: string): string => `method: ${method}
sites:
  a: { vsphere: "8.0" }
  b: { vsphere: "8.0" }
links:
  ab: { from: a, to: b, rtt: 200 ms }
vms:
  v1: { memory: 1 GiB }
waves:
  - { link: ab, vms: [v1] }
`;
  assert.deepEqual(run(rttLimit, text('cold')), []);
  assert.deepEqual(run(rttLimit, text('hcx-bulk')), []);
  assert.equal(run(rttLimit, text('vmotion')).length, 1);
});
