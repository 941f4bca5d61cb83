import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { analyze } from '../analyze';
import { calibrate, calibrationTable, ceilingChecks, downtimeStatistics, totalStatistics, type Calibration, type CalibrationResult } from './calibration';
import { estimateMigration } from './migration';
import { vgpuStunSeconds } from './vgpu';
import { parseVsphereVersion } from '../vsphere';

// The published measurements live in the repository (test/data/measurements.yaml, each row with its
// source and quote); tests run from the root. MEASUREMENTS overrides the path. A missing file fails.
const path = process.env.MEASUREMENTS ?? resolve(process.cwd(), 'test/data/measurements.yaml');
const cal: Calibration = calibrate(readFileSync(path, 'utf8'));

function rows(id: string): CalibrationResult[] {
  const found = cal.results.filter((r) => r.id === id);
  assert.ok(found.length > 0, `row ${id} mapped`);
  return found;
}

/** Within a factor of `factor` of the measured value (or range). */
function withinFactor(error: number | undefined, factor: number): boolean {
  return error !== undefined && 1 + error <= factor && 1 + error >= 1 / factor;
}

test('targets on the total-time rows: median |likely - measured| / measured <= 20 %, >= 80 % inside [low, high]', () => {
  for (const uses of [['check'], ['check', 'choose']] as const) {
    const s = totalStatistics(cal, uses);
    assert.ok(s.rows >= 2, `${uses}: ${s.rows} rows`);
    assert.ok(s.medianAbsoluteError <= 0.2, `${uses}: median ${s.medianAbsoluteError}`);
    assert.ok(s.coverage >= 0.8, `${uses}: coverage ${s.coverage}`);
  }
});

test('every downtime row: within a factor of 2 of the likely value and inside [low, high]', () => {
  const s = downtimeStatistics(cal, ['check', 'choose']);
  assert.ok(s.rows >= 15, `${s.rows} rows`);
  for (const r of cal.results) {
    if (r.downtimeError === undefined || r.use === 'alternative') continue;
    assert.ok(withinFactor(r.downtimeError, 2), `${r.id}: ${r.downtime.likely} s`);
    assert.ok(r.downtimeInRange, `${r.id}: ${r.downtime.low}-${r.downtime.high} s vs ${r.measuredDowntimeSeconds}`);
  }
});

test('Hyper-V 1 GbE rows (1, 10, 20 concurrent VMs): total within 30 %', () => {
  for (const id of ['hyperv2012-1gbe-1vm', 'hyperv2012-1gbe-10vm', 'hyperv2012-1gbe-20vm']) {
    for (const r of rows(id)) assert.ok(Math.abs(r.totalError ?? Infinity) <= 0.3, `${id}: ${r.total.likely} s vs ${r.measuredTotalSeconds} s`);
  }
});

test('KVM OPNFV rows read as 1 GiB: total within 35 %; the 8 GiB reading over-predicts the likely value but lies in the range', () => {
  for (const id of ['kvm-opnfv-idle-baseline', 'kvm-opnfv-dpdk-baseline']) {
    const one = rows(id).find((x) => x.reading?.startsWith('1 GiB'));
    assert.ok(one);
    assert.ok(Math.abs(one.totalError ?? Infinity) <= 0.35, `${id} total ${one.total.likely}`);
    const eight = rows(id).find((x) => x.reading?.startsWith('8 GiB'));
    assert.ok(eight && (eight.totalError ?? 0) > 0 && eight.totalInRange, `${id} 8 GiB: ${eight?.total.low}-${eight?.total.high}`);
  }
});

test('qemu-hugepage-nonconverge: ~160 MB/s dirty over 866.83 Mbps does not converge (QEMU has no SDPS)', () => {
  const [r] = rows('qemu-hugepage-nonconverge');
  assert.equal(r.converges, false);
  assert.ok(r.rho > 1, `rho ${r.rho}`);
  assert.equal(r.result.precopy.stop, 'volume-cap');
});

test('F5 long-distance pairs: chosen on the 1 Gbps pair, the T3 plain row checks within 20 % and inside the range', () => {
  for (const id of ['f5-ldvm-1gbps-20ms-plain', 'f5-ldvm-1gbps-20ms-wom']) {
    const [r] = rows(id);
    assert.equal(r.use, 'choose');
    assert.ok(Math.abs(r.totalError ?? Infinity) <= 0.05, `${id}: ${r.total.likely}`);
  }
  const [t3] = rows('f5-ldvm-t3-100ms-plain');
  assert.equal(t3.use, 'check');
  assert.ok(Math.abs(t3.totalError ?? Infinity) <= 0.2 && t3.totalInRange, `T3: ${t3.total.likely}`);
  // The optimized / plain ratio at 1 Gb/s: 158 / 38 = 4.2 measured.
  const ratio = rows('f5-ldvm-1gbps-20ms-plain')[0].total.likely / rows('f5-ldvm-1gbps-20ms-wom')[0].total.likely;
  assert.ok(ratio > 3.5 && ratio < 5, `ratio ${ratio}`);
  assert.match(cal.unmapped.find((u) => u.id === 'f5-ldvm-t3-100ms-wom')?.reason ?? '', /data reduction is not in the row/);
});

test('vGPU rows: the 16 and 24 GB P40 frame buffers exceed the 100 s stun timeout, as the doc says', () => {
  const v67 = parseVsphereVersion('6.7');
  assert.ok(v67);
  for (const gb of [16, 24]) assert.ok(vgpuStunSeconds(gb * 2 ** 30, v67) > 100, `${gb} GB`);
  assert.ok(vgpuStunSeconds(12 * 2 ** 30, v67) < 100);
});

test('KB 323379: one migration on 40 GbE is capped at 18 / 28 / 36 Gb/s with 1 / 2 / 3 vmknics', () => {
  assert.deepEqual(ceilingChecks().vmknicBitsPerSecond.map((b) => Math.round(b / 1e9)), [18, 28, 36]);
  const text = (vmknics: number) => `runbook: 1
name: k
sites:
  a: { vsphere: "8.0", vmotion_vmknics: ${vmknics} }
  b: { vsphere: "8.0", vmotion_vmknics: ${vmknics} }
links:
  l: { from: a, to: b, bandwidth: 40 Gbps, rtt: 0.5 ms }
storage: { strategy: shared }
vms:
  v: { memory: 64 GiB, workload: idle }
waves:
  - { name: W, link: l, vms: [v] }
`;
  for (const [n, gbps] of [[1, 18], [2, 28], [3, 36]]) {
    const e = analyze(text(n)).estimate.vms.get('v');
    assert.equal(e?.throughput.limitedBy, 'stream-cap');
    assert.equal(Math.round(((e?.throughput.bytesPerSecond ?? 0) * 8) / 1e9), gbps);
  }
});

test('KB 431479: a cross-type Storage vMotion over 10 and 25 GbE copies at 500-700 MB/s whatever the NIC', () => {
  for (const r of [1.1875e9, 2.97e9]) {
    for (const [mover, level] of [[700e6, 'low'], [600e6, 'likely'], [500e6, 'high']] as const) {
      const m = estimateMigration({ memoryBytes: 0, dirtyRateBytesPerSecond: 0, hotSetBytes: 0, storage: 'storage-vmotion', diskUsedBytes: 1e12, diskChangeRateBytesPerSecond: 0, rpoSeconds: 0, bytesPerSecond: r, rttSeconds: 0.0005, dataMoverBytesPerSecond: mover, level });
      const rate = 1e12 / m.disk.copySeconds;
      assert.ok(rate >= 500e6 - 1 && rate <= 700e6 + 1, `${r}: ${rate}`);
    }
  }
  const [low, high] = ceilingChecks().dataMoverBytesPerSecond;
  assert.deepEqual([low, high], [500e6, 700e6]);
});

test('paper downtimes (Clark SPECweb and Quake 3, VM Turntable): within a factor of 2', () => {
  for (const id of ['clark-specweb-2005', 'clark-quake3-2005', 'vmturntable-amsterdam-sandiego']) {
    const [r] = rows(id);
    assert.ok(withinFactor(r.downtimeError, 2), `${id}: ${r.downtime.likely} s`);
  }
});

test('rows without memory, link or RTT (Bradford) are listed as not mapped, not guessed; every row is accounted for', () => {
  for (const id of ['bradford-wan-2007', 'bradford-lan-2007']) {
    const u = cal.unmapped.find((x) => x.id === id);
    assert.ok(u, id);
    assert.match(u.reason, /not mapped/);
  }
  const ids = new Set([...cal.results.map((r) => r.id), ...cal.unmapped.map((u) => u.id)]);
  const all = [...readFileSync(path, 'utf8').matchAll(/^- id: (\S+)/gm)].map((m) => m[1]);
  for (const id of all) assert.ok(ids.has(id), `${id} neither mapped nor listed`);
});

test('docs/estimates.md carries the current calibration table', () => {
  const docs = resolve(process.cwd(), 'docs/estimates.md');
  assert.ok(existsSync(docs), 'docs/estimates.md exists');
  const table = calibrationTable(cal);
  assert.ok(readFileSync(docs, 'utf8').includes(table), `update the table in docs/estimates.md to:\n${table}`);
});
