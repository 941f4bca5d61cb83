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
  assert.equal(f.message, 'The plan is predicted to finish 1 h 30 min after its deadline (2026-09-01T13:30:00.000Z vs 2026-09-01T12:00:00.000Z); move the critical VMs into earlier waves, raise concurrency within the limits, or cut what must move before the event.');
});

test('RB212 is a warning for a planned move, and silent when the plan ends in time', () => {
  assert.equal(run(deadline, yaml('planned-move'), { schedule: schedule(due + 1000) })[0].severity, 'warning');
  assert.deepEqual(run(deadline, yaml('disaster-avoidance'), { schedule: schedule(due - 1000) }), []);
});
