import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seededRandom } from '../../../../test/support/generateRunbook';
import type { StorageStrategy } from '../model';
import { estimateMigration, type MigrationInput } from './migration';
import { streamThroughput, type StreamInput } from './throughput';

const CASES = 400;
const STRATEGIES: readonly StorageStrategy[] = ['shared', 'storage-vmotion', 'replication-async', 'replication-sync'];

interface Case {
  readonly stream: StreamInput;
  readonly migration: Omit<MigrationInput, 'bytesPerSecond' | 'rttSeconds'>;
}

function logUniform(random: () => number, low: number, high: number): number {
  return Math.exp(Math.log(low) + random() * (Math.log(high) - Math.log(low)));
}

function randomCase(random: () => number): Case {
  return {
    stream: {
      transport: random() < 0.7 ? 'tcp' : 'wan-optimized',
      bandwidthBytesPerSecond: logUniform(random, 1.25e6, 12.5e9),
      migrationShare: 0.2 + 0.8 * random(),
      concurrentStreams: 1 + Math.floor(random() * 8),
      rttSeconds: random() < 0.2 ? 0 : logUniform(random, 1e-4, 0.2),
      lossFraction: random() < 0.5 ? 0 : logUniform(random, 1e-7, 1e-2),
      windowBytes: random() < 0.5 ? undefined : logUniform(random, 64e3, 64e6),
      streamCapBytesPerSecond: random() < 0.5 ? undefined : 2.25e9,
      hostNicBytesPerSecond: random() < 0.5 ? undefined : logUniform(random, 1.25e8, 1.25e10),
      migrationsPerHost: 1 + Math.floor(random() * 4),
      efficiency: 0.3 + 0.7 * random(),
      compressionRatio: 1 + 3 * random(),
    },
    migration: {
      memoryBytes: logUniform(random, 2 ** 28, 2 ** 40),
      dirtyRateBytesPerSecond: random() < 0.1 ? 0 : logUniform(random, 1e4, 2e9),
      hotSetBytes: random() < 0.3 ? 0 : logUniform(random, 2 ** 20, 2 ** 32),
      storage: STRATEGIES[Math.floor(random() * STRATEGIES.length)],
      diskUsedBytes: random() < 0.1 ? undefined : logUniform(random, 1e9, 4e12),
      diskChangeRateBytesPerSecond: random() < 0.2 ? 0 : logUniform(random, 1e4, 2e8),
      rpoSeconds: logUniform(random, 300, 86400),
      sdps: random() < 0.5,
      dataMoverBytesPerSecond: random() < 0.5 ? undefined : logUniform(random, 3e8, 1.5e9),
      vgpuStunSeconds: random() < 0.8 ? 0 : 100 * random(),
    },
  };
}

function run(c: Case) {
  const throughput = streamThroughput(c.stream);
  return { throughput, migration: estimateMigration({ ...c.migration, bytesPerSecond: throughput.bytesPerSecond, rttSeconds: c.stream.rttSeconds }) };
}

function check(name: string, seed: number, vary: (c: Case, random: () => number) => Case, holds: (before: ReturnType<typeof run>, after: ReturnType<typeof run>) => boolean) {
  test(name, () => {
    const random = seededRandom(seed);
    for (let i = 0; i < CASES; i++) {
      const c = randomCase(random);
      const d = vary(c, random);
      const before = run(c);
      const after = run(d);
      assert.ok(holds(before, after), `case ${i}: ${JSON.stringify({ c, d, before: before.migration.totalSeconds, after: after.migration.totalSeconds })}`);
    }
  });
}

const notSlower = (b: ReturnType<typeof run>, a: ReturnType<typeof run>) => a.migration.totalSeconds <= b.migration.totalSeconds * (1 + 1e-12);
const notFaster = (b: ReturnType<typeof run>, a: ReturnType<typeof run>) => a.migration.totalSeconds >= b.migration.totalSeconds * (1 - 1e-12);

check('more bandwidth is never slower', 11, (c, r) => ({ ...c, stream: { ...c.stream, bandwidthBytesPerSecond: (c.stream.bandwidthBytesPerSecond ?? 0) * (1 + 4 * r()) } }), notSlower);
check('a higher dirty rate is never faster', 12, (c, r) => ({ ...c, migration: { ...c.migration, dirtyRateBytesPerSecond: c.migration.dirtyRateBytesPerSecond * (1 + 4 * r()) + 1e5 * r() } }), notFaster);
check('a longer RTT is never faster', 13, (c, r) => ({ ...c, stream: { ...c.stream, rttSeconds: c.stream.rttSeconds + 0.1 * r() } }), notFaster);
check('a higher disk change rate is never faster', 14, (c, r) => ({ ...c, migration: { ...c.migration, diskChangeRateBytesPerSecond: c.migration.diskChangeRateBytesPerSecond * (1 + 4 * r()) + 1e5 } }), notFaster);

test('a dirty rate at or above the throughput never converges', () => {
  const random = seededRandom(15);
  for (let i = 0; i < CASES; i++) {
    const c = randomCase(random);
    const r = streamThroughput(c.stream).bytesPerSecond;
    const d: Case = { ...c, migration: { ...c.migration, dirtyRateBytesPerSecond: r * (1 + 3 * random()) } };
    const out = run(d);
    assert.equal(out.migration.converges, false, `case ${i}`);
    // With SDPS (vSphere 5.0+) the throttled pre-copy converges, but the VM is still flagged.
    assert.equal(out.migration.memoryConverges, false, `case ${i}`);
  }
});

// Ranges: every VM of random runbooks has low <= likely <= high, and an unknown input never collapses the range.
import { analyze } from '../analyze';

function randomRunbook(random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const vms: string[] = [];
  for (let i = 0; i < 12; i++) {
    const parts = [`memory: ${Math.round(logUniform(random, 1, 1024))} GiB`];
    if (random() < 0.4) parts.push(`active_memory: ${Math.round(logUniform(random, 0.5, 64))} GiB`);
    if (random() < 0.4) parts.push(`workload: ${pick(['idle', 'light', 'moderate', 'heavy', 'extreme'])}`);
    else if (random() < 0.3) parts.push(`dirty_rate: ${Math.round(logUniform(random, 1, 2000))} MB/s`);
    if (random() < 0.7) parts.push(`disk: ${Math.round(logUniform(random, 10, 4000))} GiB`);
    if (random() < 0.3) parts.push(`storage: ${pick(['shared', 'storage-vmotion', 'replication-async'])}`);
    if (random() < 0.2) parts.push(`vgpu_memory: ${Math.round(logUniform(random, 1, 24))} GiB`);
    vms.push(`  v${i}: { ${parts.join(', ')} }`);
  }
  return `runbook: 1
name: p
sites:
  a: { vsphere: "${pick(['5.5', '6.7', '7.0 U3', '8.0'])}", vcenter: ${pick(['vc1', 'vc2'])}${random() < 0.5 ? `, vmotion_nic: ${pick(['1 Gbps', '10 Gbps', '25 Gbps'])}` : ''} }
  b: { vsphere: "${pick(['6.7', '7.0 U3', '8.0'])}", vcenter: vc1 }
links:
  l: { from: a, to: b, bandwidth: ${Math.round(logUniform(random, 50, 100000))} Mbps, rtt: ${logUniform(random, 0.2, 140).toFixed(1)} ms${random() < 0.3 ? ', transport: wan-optimized, compression: 2' : ''} }
vms:
${vms.join('\n')}
waves:
  - { name: W, link: l, concurrency: ${1 + Math.floor(random() * 4)}, vms: [${vms.map((_, i) => `v${i}`).join(', ')}] }
`;
}

test('every VM estimate has low <= likely <= high; unknown inputs leave a real range', () => {
  const random = seededRandom(21);
  for (let n = 0; n < 40; n++) {
    const text = randomRunbook(random);
    const a = analyze(text);
    for (const vm of a.model.vms.values()) {
      const e = a.estimate.vms.get(vm.id);
      assert.ok(e);
      if (e.estimable === false) continue;
      assert.ok(e.lowSeconds <= e.totalSeconds * (1 + 1e-12) && e.totalSeconds <= e.highSeconds * (1 + 1e-12), `${vm.id}: ${e.lowSeconds} ${e.totalSeconds} ${e.highSeconds}\n${text}`);
      const unknown = (vm.workload === undefined && vm.dirtyRateBytesPerSecond === undefined) || vm.activeMemoryBytes === undefined;
      if (unknown) assert.ok(e.highSeconds > e.lowSeconds * (1 + 1e-6), `${vm.id}: range collapsed (${e.lowSeconds}-${e.highSeconds})`);
    }
    const w = a.estimate.schedule.waves[0];
    if (w.lowDurationSeconds !== undefined && w.highDurationSeconds !== undefined) {
      assert.ok(w.lowDurationSeconds <= w.durationSeconds + 1e-6 && w.durationSeconds <= w.highDurationSeconds + 1e-6, `wave: ${w.lowDurationSeconds} ${w.durationSeconds} ${w.highDurationSeconds}`);
    }
  }
});
