import { test } from 'node:test';
import assert from 'node:assert/strict';
import { perVmStepOverrun } from './perVmStepOverrun';
import { run, spanOf, waveSchedule } from '../../../../test/support/rules';
import type { ScheduledVm } from '../estimate/types';

const text = (duration: string): string => `waves:\n  - name: W\n    window: { start: "2026-12-05T22:00:00-05:00", duration: 4h }\n    concurrency: 2\n    vms: [a, b, c, d, e]\n    after:\n      - { id: validate, duration: ${duration}, per_vm: true }\n`;
const vms = ['a', 'b', 'c', 'd', 'e'].map((vmId): ScheduledVm => ({ vmId, waveIndex: 0, startEpochMs: 0, endEpochMs: 0, phases: [] }));
const schedule = { schedule: { waves: [waveSchedule(0, { vms, concurrency: 2 })] } };

test('RB222 is an error when a per_vm step alone outlasts the window (worst case)', () => {
  const t = text('1-90 min'); // 5 VMs, 2 at a time: 3 rounds x 90 min = 4 h 30 min > 4 h
  const [f, ...rest] = run(perVmStepOverrun, t, schedule);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(t, 'true'));
  assert.equal(f.message, "Wave 'W': step 'validate' runs once for each of 5 VMs, 2 at a time: 3 x 1 h 30 min = 4 h 30 min in the worst case, longer than the 4 h window by itself. Split the wave, shorten the step, or raise the concurrency.");
});

test('RB222 stays silent when the copies fit (3 x 80 min = 4 h)', () => {
  assert.deepEqual(run(perVmStepOverrun, text('80 min'), schedule), []);
});
