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
    "VM 'db01': pre-copy cannot converge: it dirties memory at 150 MB/s (given), at or above the 58 MB/s migration throughput, which the TCP window limits; vSphere will slow the guest's vCPUs (SDPS) until pre-copy converges, so the VM runs throttled for the migration. Try transport: wan-optimized, lower the workload during the window, or raise the link share. (Throughput: window-limited: 4 MiB / 72 ms RTT = 58 MB/s)",
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

// The reviewer's three situations where "dirty rate at or above throughput" was the wrong cause.
const lossy = throughput(5.96e6, { limitedBy: 'loss', explanation: 'loss-limited (Mathis): 1460 B x 1.22 / (30 ms x sqrt(1.0e-4)) = 5.96 MB/s' });

test("RB203 names Xen's 3x-memory cap when the dirty rate is below the throughput, and on a lossy link says bandwidth does not help", () => {
  const e = vmEstimate('db01', { converges: false, memoryConverges: false, precopyStop: 'volume-cap', dirtyRateBytesPerSecond: 5e6, throughput: lossy });
  const [f] = run(precopyConvergence, yaml('7.0'), { vms: [e] });
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /^VM 'db01': pre-copy does not get small enough before the estimate's cap of 3 x memory sent \(Xen's limit, docs\/sources\.md 2\.1\): it dirties memory at 5 MB\/s \(given\), 84 % of the 5\.96 MB\/s migration throughput/);
  assert.match(f.message, /vSphere has no such cap: with the dirty rate below the throughput it keeps iterating and converges, later than estimated\. The throughput is loss-limited, so more bandwidth does not help/);
  assert.doesNotMatch(f.message, /at or above/);
});

test('RB203 on a loss-limited link: the cause is the loss, not the bandwidth', () => {
  const e = vmEstimate('db01', { converges: false, memoryConverges: false, precopyStop: 'round-cap', dirtyRateBytesPerSecond: 8e6, throughput: lossy });
  const [f] = run(precopyConvergence, yaml('7.0'), { vms: [e] });
  assert.match(f.message, /^VM 'db01': pre-copy cannot converge on a loss-limited link: it dirties memory at 8 MB\/s \(given\), at or above the 5\.96 MB\/s that plain TCP reaches through the packet loss/);
  assert.match(f.message, /More bandwidth does not help: reduce the loss, or use transport: wan-optimized/);
  assert.deepEqual(f.fix, { fix: 'set-transport', linkId: 'wan', transport: 'wan-optimized' });
});

test('RB203 on a disk that cannot converge points at the disk change rate, not the memory', () => {
  const text = yaml('7.0').replace('dirty_rate: 150 MB/s }', 'dirty_rate: 150 MB/s, disk_change_rate: 90 MB/s }');
  const e = vmEstimate('db01', { converges: false, memoryConverges: true, diskConverges: false, throughput: throughput(60e6) });
  const [f] = run(precopyConvergence, text, { vms: [e] });
  assert.deepEqual(f.span, spanOf(text, '90 MB/s'));
  assert.match(f.message, /^VM 'db01': the disk copy cannot converge: blocks change at 90 MB\/s, at or above the 60 MB\/s migration throughput/);
  assert.match(f.message, /replication-async/);
});

test('RB203 stays silent without a throughput (an unreadable bandwidth must not cascade into "above 0 B/s")', () => {
  const e = vmEstimate('db01', { converges: false, estimable: false, throughput: throughput(0, { limitedBy: 'unknown' }) });
  assert.deepEqual(run(precopyConvergence, yaml('7.0'), { vms: [e] }), []);
});
