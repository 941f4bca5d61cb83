import { test } from 'node:test';
import assert from 'node:assert/strict';
import { waveOverrun } from './waveOverrun';
import { run, spanOf, waveSchedule } from '../../../../test/support/rules';

const yaml = (purpose: string): string => `purpose: ${purpose}
waves:
  - name: Database
    window: { start: "2026-12-05T22:00:00-05:00", duration: 6h }
    vms: []
`;
const late = waveSchedule(0, {
  durationSeconds: 7.5 * 3600, windowSeconds: 6 * 3600, overrunSeconds: 1.5 * 3600, fits: false,
  lowDurationSeconds: 7 * 3600, highDurationSeconds: 9 * 3600, lowOverrunSeconds: 3600, highOverrunSeconds: 3 * 3600,
});

test('RB206 is an error for a planned move, on the window duration, with a split-wave fix', () => {
  const text = yaml('planned-move');
  const [f, ...rest] = run(waveOverrun, text, { schedule: { waves: [late] } });
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB206');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, '6h'));
  assert.equal(f.message, "Wave 'Database' overruns its 6 h window by 1 h even at the low end of its range (predicted duration 7-9 h, likely 7 h 30 min). Split the wave, raise its concurrency within the limits, or lengthen the window.");
  assert.deepEqual(f.fix, { fix: 'split-wave', waveIndex: 0 });
});

test('RB206 is a warning for disaster avoidance', () => {
  const [f] = run(waveOverrun, yaml('disaster-avoidance'), { schedule: { waves: [late] } });
  assert.equal(f.severity, 'warning');
});

test('RB206 stays silent when the wave fits', () => {
  assert.deepEqual(run(waveOverrun, yaml('planned-move'), { schedule: { waves: [waveSchedule(0, { fits: true })] } }), []);
});

test('RB206 stays silent when only the likely or high end overruns (RB220 warns then)', () => {
  const likelyLate = waveSchedule(0, { durationSeconds: 7 * 3600, windowSeconds: 6 * 3600, overrunSeconds: 3600, fits: false, lowOverrunSeconds: 0, highOverrunSeconds: 2 * 3600 });
  assert.deepEqual(run(waveOverrun, yaml('planned-move'), { schedule: { waves: [likelyLate] } }), []);
});
