import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deadline } from './deadline';
import { run, spanOf, waveSchedule } from '../../../../test/support/rules';

const yaml = (purpose: string): string => `purpose: ${purpose}
deadline: "2026-09-01T12:00:00Z"
waves:
  - vms: []
`;
const due = Date.UTC(2026, 8, 1, 12);
const schedule = (endEpochMs: number) => ({ endEpochMs, waves: [waveSchedule(0, { endEpochMs })] });

test('RB212 is an error for disaster avoidance ending after its deadline', () => {
  const text = yaml('disaster-avoidance');
  const [f, ...rest] = run(deadline, text, { schedule: schedule(due + 90 * 60_000) });
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB212');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, '"2026-09-01T12:00:00Z"'));
  assert.equal(f.message, 'The plan finishes 1 h 30 min after its deadline: predicted end 2026-09-01T13:30:00Z, deadline 2026-09-01T12:00:00Z. Move the critical VMs into earlier waves, raise concurrency within the limits, or cut what must move before the event.');
});

test('RB212 is a warning for a planned move, and silent when the plan ends in time', () => {
  assert.equal(run(deadline, yaml('planned-move'), { schedule: schedule(due + 1000) })[0].severity, 'warning');
  assert.deepEqual(run(deadline, yaml('disaster-avoidance'), { schedule: schedule(due - 1000) }), []);
});

test('RB212 shows both times in the deadline\'s own offset, to the second', () => {
  const text = `purpose: disaster-avoidance\ndeadline: "2026-09-01T07:00:00-05:00"\nwaves:\n  - vms: []\n`;
  const [f] = run(deadline, text, { schedule: schedule(due + 90_500) });
  assert.match(f.message, /predicted end 2026-09-01T07:01:31-05:00, deadline 2026-09-01T07:00:00-05:00\./);
});

test('RB212 stays silent when nothing anchors the schedule (RB214 reports that)', () => {
  assert.deepEqual(run(deadline, yaml('disaster-avoidance'), { schedule: { ...schedule(due + 1e9), anchored: false } }), []);
});
