import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseActuals } from './parseActuals';

test('parseActuals reads migrations and steps with their offsets; a running move has no end', () => {
  const { actuals, problems, runbook } = parseActuals([
    'actuals: 1',
    'runbook: night.runbook.yaml',
    'migrations:',
    '  - { vm: app-01, start: 2026-12-02T23:10:05-06:00, end: 2026-12-02T23:24:31-06:00, status: succeeded, source: t.csv row 4 }',
    '  - { vm: app-02, start: "2026-12-03 05:00:00Z", status: running }',
    'steps:',
    '  - { wave: wave-2, step: freeze, start: 2026-12-02T22:00:00-0600 }',
  ].join('\n'));
  assert.deepEqual(problems, []);
  assert.equal(runbook, 'night.runbook.yaml');
  assert.deepEqual(actuals.migrations, [
    { vm: 'app-01', startEpochMs: Date.parse('2026-12-03T05:10:05Z'), endEpochMs: Date.parse('2026-12-03T05:24:31Z'), status: 'succeeded', source: 't.csv row 4' },
    { vm: 'app-02', startEpochMs: Date.parse('2026-12-03T05:00:00Z'), endEpochMs: undefined, status: 'running', source: undefined },
  ]);
  assert.deepEqual(actuals.steps, [{ wave: 'wave-2', step: 'freeze', startEpochMs: Date.parse('2026-12-03T04:00:00Z'), endEpochMs: undefined }]);
});

test('parseActuals: bad entries are problems at their line, the rest is kept, nothing throws', () => {
  const { actuals, problems } = parseActuals([
    'actuals: 1',
    'migrations:',
    '  - { vm: a, start: 23:10 }',
    '  - { vm: b, start: 2026-12-02T23:10:05-06:00, end: 2026-12-02T23:00:00-06:00, status: succeeded }',
    '  - { vm: c, start: 2026-12-02T23:10:05-06:00, status: exploded }',
    '  - { start: 2026-12-02T23:10:05-06:00 }',
    '  - { vm: d, start: 2026-12-02T23:10:05-06:00, status: failed }',
    'steps: 3',
  ].join('\n'));
  assert.deepEqual(problems.map((p) => [p.line, p.message]), [
    [2, "Migration of 'a': start: '23:10' is not a time with its offset (write e.g. 2026-12-02T23:10:05-06:00)."],
    [3, "Migration of 'b' ends before it starts."],
    [4, "Migration of 'c': status 'exploded' is not one of succeeded, failed, cancelled, running."],
    [5, 'A migration without `vm`: which VM moved?'],
    [7, '`steps` is a list of { wave, step, start, end }.'],
  ]);
  assert.deepEqual(actuals.migrations.map((m) => [m.vm, m.status]), [['d', 'failed']]);
  for (const text of ['', '[1, 2]', 'migrations: {', ':\n  - - -', 'actuals: 2\n']) assert.doesNotThrow(() => parseActuals(text));
  assert.match(parseActuals('actuals: 2\n').problems[0].message, /format 2/);
});
