import { test } from 'node:test';
import assert from 'node:assert/strict';
import { worstCaseOverrun } from './worstCaseOverrun';
import { run, spanOf, waveSchedule } from '../../../../test/support/rules';

const yaml = (purpose: string): string => `purpose: ${purpose}\nwaves:\n  - name: W\n    window: { start: "2026-12-05T22:00:00-05:00", duration: 6h }\n    vms: []\n`;
const START = Date.parse('2026-12-06T03:00:00Z');
const H = 3_600_000;
const risky = waveSchedule(0, {
  startEpochMs: START, endEpochMs: START + 5.5 * H, worstEndEpochMs: START + 6.5 * H, windowStartEpochMs: START, windowSeconds: 6 * 3600,
  utcOffsetMinutes: -300, overrunSeconds: 0, worstOverrunSeconds: 1800, fits: false,
  lowEndEpochMs: START + 5 * H, highEndEpochMs: START + 6.5 * H, lowOverrunSeconds: 0, highOverrunSeconds: 1800,
});

test('RB220 warns for a planned move when only the high end overruns, with times in the window offset', () => {
  const text = yaml('planned-move');
  const [f, ...rest] = run(worstCaseOverrun, text, { schedule: { waves: [risky] } });
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, '6h'));
  assert.equal(f.message, "Wave 'W' fits its 6 h window only at the low end of its range (ends 03:00 (+1d), likely 03:30 (+1d)); at the high end (every VM at the long end of its estimate, every step at the long end of its range) it ends 04:30 (+1d), 30 min after the window closes at 04:00 (+1d). Measure what drives the range (hover a VM), shorten the slow steps, or lengthen the window.");
});

test('RB220 is information for disaster avoidance', () => {
  assert.equal(run(worstCaseOverrun, yaml('disaster-avoidance'), { schedule: { waves: [risky] } })[0].severity, 'information');
});

test('RB220 stays silent when the low end overruns (RB206) or the high end fits', () => {
  const text = yaml('planned-move');
  assert.deepEqual(run(worstCaseOverrun, text, { schedule: { waves: [{ ...risky, lowOverrunSeconds: 60 }] } }), []);
  assert.deepEqual(run(worstCaseOverrun, text, { schedule: { waves: [{ ...risky, highOverrunSeconds: 0, fits: true }] } }), []);
});
