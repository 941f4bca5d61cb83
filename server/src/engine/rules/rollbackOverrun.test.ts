import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rollbackOverrun } from './rollbackOverrun';
import { run, spanOf, waveSchedule } from '../../../../test/support/rules';
import type { RollbackEstimate } from '../estimate/types';

const START = Date.parse('2026-12-06T03:00:00Z'); // 22:00 at -05:00
const MIN = 60_000;
const text = (purpose: string): string => `purpose: ${purpose}\nwaves:\n  - name: W\n    window: { start: "2026-12-05T22:00:00-05:00", duration: 8h }\n    vms: []\n    rollback:\n      - { id: revert-dns, duration: 15 min }\n`;
// Last point 04:10; rollback 110 min reverse + 15 min steps = 125 min -> 06:15; window closes 06:00.
const rollback: RollbackEstimate = {
  fromEpochMs: START + 370 * MIN, seconds: 125 * 60, reverseMigrationSeconds: 110 * 60, stepsSeconds: 15 * 60, vmsMoved: 3,
  endEpochMs: START + 495 * MIN, points: [], steps: [], pointOfNoReturnEpochMs: START + 355 * MIN,
};
const wave = waveSchedule(0, { startEpochMs: START, windowStartEpochMs: START, windowSeconds: 8 * 3600, utcOffsetMinutes: -300, rollback });

test('RB221 warns when rolling back from the last point ends after the window, naming the times', () => {
  const t = text('planned-move');
  const [f, ...rest] = run(rollbackOverrun, t, { schedule: { waves: [wave] } });
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(t, 'revert-dns'));
  assert.equal(f.message, "Wave 'W': a failed cutover at 04:10 (+1d) could not be rolled back before the window closes at 06:00 (+1d): rolling back takes 2 h 5 min (reverse migration of 3 VMs 1 h 50 min + rollback steps 15 min) and ends at 06:15 (+1d). A failure is recoverable in time only until 03:55 (+1d). Keep back-out time in the window: split the wave, shorten the rollback, or lengthen the window.");
});

test('RB221 is information for disaster avoidance', () => {
  assert.equal(run(rollbackOverrun, text('disaster-avoidance'), { schedule: { waves: [wave] } })[0].severity, 'information');
});

test('RB221 stays silent when the rollback ends in time, or when RB206 already fires', () => {
  const t = text('planned-move');
  assert.deepEqual(run(rollbackOverrun, t, { schedule: { waves: [{ ...wave, rollback: { ...rollback, endEpochMs: START + 480 * MIN } }] } }), []);
  assert.deepEqual(run(rollbackOverrun, t, { schedule: { waves: [{ ...wave, overrunSeconds: 60 }] } }), []);
});
