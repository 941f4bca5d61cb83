import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { calibrateForEditor, markStepForEditor, recordActualsForEditor } from '../../import/src/measured/editor';
import { parseActuals } from '../../server/src/engine/actuals/parseActuals';
import { applyOffsetEdits } from '../../server/src/engine/yamlEdit';

const SAMPLES = join(process.cwd(), 'samples/night');
const runbookText = readFileSync(join(SAMPLES, 'night.runbook.yaml'), 'utf8');
const base = { runbookText, runbookFileName: 'night.runbook.yaml' };

test('Record Actuals in the editor: asks for the date order, then the zone, then writes the actuals', () => {
  const csv = { csvText: readFileSync(join(SAMPLES, 'tasks-export.csv'), 'utf8'), csvFileName: 'tasks-export.csv' };
  const first = recordActualsForEditor({ ...base, ...csv });
  assert.deepEqual([first.kind, first.kind === 'needs' && first.what], ['needs', 'date-order']);
  const second = recordActualsForEditor({ ...base, ...csv, dateOrder: 'mdy' });
  assert.deepEqual([second.kind, second.kind === 'needs' && second.what], ['needs', 'time-basis']);
  const done = recordActualsForEditor({ ...base, ...csv, timeZone: 'America/Chicago', dateOrder: 'mdy' });
  assert.equal(done.kind, 'actuals');
  if (done.kind !== 'actuals') return;
  assert.equal(parseActuals(done.text).actuals.migrations.length, 8);
  assert.match(done.summary, /^tasks-export\.csv: 8 migrations \(1 failed or cancelled, 2 running\): 8 added, 0 updated, 0 already recorded\.$/);
  const again = recordActualsForEditor({ ...base, ...csv, timeZone: 'America/Chicago', dateOrder: 'mdy', actualsText: done.text });
  assert.equal(again.kind === 'actuals' && again.changed, false);
});

test('Calibrate in the editor: one edit on the link', () => {
  const text = runbookText.replace(/\n {4}calibration: \{[^\n]*\}/, '');
  const outcome = calibrateForEditor({ runbookText: text, runbookFileName: 'night.runbook.yaml', csvText: readFileSync(join(SAMPLES, 'pilot-tasks.csv'), 'utf8'), csvFileName: 'pilot-tasks.csv', utcOffset: '-06:00', dateOrder: 'mdy' });
  assert.equal(outcome.kind, 'calibration');
  if (outcome.kind !== 'calibration') return;
  assert.match(applyOffsetEdits(text, [outcome.edit]), /\n {4}calibration: \{ source: pilot-tasks\.csv, measured: 2026-12-01, moves: 2, rate_factor: /);
  assert.match(outcome.summary, /^Calibrated link 'dal-iad' from 2 moves \(pilot-tasks\.csv\): fixed time/);
});

test('Mark Step: the step under the cursor, a choice elsewhere, HH:MM in the wave\'s offset', () => {
  const now = Date.parse('2026-12-02T23:40:00-06:00');
  const inWave2 = runbookText.indexOf('revert-dns', runbookText.indexOf('- name: wave-2'));
  const choose = markStepForEditor({ ...base, offset: inWave2, which: 'start', at: 'now', nowEpochMs: now });
  assert.equal(choose.kind, 'choose-step');
  assert.deepEqual(choose.kind === 'choose-step' && choose.steps.map((s) => s.label), ['wave-2: freeze-announced', 'wave-2: smoke-tests']);
  const started = markStepForEditor({ ...base, step: { wave: 'wave-2', step: 'smoke-tests' }, which: 'start', at: '23:45', nowEpochMs: now });
  assert.equal(started.kind, 'actuals');
  if (started.kind !== 'actuals') return;
  assert.match(started.text, /- \{ wave: wave-2, step: smoke-tests, start: 2026-12-02T23:45:00-06:00 \}/);
  const done = markStepForEditor({ ...base, actualsText: started.text, step: { wave: 'wave-2', step: 'smoke-tests' }, which: 'end', at: 'now', nowEpochMs: Date.parse('2026-12-03T00:10:00-06:00') });
  assert.match(done.kind === 'actuals' ? done.text : '', /- \{ wave: wave-2, step: smoke-tests, start: 2026-12-02T23:45:00-06:00, end: 2026-12-03T00:10:00-06:00 \}/);
  const early = markStepForEditor({ ...base, actualsText: started.text, step: { wave: 'wave-2', step: 'smoke-tests' }, which: 'end', at: '23:30', nowEpochMs: now });
  assert.match(early.kind === 'error' ? early.message : '', /cannot end before that/);
  assert.match((markStepForEditor({ ...base, step: { wave: 'wave-2', step: 'smoke-tests' }, which: 'start', at: 'soon', nowEpochMs: now }) as { message: string }).message, /'soon' is not a time/);
});
