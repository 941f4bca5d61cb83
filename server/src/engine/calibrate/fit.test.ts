import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitCalibration, predictWithFit, type FitMove } from './fit';

const move = (vmId: string, bytes: number, measuredSeconds: number, predictedSeconds = measuredSeconds / 2): FitMove => ({ vmId, bytes, measuredSeconds, predictedSeconds });

test('exact moves give back the rate and the fixed time, with no spread', () => {
  const R = 60e6;
  const F = 40;
  const fit = fitCalibration([move('a', 5e9, F + 5e9 / R), move('b', 20e9, F + 20e9 / R), move('c', 50e9, F + 50e9 / R)]);
  assert.equal(fit.kind, 'rate');
  if (fit.kind !== 'rate') return;
  assert.ok(Math.abs(fit.throughputBytesPerSecond - R) / R < 1e-9);
  assert.ok(Math.abs(fit.fixedSeconds - F) < 1e-6);
  assert.ok(fit.spreadFraction < 1e-9);
});

test('noise becomes the spread: the largest relative residual', () => {
  const fit = fitCalibration([move('a', 5e9, 130), move('b', 20e9, 360), move('c', 50e9, 900), move('d', 30e9, 520)]);
  assert.equal(fit.kind, 'rate');
  const residuals = [['a', 5e9, 130], ['b', 20e9, 360], ['c', 50e9, 900], ['d', 30e9, 520]].map(([, b, d]) => Math.abs(predictWithFit(fit, { bytes: b as number, predictedSeconds: 0 }) - (d as number)) / (d as number));
  assert.ok(Math.abs(fit.spreadFraction - Math.max(...residuals)) < 1e-12);
  assert.ok(fit.spreadFraction > 0 && fit.spreadFraction < 0.25, String(fit.spreadFraction));
});

test('one move, same-size moves, or an unphysical line: only a scale, and why', () => {
  const one = fitCalibration([move('a', 5e9, 300, 200)]);
  assert.deepEqual(one.kind === 'scale' && [one.scale, one.spreadFraction, one.why.startsWith('1 move')], [1.5, 0, true]);
  const same = fitCalibration([move('a', 5e9, 300, 200), move('b', 5.1e9, 330, 204)]);
  assert.equal(same.kind, 'scale');
  assert.match(same.kind === 'scale' ? same.why : '', /about the same size/);
  const falling = fitCalibration([move('a', 5e9, 600, 200), move('b', 50e9, 300, 800)]);
  assert.equal(falling.kind, 'scale');
  assert.throws(() => fitCalibration([]), /no measured move/);
});
