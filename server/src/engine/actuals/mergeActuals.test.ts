import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ActualMigration } from '../../../../shared/src/measured';
import { mergeActuals, type MergeActualsOptions } from './mergeActuals';
import { parseActuals } from './parseActuals';

const OPTIONS: MergeActualsOptions = { runbookFileName: 'night.runbook.yaml', offsetMinutesAt: () => -360 };
const t = (iso: string): number => Date.parse(iso);
const a1: ActualMigration = { vm: 'app-01', startEpochMs: t('2026-12-02T22:12:30-06:00'), endEpochMs: t('2026-12-02T22:33:10-06:00'), status: 'succeeded', source: 'tasks.csv row 9' };
const a2run: ActualMigration = { vm: 'db-01', startEpochMs: t('2026-12-02T23:05:55-06:00'), status: 'running', source: 'tasks.csv row 4' };
const a2done: ActualMigration = { ...a2run, endEpochMs: t('2026-12-03T00:20:00-06:00'), status: 'succeeded' };

test('a new actuals file: header, the runbook, the moves in start order, times with the offset', () => {
  const r = mergeActuals(undefined, { migrations: [a2run, a1] }, OPTIONS);
  assert.equal(r.text, [
    '# Actuals of night.runbook.yaml: what happened. Written by `runbook actuals` and the editor; edit freely.',
    'actuals: 1',
    'runbook: night.runbook.yaml',
    'migrations:',
    '  - { vm: app-01, start: 2026-12-02T22:12:30-06:00, end: 2026-12-02T22:33:10-06:00, status: succeeded, source: tasks.csv row 9 }',
    '  - { vm: db-01, start: 2026-12-02T23:05:55-06:00, status: running, source: tasks.csv row 4 }',
    'steps: []',
    '',
  ].join('\n'));
  assert.equal(r.added, 2);
  assert.deepEqual(parseActuals(r.text).problems, []);
});

test('merging again changes nothing; a longer export adds only what is new and finishes the running move in place; comments stay', () => {
  const first = mergeActuals(undefined, { migrations: [a1, a2run] }, OPTIONS).text.replace('actuals: 1', 'actuals: 1   # keep this comment');
  const again = mergeActuals(first, { migrations: [a1, a2run] }, OPTIONS);
  assert.equal(again.text, first);
  assert.deepEqual([again.added, again.updated, again.unchanged], [0, 0, 2]);
  const a3: ActualMigration = { vm: 'db-02', startEpochMs: t('2026-12-02T23:14:05-06:00'), status: 'failed', endEpochMs: t('2026-12-02T23:30:00-06:00') };
  const longer = mergeActuals(first, { migrations: [a1, a2done, a3] }, OPTIONS);
  assert.deepEqual([longer.added, longer.updated, longer.unchanged], [1, 1, 1]);
  assert.match(longer.text, /actuals: 1 {3}# keep this comment/);
  assert.match(longer.text, /- \{ vm: db-01, start: 2026-12-02T23:05:55-06:00, end: 2026-12-03T00:20:00-06:00, status: succeeded, source: tasks\.csv row 4 \}\n {2}- \{ vm: db-02, start: 2026-12-02T23:14:05-06:00, end: 2026-12-02T23:30:00-06:00, status: failed \}\nsteps: \[\]/);
  assert.equal(mergeActuals(longer.text, { migrations: [a1, a2done, a3] }, OPTIONS).text, longer.text, 'idempotent');
});

test('steps: added to an empty list, then their end set in place', () => {
  const base = mergeActuals(undefined, { migrations: [a1] }, OPTIONS).text;
  const started = mergeActuals(base, { steps: [{ wave: 'wave-2', step: 'freeze', startEpochMs: t('2026-12-02T22:00:00-06:00') }] }, OPTIONS);
  assert.match(started.text, /\nsteps:\n {2}- \{ wave: wave-2, step: freeze, start: 2026-12-02T22:00:00-06:00 \}\n$/);
  const done = mergeActuals(started.text, { steps: [{ wave: 'wave-2', step: 'freeze', endEpochMs: t('2026-12-02T22:12:00-06:00') }] }, OPTIONS);
  assert.match(done.text, /\nsteps:\n {2}- \{ wave: wave-2, step: freeze, start: 2026-12-02T22:00:00-06:00, end: 2026-12-02T22:12:00-06:00 \}\n$/);
  assert.deepEqual(parseActuals(done.text).actuals.steps, [{ wave: 'wave-2', step: 'freeze', startEpochMs: t('2026-12-02T22:00:00-06:00'), endEpochMs: t('2026-12-02T22:12:00-06:00') }]);
  // A file without a steps key gets one at the end.
  const noSteps = 'actuals: 1\nmigrations: []\n';
  assert.equal(mergeActuals(noSteps, { steps: [{ wave: 'w', step: 's', startEpochMs: t('2026-12-02T22:00:00Z') }] }, { ...OPTIONS, offsetMinutesAt: () => 0 }).text, 'actuals: 1\nmigrations: []\nsteps:\n  - { wave: w, step: s, start: 2026-12-02T22:00:00Z }\n');
});
