import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waveWithoutWindow } from './waveWithoutWindow';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (purpose: string): string => `purpose: ${purpose}
start: "2026-12-05T22:00:00-05:00"
waves:
  - name: First
    window: { start: "2026-12-05T22:00:00-05:00", duration: 6h }
    vms: [a]
  - name: Second
    vms: [b]
`;

test('RB215 warns on a planned-move wave without a window, naming what it follows', () => {
  const text = yaml('planned-move');
  const [f, ...rest] = run(waveWithoutWindow, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, 'Second'));
  assert.equal(f.message, "Wave 'Second' has no maintenance window, so nothing checks that it fits one: it is scheduled right after the end of the previous wave. Add 'window: { start, duration }' (a planned move runs inside windows).");
});

test('RB215 is silent for disaster avoidance and load balancing', () => {
  assert.deepEqual(run(waveWithoutWindow, yaml('disaster-avoidance')), []);
  assert.deepEqual(run(waveWithoutWindow, yaml('load-balancing')), []);
});
