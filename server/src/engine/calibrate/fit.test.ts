import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fitCalibration, predictWithFit, type FitMove } from './fit';

const move = (vmId: string, transferSeconds: number, measuredSeconds: number, predictedSeconds = measuredSeconds / 2): FitMove => ({ vmId, transferSeconds, measuredSeconds, predictedSeconds });

test('exact moves give back the rate and the fixed time, with no spread', () => {
  const k = 0.8;
  const F = 40;
  const fit = fitCalibration([move('a', 50, F + 50 / k), move('b', 200, F + 200 / k), move('c', 500, F + 500 / k)]);
  assert.equal(fit.kind, 'rate');
  if (fit.kind !== 'rate') return;
  assert.ok(Math.abs(fit.rateFactor - k) / k < 1e-9);
  assert.ok(Math.abs(fit.fixedSeconds - F) < 1e-6);
  assert.ok(fit.spreadFraction < 1e-9);
});

test('noise becomes the spread: the largest relative residual', () => {
  const fit = fitCalibration([move('a', 50, 130), move('b', 200, 360), move('c', 500, 900), move('d', 300, 520)]);
  assert.equal(fit.kind, 'rate');
  const residuals = [['a', 50, 130], ['b', 200, 360], ['c', 500, 900], ['d', 300, 520]].map(([, t, d]) => Math.abs(predictWithFit(fit, { transferSeconds: t as number, predictedSeconds: 0 }) - (d as number)) / (d as number));
  assert.ok(Math.abs(fit.spreadFraction - Math.max(...residuals)) < 1e-12);
  assert.ok(fit.spreadFraction > 0 && fit.spreadFraction < 0.25, String(fit.spreadFraction));
});

test('one move, same-size moves, or an unphysical line: only a scale, and why', () => {
  const one = fitCalibration([move('a', 50, 300, 200)]);
  assert.deepEqual(one.kind === 'scale' && [one.scale, one.spreadFraction, one.why.startsWith('1 move')], [1.5, 0.05, true]);
  const two = fitCalibration([move('a', 50, 100), move('b', 200, 300)]);
  assert.equal(two.spreadFraction, 0.1, 'two moves, two values: the spread is the assumed floor');
  const same = fitCalibration([move('a', 50, 300, 200), move('b', 51, 330, 204)]);
  assert.equal(same.kind, 'scale');
  assert.match(same.kind === 'scale' ? same.why : '', /about the same size/);
  const falling = fitCalibration([move('a', 50, 600, 200), move('b', 500, 300, 800)]);
  assert.equal(falling.kind, 'scale');
  assert.throws(() => fitCalibration([]), /no measured move/);
});
