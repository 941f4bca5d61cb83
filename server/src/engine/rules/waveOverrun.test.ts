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
const late = waveSchedule(0, { durationSeconds: 7.5 * 3600, windowSeconds: 6 * 3600, overrunSeconds: 1.5 * 3600, fits: false });

test('RB206 is an error for a planned move, on the window duration, with a split-wave fix', () => {
  const text = yaml('planned-move');
  const [f, ...rest] = run(waveOverrun, text, { schedule: { waves: [late] } });
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB206');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, '6h'));
  assert.equal(f.message, "Wave 'Database' overruns its 6 h window by 1 h 30 min (predicted duration 7 h 30 min). Split the wave, raise its concurrency within the limits, or lengthen the window.");
  assert.deepEqual(f.fix, { fix: 'split-wave', waveIndex: 0 });
});

test('RB206 is a warning for disaster avoidance', () => {
  const [f] = run(waveOverrun, yaml('disaster-avoidance'), { schedule: { waves: [late] } });
  assert.equal(f.severity, 'warning');
});

test('RB206 stays silent when the wave fits', () => {
  assert.deepEqual(run(waveOverrun, yaml('planned-move'), { schedule: { waves: [waveSchedule(0, { fits: true })] } }), []);
});
