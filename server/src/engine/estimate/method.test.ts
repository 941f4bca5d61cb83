import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze';

const plan = (method: string, extra = ''): string => `runbook: 1
name: m
start: "2026-12-05T22:00:00Z"
method: ${method}
sites: { a: { vsphere: "7.0" }, b: { vsphere: "7.0" } }
links:
  ab: { from: a, to: b, bandwidth: 10 Gbps, rtt: 5 ms }
vms:
  v1: { memory: 16 GiB, disk: 900 GiB, disk_change_rate: 1 MB/s, workload: light }
  v2: { memory: 16 GiB, disk: 900 GiB, disk_change_rate: 1 MB/s, workload: light }
waves:
  - { name: W, link: ab, concurrency: 2, ${extra}vms: [v1, v2] }
`;

test('cold: the VM is down for its whole transfer, and no vMotion stun rule fires', () => {
  const a = analyze(plan('cold'));
  const e = a.estimate.vms.get('v1');
  assert.ok(e);
  assert.equal(e.switchoverSeconds, e.totalSeconds);
  assert.ok(e.totalSeconds > 100);
  assert.equal(e.memorySeconds, 0);
  assert.ok(!a.findings.some((f) => ['RB203', 'RB204', 'RB205', 'RB202'].includes(f.code)));
});

test('hcx-bulk: seeded before the window, down only for the cutover, capped at 1 Gbps per migration and 1.6 Gbps per appliance', () => {
  const a = analyze(plan('hcx-bulk'));
  const e = a.estimate.vms.get('v1');
  assert.ok(e);
  // Two migrations share one IX appliance: 1.6 Gbps / 2 = 100 MB/s each; 900 GiB takes ~2.7 h.
  assert.ok(Math.abs(e.seedSeconds - (900 * 2 ** 30) / 100e6) < 1, `seed ${e.seedSeconds}`);
  // The cutover syncs up to 2 h of changes: 7.2 GB at 100 MB/s = 72 s, plus setup.
  assert.ok(e.switchoverSeconds > 72 && e.switchoverSeconds < 90, `switchover ${e.switchoverSeconds}`);
  assert.equal(e.totalSeconds, e.switchoverSeconds);
  assert.ok(e.explanation.some((l) => l.includes('KB 321604')));
});

test('hcx-vmotion: one at a time per site pair, whatever the concurrency', () => {
  const a = analyze(plan('hcx-vmotion'));
  const w = a.estimate.schedule.waves[0];
  assert.equal(w.concurrency, 1);
  const [first, second] = w.vms;
  assert.ok(second.startEpochMs >= first.endEpochMs);
  assert.ok(a.findings.some((f) => f.code === 'RB241'));
});

test('a method per wave or per VM overrides the plan\'s', () => {
  const a = analyze(plan('vmotion', 'method: cold, ').replace('disk_change_rate: 1 MB/s, workload: light }\n  v2', 'disk_change_rate: 1 MB/s, workload: light, method: vmotion }\n  v2'));
  assert.equal(a.estimate.vms.get('v1')?.memorySeconds !== 0, true);
  assert.equal(a.estimate.vms.get('v2')?.memorySeconds, 0);
});

test('rollback follows each VM\'s method: the way back of a cold or HCX move is timed as that method, not as vMotion', () => {
  const plan = (method: string): string => `runbook: 1
purpose: planned-move
method: ${method}
sites:
  a: { vsphere: "8.0", vcenter: vc1 }
  b: { vsphere: "8.0", vcenter: vc1 }
links:
  ab: { from: a, to: b, bandwidth: 1 Gbps, rtt: 10 ms }
vms:
  v1: { memory: 16 GiB, workload: light, disk: { provisioned: 200 GiB, used: 100 GiB } }
waves:
  - name: W
    link: ab
    window: { start: "2026-12-05T22:00:00Z", duration: 8h }
    vms: [v1]
`;
  const reverse = new Map<string, number>();
  for (const method of ['vmotion', 'cold', 'hcx-bulk', 'hcx-rav']) {
    const a = analyze(plan(method));
    const forward = a.estimate.vms.get('v1');
    const r = a.estimate.schedule.waves[0].rollback;
    assert.ok(forward && r);
    assert.equal(r.reverseMigrationSeconds, forward.totalSeconds, `${method}: the way back takes what the way there took`);
    reverse.set(method, r.reverseMigrationSeconds);
  }
  // Each method its own time (cold: no pre-copy; Bulk: only the cutover in the window).
  assert.equal(new Set(reverse.values()).size, 4, JSON.stringify([...reverse]));
  assert.ok((reverse.get('hcx-bulk') as number) < (reverse.get('vmotion') as number));
});

test('hcx-vmotion VMs of a mixed wave run one at a time; the wave\'s other VMs run beside them as usual', () => {
  const text = `runbook: 1
purpose: planned-move
sites:
  a: { vsphere: "8.0", vcenter: vc1 }
  b: { vsphere: "8.0", vcenter: vc1 }
links:
  ab: { from: a, to: b, bandwidth: 10 Gbps, rtt: 10 ms }
vms:
  h1: { memory: 8 GiB, workload: light, method: hcx-vmotion }
  h2: { memory: 8 GiB, workload: light, method: hcx-vmotion }
  h3: { memory: 8 GiB, workload: light, method: hcx-vmotion }
  v1: { memory: 8 GiB, workload: light }
  v2: { memory: 8 GiB, workload: light }
waves:
  - name: W
    link: ab
    concurrency: 4
    window: { start: "2026-12-05T22:00:00Z", duration: 8h }
    vms: [h1, h2, h3, v1, v2]
`;
  const wave = analyze(text).estimate.schedule.waves[0];
  const at = new Map(wave.vms.map((v) => [v.vmId, v]));
  const hcx = ['h1', 'h2', 'h3'].map((id) => at.get(id)).sort((a, b) => (a?.startEpochMs ?? 0) - (b?.startEpochMs ?? 0));
  for (let i = 1; i < hcx.length; i++) assert.ok((hcx[i]?.startEpochMs ?? 0) >= (hcx[i - 1]?.endEpochMs ?? Infinity), `${hcx[i]?.vmId} starts after ${hcx[i - 1]?.vmId} ends`);
  // The vMotion VMs do not wait for the HCX path: they start with the first HCX move.
  assert.equal(at.get('v1')?.startEpochMs, hcx[0]?.startEpochMs);
  assert.equal(at.get('v2')?.startEpochMs, hcx[0]?.startEpochMs);
  assert.ok(['h2', 'h3'].every((id) => /^h\d$/.test(at.get(id)?.waitedForSlotOf ?? '')), 'each later HCX move waited for the HCX move before it');
});
