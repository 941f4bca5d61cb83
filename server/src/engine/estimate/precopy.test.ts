import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeDisk, diskPhase } from './disk';
import { fixedTime } from './fixedTime';
import { estimateMigration } from './migration';
import { precopy } from './precopy';

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);
const MB = 1e6;

test('converging pre-copy: 1000 MB at 100 MB/s, 20 MB/s dirty -> rounds 1000, 200; residual 40 MB <= 50 MB', () => {
  const p = precopy({ memoryBytes: 1000 * MB, dirtyRateBytesPerSecond: 20 * MB, hotSetBytes: 0, bytesPerSecond: 100 * MB });
  assert.equal(p.rounds, 2);
  close(p.seconds, 12, 'seconds');
  close(p.bytesSent, 1200 * MB, 'sent');
  close(p.residualBytes, 40 * MB, 'residual');
  assert.equal(p.converges, true);
  assert.equal(p.stop, 'target');
});

test('hot-set floor: residual stuck at 80 MB after 1000, 200, 80', () => {
  const p = precopy({ memoryBytes: 1000 * MB, dirtyRateBytesPerSecond: 20 * MB, hotSetBytes: 80 * MB, bytesPerSecond: 100 * MB });
  assert.equal(p.rounds, 3);
  close(p.seconds, 12.8, 'seconds');
  close(p.residualBytes, 80 * MB, 'residual');
  assert.equal(p.stop, 'hot-set');
  assert.equal(p.converges, true);
});

test('non-converging: 150 MB/s dirty over 100 MB/s stops at 3 x M sent, converges = false', () => {
  const p = precopy({ memoryBytes: 1000 * MB, dirtyRateBytesPerSecond: 150 * MB, hotSetBytes: 0, bytesPerSecond: 100 * MB });
  assert.equal(p.rounds, 3);
  close(p.seconds, 30, 'seconds');
  close(p.residualBytes, 1000 * MB, 'residual');
  assert.equal(p.stop, 'volume-cap');
  assert.equal(p.converges, false);
});

test('29-round cap when the target is out of reach at rho = 0.5', () => {
  // M / 2^k <= 0.5 B needs k = 41 rounds; the sum stays below 2 M, so the round cap stops it.
  const p = precopy({ memoryBytes: 1e12, dirtyRateBytesPerSecond: 0.5, hotSetBytes: 0, bytesPerSecond: 1 });
  assert.equal(p.rounds, 29);
  assert.equal(p.stop, 'round-cap');
  assert.equal(p.converges, false);
});

test('a tiny VM dirtying faster than R fits the stop target but is still reported non-converging', () => {
  const p = precopy({ memoryBytes: 10 * MB, dirtyRateBytesPerSecond: 200 * MB, hotSetBytes: 0, bytesPerSecond: 100 * MB });
  assert.equal(p.stop, 'target');
  assert.equal(p.converges, false);
});

test('switchover: 40 MB / 100 MB/s + 20 ms + 5 x 100 ms RTT = 0.92 s; total adds setup and completion', () => {
  const m = estimateMigration({ memoryBytes: 1000 * MB, dirtyRateBytesPerSecond: 20 * MB, hotSetBytes: 0, storage: 'shared', diskChangeRateBytesPerSecond: 0, rpoSeconds: 0, bytesPerSecond: 100 * MB, rttSeconds: 0.1 });
  close(m.switchoverSeconds, 0.4 + 0.02 + 0.5, 'switchover');
  const fixed = fixedTime('same-vcenter', 0.1);
  // 3.5 s + 20 x 100 ms setup, 1.5 s + 10 x 100 ms completion (fixedTime.ts).
  close(fixed.setupSeconds + fixed.completionSeconds, 3.5 + 2 + 1.5 + 1, 'fixed');
  close(m.totalSeconds, fixed.setupSeconds + 12 + 0.92 + fixed.completionSeconds, 'total');
  close(m.bytesSent, 1240 * MB, 'bytes');
});

test('storage-vmotion (mirror driver): 1 TB at 100 MB/s with 10 MB/s of writes = 1e12 / 90 MB/s, one pass, converges', () => {
  const d = diskPhase({ strategy: 'storage-vmotion', usedBytes: 1e12, changeRateBytesPerSecond: 10 * MB, rpoSeconds: 0, bytesPerSecond: 100 * MB });
  close(d.diskSeconds, 1e12 / (90 * MB), 'seconds');
  close(d.diskBytes, 1e12 + 10 * MB * (1e12 / (90 * MB)), 'bytes');
  assert.equal(d.seedSeconds, 0);
  assert.equal(d.converges, true);
});

test('storage-vmotion with writes above half the rate still converges (the mirror slows the writes): copy keeps R / 2', () => {
  const d = diskPhase({ strategy: 'storage-vmotion', usedBytes: 1e12, changeRateBytesPerSecond: 200 * MB, rpoSeconds: 0, bytesPerSecond: 100 * MB });
  assert.equal(d.converges, true);
  close(d.diskSeconds, 20_000, 'seconds');
});

test('storage-vmotion over 10 Gb/s is capped by the data mover (KB 431479 ~600 MB/s)', () => {
  const d = diskPhase({ strategy: 'storage-vmotion', usedBytes: 1e12, changeRateBytesPerSecond: 0, rpoSeconds: 0, bytesPerSecond: 1187.5 * MB, dataMoverBytesPerSecond: 600 * MB });
  close(d.diskSeconds, 1e12 / (600 * MB), 'seconds');
  assert.match(describeDisk({ strategy: 'storage-vmotion', usedBytes: 1e12, changeRateBytesPerSecond: 0, rpoSeconds: 0, bytesPerSecond: 1187.5 * MB, dataMoverBytesPerSecond: 600 * MB }, d).join(' '), /data mover/);
});

test('replication-async: seed 1 TB / (100 - 1) MB/s before (writes during the seed); final delta 1 MB/s x 15 min = 900 MB -> 9 s', () => {
  const d = diskPhase({ strategy: 'replication-async', usedBytes: 1e12, changeRateBytesPerSecond: 1 * MB, rpoSeconds: 900, bytesPerSecond: 100 * MB });
  close(d.seedSeconds, 1e12 / (99 * MB), 'seed');
  close(d.diskBytes, 900 * MB, 'delta');
  close(d.diskSeconds, 9, 'in window');
});

test('shared and replication-sync move no disk bytes; a missing disk size is said, not guessed', () => {
  for (const strategy of ['shared', 'replication-sync'] as const) {
    const d = diskPhase({ strategy, usedBytes: 1e12, changeRateBytesPerSecond: 1 * MB, rpoSeconds: 900, bytesPerSecond: 100 * MB });
    assert.equal(d.diskSeconds, 0);
    assert.equal(d.diskBytes, 0);
  }
  const input = { strategy: 'storage-vmotion', changeRateBytesPerSecond: 1 * MB, rpoSeconds: 0, bytesPerSecond: 100 * MB } as const;
  const missing = diskPhase(input);
  assert.equal(missing.diskSeconds, 0);
  assert.match(describeDisk(input, missing).join(' '), /no disk size/);
});
