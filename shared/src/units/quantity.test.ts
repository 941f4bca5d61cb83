import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatBitRate, formatBytes, formatDuration, formatDurationRange, parseQuantity, type QuantityKind } from './quantity';

const ok: [string, QuantityKind, number][] = [
  ['64 GiB', 'size', 64 * 2 ** 30],
  ['2 TB', 'size', 2e12],
  ['512MiB', 'size', 512 * 2 ** 20],
  ['1.2 TiB', 'size', 1.2 * 2 ** 40],
  ['100 Mb', 'size', 100e6 / 8],
  ['10 Gbps', 'rate', 10e9 / 8],
  ['800 Mb/s', 'rate', 800e6 / 8],
  ['120 MB/s', 'rate', 120e6],
  ['1 GiB/s', 'rate', 2 ** 30],
  ['250 Mbit/s', 'rate', 250e6 / 8],
  ['6h', 'duration', 21600],
  ['45 min', 'duration', 2700],
  ['90 s', 'duration', 90],
  ['18 ms', 'duration', 0.018],
  ['660 mi', 'distance', 660 * 1.609344],
  ['1060 km', 'distance', 1060],
  ['1,060 km', 'distance', 1060],
  ['0.01 %', 'percent', 0.0001],
  ['50%', 'percent', 0.5],
];

for (const [text, kind, expected] of ok) {
  test(`parses '${text}' as ${kind}`, () => {
    const q = parseQuantity(text, kind);
    assert.ok(q.ok, JSON.stringify(q));
    if (q.ok) assert.ok(Math.abs(q.value - expected) <= Math.abs(expected) * 1e-12, `${q.value} != ${expected}`);
  });
}

test("'10 Gbs' suggests 'Gbps' and points at the unit", () => {
  const q = parseQuantity('10 Gbs', 'rate');
  assert.equal(q.ok, false);
  if (!q.ok) {
    assert.match(q.message, /unknown rate unit 'Gbs'; did you mean 'Gbps'\?/);
    assert.equal(q.suggestion, '10 Gbps');
    assert.deepEqual([q.start, q.end], [3, 6]);
  }
});

test('bits and bytes are not confused: Mb vs MB', () => {
  const mb = parseQuantity('1 Mb', 'size');
  const mB = parseQuantity('1 MB', 'size');
  assert.ok(mb.ok && mB.ok);
  if (mb.ok && mB.ok) assert.equal(mB.value / mb.value, 8);
});

test('a bare number asks for a unit', () => {
  const q = parseQuantity('64', 'size');
  assert.equal(q.ok, false);
  if (!q.ok) {
    assert.match(q.message, /no unit/);
    assert.equal(q.suggestion, '64 GiB');
  }
});

test('a unit of another kind says so', () => {
  const q = parseQuantity('10 GB', 'duration');
  assert.equal(q.ok, false);
  if (!q.ok) assert.match(q.message, /is a size unit/);
});

test('garbage is not a quantity', () => {
  const q = parseQuantity('fast', 'rate');
  assert.equal(q.ok, false);
});

test('formats for people', () => {
  assert.equal(formatBytes(64 * 2 ** 30), '64 GiB');
  assert.equal(formatBitRate(10e9 / 8), '10 Gbps');
  assert.equal(formatDuration(0.4), '0.4 s');
  assert.equal(formatDuration(12 * 60), '12 min');
  assert.equal(formatDuration(3 * 3600 + 12 * 60), '3 h 12 min');
  assert.equal(formatDuration(86400 + 7 * 60), '1 d 7 min');
  assert.equal(formatDuration(2 * 86400 + 4 * 3600), '2 d 4 h');
});

test('formatDurationRange: shared unit, mixed units, one value, open end', () => {
  assert.equal(formatDurationRange(12 * 60, 18 * 60), '12-18 min');
  assert.equal(formatDurationRange(40, 120), '40 s - 2 min');
  assert.equal(formatDurationRange(600, 610), '10 min');
  assert.equal(formatDurationRange(600, Infinity), '10 min or more');
});
