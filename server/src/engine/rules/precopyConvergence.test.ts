import { test } from 'node:test';
import assert from 'node:assert/strict';
import { precopyConvergence } from './precopyConvergence';
import { run, spanOf, throughput, vmEstimate } from '../../../../test/support/rules';

const yaml = (version: string, transport = 'tcp'): string => `sites:
  a: { vsphere: "${version}" }
  b: { vsphere: "7.0" }
links:
  wan: { from: a, to: b, rtt: 60 ms, transport: ${transport} }
vms:
  db01: { memory: 64 GiB, dirty_rate: 150 MB/s }
  web01: { memory: 8 GiB, workload: heavy }
waves:
  - link: wan
    vms: [db01, web01]
`;

const stuck = vmEstimate('db01', {
  converges: false,
  dirtyRateBytesPerSecond: 150e6,
  throughput: throughput(58e6, { limitedBy: 'window', explanation: 'window-limited: 4 MiB / 72 ms RTT = 58 MB/s' }),
});

test('RB203 warns on the dirty_rate when pre-copy cannot converge, offering a WAN optimizer when window-limited', () => {
  const text = yaml('7.0');
  const [f, ...rest] = run(precopyConvergence, text, { vms: [stuck, vmEstimate('web01')] });
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB203');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, '150 MB/s'));
  assert.equal(
    f.message,
    "VM 'db01': pre-copy cannot converge: it dirties memory at 150 MB/s (given), at or above the 58 MB/s migration throughput (window-limited: 4 MiB / 72 ms RTT = 58 MB/s); vSphere will slow the guest's vCPUs (SDPS) until pre-copy converges, so the VM runs throttled for the migration. Throughput is window-limited over plain TCP: try transport: wan-optimized, lower the workload during the window, or raise the link share.",
  );
  assert.deepEqual(f.fix, { fix: 'set-transport', linkId: 'wan', transport: 'wan-optimized' });
});

test('RB203 is an error on vSphere 4.x (no SDPS) and sits on the workload when no dirty_rate is given', () => {
  const text = yaml('4.1', 'wan-optimized');
  const web = vmEstimate('web01', { converges: false, dirtyRateSource: "workload 'heavy'", throughput: throughput(20e6) });
  const [f] = run(precopyConvergence, text, { vms: [web] });
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, 'heavy'));
  assert.match(f.message, /\(from workload 'heavy'\).*vSphere 4\.1 has no SDPS \(it arrived in 5\.0\), so the migration cannot complete/);
  assert.equal(f.fix, undefined);
});

test('RB203 stays silent when pre-copy converges', () => {
  assert.deepEqual(run(precopyConvergence, yaml('7.0'), { vms: [vmEstimate('db01'), vmEstimate('web01')] }), []);
});
