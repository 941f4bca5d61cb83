/**
 * The reviewer's situations from issue 13, each with the expected magnitude and its reasoning.
 * Times are the likely values unless a test says otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze';
import type { VmEstimate } from './types';

function vm(text: string, id: string): VmEstimate {
  const e = analyze(text).estimate.vms.get(id);
  assert.ok(e, id);
  return e;
}

const between = (value: number, low: number, high: number, what: string) => assert.ok(value >= low && value <= high, `${what}: ${value} not in [${low}, ${high}]`);

test('1. a 512 GiB VM over a 100 Gb/s DCI between hosts with 10 GbE vMotion NICs is NIC-bound: ~8 min, not 48 s', () => {
  // 512 GiB / (10 Gb/s x 0.95 = 1.19 GB/s) = 463 s, + ~6 s fixed time + light dirtying: ~7.8 min.
  const text = `runbook: 1
name: s1
sites:
  a: { vsphere: "7.0 U3", vmotion_nic: 10 Gbps }
  b: { vsphere: "7.0 U3", vmotion_nic: 10 Gbps }
links:
  dci: { from: a, to: b, bandwidth: 100 Gbps, rtt: 1 ms }
storage: { strategy: shared }
vms:
  big: { memory: 512 GiB, active_memory: 512 GiB, workload: light }
waves:
  - { name: W, link: dci, vms: [big] }
`;
  const e = vm(text, 'big');
  assert.equal(e.throughput.limitedBy, 'host-nic');
  assert.match(e.limitedBy, /host vMotion NIC/);
  between(e.totalSeconds / 60, 7, 9, 'minutes');
  const findings = analyze(text).findings.filter((f) => f.code === 'RB251');
  assert.equal(findings.length, 1, 'the link is faster than the hosts can use');
});

test('2. six concurrent vMotions through one 1 GbE host NIC share it: ~15 min, not 2 min', () => {
  // 6 x 16 GiB = 103 GB through 1 Gb/s x 0.95 = 118.75 MB/s: 868 s = 14.5 min (+ fixed time).
  const vms = [1, 2, 3, 4, 5, 6].map((i) => `  v${i}: { memory: 16 GiB, active_memory: 16 GiB, workload: idle }`).join('\n');
  const text = `runbook: 1
name: s2
sites:
  a: { vsphere: "7.0 U3", vmotion_nic: 1 Gbps }
  b: { vsphere: "7.0 U3", vmotion_nic: 10 Gbps }
links:
  l: { from: a, to: b, bandwidth: 10 Gbps, rtt: 2 ms }
storage: { strategy: shared }
vms:
${vms}
waves:
  - { name: W, link: l, concurrency: 6, vms: [v1, v2, v3, v4, v5, v6] }
`;
  const a = analyze(text);
  const w = a.estimate.schedule.waves[0];
  between(w.durationSeconds / 60, 14, 17, 'wave minutes');
  assert.equal(a.estimate.vms.get('v1')?.throughput.limitedBy, 'host-nic');
});

test('3. a database moving alone before its applications gets the whole link: no false RB203, ~25 min not ~1 h 40 min', () => {
  // concurrency 2, but app1 and app2 wait for db: db runs alone at 1 Gb/s x 0.95 = 118.75 MB/s
  // (rho = 60 / 118.75 = 0.5: converges, 68.7 GB / (118.75 - 60) MB/s = ~19.5 min); at half the link
  // (59.4 MB/s, rho 1.01) it would need SDPS and take ~97 min. The apps then share the link.
  const text = `runbook: 1
name: s3
sites:
  a: { vsphere: "7.0 U3" }
  b: { vsphere: "7.0 U3" }
links:
  l: { from: a, to: b, bandwidth: 1 Gbps, rtt: 10 ms }
storage: { strategy: shared }
vms:
  db: { memory: 64 GiB, active_memory: 64 GiB, dirty_rate: 60 MB/s }
  app1: { memory: 16 GiB, active_memory: 16 GiB, workload: light, depends_on: [db] }
  app2: { memory: 16 GiB, active_memory: 16 GiB, workload: light, depends_on: [db] }
waves:
  - name: W
    link: l
    concurrency: 2
    window: { start: "2026-06-01T00:00:00Z", duration: 3 h }
    vms: [db, app1, app2]
`;
  const a = analyze(text);
  const db = a.estimate.vms.get('db');
  assert.ok(db);
  assert.equal(db.throughput.concurrentStreams, 1, 'alone on the link');
  assert.ok(Math.abs(db.throughput.bytesPerSecond - 118.75e6) < 1);
  assert.equal(db.converges, true);
  assert.ok(!a.findings.some((f) => f.code === 'RB203'), 'no false RB203');
  assert.equal(a.estimate.vms.get('app1')?.throughput.concurrentStreams, 2, 'the applications share it');
  const w = a.estimate.schedule.waves[0];
  assert.equal(w.vms.find((v) => v.vmId === 'db')?.streamsAtStart, 1);
  between(w.durationSeconds / 60, 22, 28, 'wave minutes');
  assert.ok(!a.findings.some((f) => f.code === 'RB206' || f.code === 'RB220' || f.code === 'RB221'), 'fits its window, rollback included');
});

test('4. a WAN optimizer gets no compression credit on encrypted vMotion (6.5+ default), only TCP termination', () => {
  // 64 GiB over 1 Gb/s x 0.95: encrypted 579 s of copy; unencrypted with compression 3: a third.
  const text = `runbook: 1
name: s4
sites:
  a: { vsphere: "6.7" }
  b: { vsphere: "6.7" }
links:
  l: { from: a, to: b, bandwidth: 1 Gbps, rtt: 58 ms, loss: 0.05 %, transport: wan-optimized, compression: 3 }
storage: { strategy: shared }
vms:
  enc: { memory: 64 GiB, active_memory: 64 GiB, workload: idle }
  plain: { memory: 64 GiB, active_memory: 64 GiB, workload: idle, encrypted_vmotion: disabled }
waves:
  - { name: W, link: l, vms: [enc, plain] }
`;
  const enc = vm(text, 'enc');
  const plain = vm(text, 'plain');
  assert.equal(enc.encrypted, true);
  assert.equal(enc.throughput.compressionRatio, 1);
  assert.ok(Math.abs(enc.throughput.bytesPerSecond - 118.75e6) < 1, 'line rate x efficiency, no loss or window limit (TCP terminated)');
  assert.match(enc.explanation.join('\n'), /NOT credited: vMotion is encrypted/);
  assert.equal(plain.throughput.compressionRatio, 3);
  between(enc.totalSeconds / plain.totalSeconds, 2.7, 3.05, 'encrypted / unencrypted');
  // Before 6.5 there is no encrypted vMotion: the compression is credited.
  const old = vm(text.replaceAll('"6.7"', '"6.0"'), 'enc');
  assert.equal(old.encrypted, false);
  assert.equal(old.throughput.compressionRatio, 3);
});

test('5. a non-converging VM is timed as SDPS runs it (guest slowed), so the deadline check uses a completing migration', () => {
  // 150 MB/s of dirtying over 118.75 MB/s: rho 1.26. Pre-copy runs to its bound (3 x 68.7 GB sent,
  // 29 min), then SDPS holds dirtying to 0.5 R (ASSUMPTION) and the 68.7 GB residual converges in
  // ~2 x 68.7 GB / R = 19 min: ~48 min with a stun under a second (the old model: a 39-min stun).
  const text = `runbook: 1
name: s5
purpose: disaster-avoidance
deadline: "2026-06-01T00:15:00Z"
sites:
  a: { vsphere: "7.0" }
  b: { vsphere: "7.0" }
links:
  l: { from: a, to: b, bandwidth: 1 Gbps, rtt: 20 ms }
storage: { strategy: shared }
vms:
  hot: { memory: 64 GiB, active_memory: 64 GiB, dirty_rate: 150 MB/s }
waves:
  - name: W
    link: l
    window: { start: "2026-06-01T00:00:00Z", duration: 4 h }
    vms: [hot]
`;
  const a = analyze(text);
  const e = a.estimate.vms.get('hot');
  assert.ok(e);
  assert.equal(e.converges, false, 'still flagged: pre-copy does not converge on its own (RB203)');
  assert.ok(e.sdpsGuestSpeed !== undefined && e.sdpsGuestSpeed < 0.5, `guest slowed to ${e.sdpsGuestSpeed}`);
  assert.ok(e.switchoverSeconds < 1, `stun ${e.switchoverSeconds}`);
  between(e.totalSeconds / 60, 45, 51, 'minutes');
  assert.ok(e.lowSeconds < e.totalSeconds && e.totalSeconds < e.highSeconds, 'the SDPS throttle is a range');
  const codes = a.findings.map((f) => f.code);
  assert.ok(codes.includes('RB203'), 'RB203 still says the guest will be throttled');
  assert.ok(codes.includes('RB212'), 'the 15 min deadline is missed by the completing migration');
  assert.ok(!codes.includes('RB205'), 'no 100 s switchover failure: SDPS makes it complete');
});

test('6. a 10 Gb/s+ Storage vMotion is capped by the data mover (KB 431479 ~500-700 MB/s): about 2x slower than line rate', () => {
  // 2 TiB: at 10 Gb/s x 0.95 = 1.19 GB/s it would take 31 min; at the data mover's ~600 MB/s, 61 min.
  const text = `runbook: 1
name: s6
sites:
  a: { vsphere: "7.0 U3", vmotion_nic: 10 Gbps }
  b: { vsphere: "7.0 U3", vmotion_nic: 10 Gbps }
links:
  l: { from: a, to: b, bandwidth: 10 Gbps, rtt: 1 ms }
storage: { strategy: storage-vmotion }
vms:
  d: { memory: 8 GiB, active_memory: 8 GiB, workload: idle, disk: 2 TiB, disk_change_rate: 0 MB/s }
waves:
  - { name: W, link: l, vms: [d] }
`;
  const e = vm(text, 'd');
  between(e.diskSeconds / 60, 55, 65, 'disk minutes');
  between((2 * 2 ** 40) / 1.1875e9 / 60, 30, 32, 'line-rate minutes (for comparison)');
  assert.match(e.limitedBy, /data mover/);
  // The range spans 500-700 MB/s.
  between(e.lowSeconds / 60, 52, 56, 'low minutes');
  between(e.highSeconds / 60, 73, 78, 'high minutes');
  // Same datastore type: ASSUMED twice as fast, then the host NIC (1.19 GB/s) binds.
  const same = vm(text.replace('storage-vmotion }', 'storage-vmotion, datastore_types: same }'), 'd');
  between(same.diskSeconds / 60, 30, 32, 'same-type minutes');
});

test('a VM whose disks move but whose size is unknown: a warning and an open range, not 0 bytes', () => {
  const text = `runbook: 1
name: d
links:
  l: { bandwidth: 1 Gbps, rtt: 1 ms }
storage: { strategy: storage-vmotion }
vms:
  x: { memory: 8 GiB, workload: idle }
waves:
  - { name: W, link: l, vms: [x] }
`;
  const a = analyze(text);
  const e = a.estimate.vms.get('x');
  assert.ok(e);
  assert.equal(e.diskUnknown, true);
  assert.equal(e.highSeconds, Infinity);
  assert.equal(JSON.parse(JSON.stringify({ h: e.highSeconds })).h, null, 'JSON carries the open end as null');
  assert.ok(a.findings.some((f) => f.code === 'RB250' && f.severity === 'warning'));
});

test('fixed time by kind of move: same vCenter < cross-vCenter < HCX, and it grows with the RTT', () => {
  const text = (vcB: string, method: string, rtt: string) => `runbook: 1
name: k
sites:
  a: { vsphere: "8.0", vcenter: vc1 }
  b: { vsphere: "8.0", vcenter: ${vcB} }
links:
  l: { from: a, to: b, bandwidth: 10 Gbps, rtt: ${rtt} }
storage: { strategy: shared }
vms:
  v: { memory: 1 GiB, active_memory: 1 GiB, workload: idle${method ? `, method: ${method}` : ''} }
waves:
  - { name: W, link: l, vms: [v] }
`;
  const fixed = (t: string) => {
    const e = vm(t, 'v');
    return { kind: e.moveKind, seconds: e.setupSeconds + e.completionSeconds };
  };
  const same = fixed(text('vc1', '', '1 ms'));
  const cross = fixed(text('vc2', '', '1 ms'));
  const hcx = fixed(text('vc2', 'hcx-vmotion', '1 ms'));
  assert.deepEqual([same.kind, cross.kind, hcx.kind], ['same-vcenter', 'cross-vcenter', 'hcx']);
  assert.ok(same.seconds < cross.seconds && cross.seconds < hcx.seconds);
  between(same.seconds, 5, 5.1, 'same-vCenter fixed seconds at 1 ms');
  assert.ok(fixed(text('vc1', '', '100 ms')).seconds > same.seconds + 2.9, 'control round trips cross the WAN');
});
