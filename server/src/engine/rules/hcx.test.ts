import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hcxBandwidth } from './hcxBandwidth';
import { hcxVmotionSerial } from './hcxVmotionSerial';
import { hcxHardwareVersion } from './hcxHardwareVersion';
import { run, spanOf } from '../../../../test/support/rules';

const plan = (method: string, bandwidth: string, extra = ''): string => `method: ${method}
sites: { a: {}, b: {} }
links:
  ab: { from: a, to: b, bandwidth: ${bandwidth} }
vms:
  v1: { memory: 8 GiB, hardware_version: 8 }
waves:
  - { link: ab, ${extra}vms: [v1] }
`;

test('RB240: HCX vMotion needs 100 Mbps, RAV 150 Mbps; Bulk has no floor', () => {
  const [f] = run(hcxBandwidth, plan('hcx-vmotion', '80 Mbps'));
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(plan('hcx-vmotion', '80 Mbps'), '80 Mbps'));
  assert.match(f.message, /^Link 'ab' gives migrations 80 Mbps, under the 100 Mbps HCX vMotion needs/);
  assert.deepEqual(run(hcxBandwidth, plan('hcx-vmotion', '120 Mbps')), []);
  assert.match(run(hcxBandwidth, plan('hcx-rav', '120 Mbps'))[0].message, /under the 150 Mbps Replication Assisted vMotion needs \(KB 440117\)/);
  assert.deepEqual(run(hcxBandwidth, plan('hcx-bulk', '50 Mbps')), []);
});

test('RB241: concurrent HCX vMotion is unsupported; the fix sets concurrency 1', () => {
  const text = plan('hcx-vmotion', '1 Gbps', 'concurrency: 3, ');
  const [f] = run(hcxVmotionSerial, text);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.fix, { fix: 'set-concurrency', waveIndex: 0, concurrency: 1 });
  assert.match(f.message, /^Wave 1 runs 3 HCX vMotions at once, which VMware does not support/);
  assert.deepEqual(run(hcxVmotionSerial, plan('hcx-rav', '1 Gbps', 'concurrency: 3, ')), []);
});

test('RB242: HCX vMotion and RAV need hardware version 9', () => {
  const [f] = run(hcxHardwareVersion, plan('hcx-vmotion', '1 Gbps'));
  assert.equal(f.severity, 'error');
  assert.match(f.message, /^VM 'v1' \(hardware version 8\) cannot move by HCX vMotion, which needs hardware version 9 or later/);
  assert.deepEqual(run(hcxHardwareVersion, plan('hcx-bulk', '1 Gbps')), []);
});
