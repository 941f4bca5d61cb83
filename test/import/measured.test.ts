/**
 * Readers of measured migrations on files shaped like the real ones (test/fixtures/measured): the
 * vSphere Client task list export (BOM, CRLF, quoted fields with commas, newest first), PowerCLI
 * Get-Task (`#TYPE` line, US times; a German export with semicolons and dotted dates), Get-VIEvent
 * (a full Export-Csv: the Vm column is a type name, so the VM comes from the message), and the plain
 * CSV; then broken files, each a clear message with its row.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { MeasuredError, readMeasured, type ReadMeasuredOptions } from '../../import/src/measured/index';
import { matchMeasured, unmatchedText } from '../../import/src/measured/match';
import { analyze } from '../../server/src/engine/analyze';

const DIR = join(process.cwd(), 'test/fixtures/measured');
const read = (name: string, options: ReadMeasuredOptions = {}) => readMeasured(readFileSync(join(DIR, name), 'utf8'), name, options);
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000', ''));
const CENTRAL = { utcOffset: '-06:00', dateOrder: 'mdy' } as const;

function problem(text: string, options: ReadMeasuredOptions = { utcOffset: '-06:00' }): { row: number; message: string } {
  try {
    readMeasured(text, 'bad.csv', options);
  } catch (error) {
    assert.ok(error instanceof MeasuredError, String(error));
    return error.problem;
  }
  assert.fail('no error');
}

test('vSphere Client task list export: migrations with their status, failures and cancellations kept, other tasks listed as unused', () => {
  const r = read('vsphere-client-tasks.csv', CENTRAL);
  assert.equal(r.format, 'vsphere-client-tasks');
  assert.deepEqual(r.migrations.map((m) => [m.vm, m.status, iso(m.startEpochMs), iso(m.endEpochMs), m.row]), [
    ['app-05', 'cancelled', '2026-12-03T04:10:00Z', '2026-12-03T04:10:40Z', 8],
    ['app-01', 'succeeded', '2026-12-03T04:12:30Z', '2026-12-03T04:33:10Z', 6],
    ['app-02', 'failed', '2026-12-03T04:12:31Z', '2026-12-03T04:24:40Z', 5],
    ['db-01', 'succeeded', '2026-12-03T05:05:55Z', '2026-12-03T06:19:02Z', 3],
    ['db-02', 'running', '2026-12-03T05:14:05Z', undefined, 2],
  ]);
  assert.match(r.migrations[2].error ?? '', /^vMotion migration .* failed to read stream keepalive/);
  assert.equal(r.migrations[0].error, 'Canceled by user VSPHERE.LOCAL\\ops-lead');
  assert.deepEqual(r.unused.map((u) => [u.row, u.reason]), [[4, "not a migration task ('Create virtual machine snapshot')"], [7, "not a migration task ('Check migrate')"]]);
});

test('the zone instead of an offset: DST from the ICU database; a wall time that happens twice is an error', () => {
  const r = read('vsphere-client-tasks.csv', { timeZone: 'America/Chicago', dateOrder: 'mdy' });
  assert.equal(iso(r.migrations[1].startEpochMs), '2026-12-03T04:12:30Z');
  const summer = readMeasured('vm,start,end\na,2026-07-01 22:00:00,2026-07-01 22:10:00\n', 's.csv', { timeZone: 'America/Chicago' });
  assert.equal(iso(summer.migrations[0].startEpochMs), '2026-07-02T03:00:00Z', 'CDT is UTC-5');
  assert.match(problem('vm,start,end\na,2026-11-01 01:30:00,2026-11-01 01:40:00\n', { timeZone: 'America/Chicago' }).message, /happened twice in America\/Chicago/);
  assert.match(problem('vm,start,end\na,2026-03-08 02:30:00,2026-03-08 03:40:00\n', { timeZone: 'America/Chicago' }).message, /does not exist in America\/Chicago/);
  assert.match(problem('vm,start\na,2026-03-08 02:30:00\n', { timeZone: 'Mars/Olympus' }).message, /'Mars\/Olympus' is not a time zone/);
});

test('PowerCLI Get-Task (#TYPE line, US times) and a German export (semicolons, dotted dates)', () => {
  const r = read('powercli-get-task.csv', { utcOffset: '-06:00', dateOrder: 'mdy' });
  assert.equal(r.format, 'powercli-task');
  assert.deepEqual(r.migrations.map((m) => [m.vm, m.status, iso(m.startEpochMs)]), [['app-01', 'succeeded', '2026-12-03T04:12:30Z'], ['app-02', 'failed', '2026-12-03T04:12:31Z'], ['db-01', 'running', '2026-12-03T05:05:55Z']]);
  assert.equal(r.migrations[0].operation, 'Relocate virtual machine');
  assert.deepEqual(r.unused.map((u) => u.row), [5, 7]);
  const de = read('powercli-get-task-de.csv', { utcOffset: '+01:00' });
  assert.deepEqual(de.migrations.map((m) => [m.vm, iso(m.startEpochMs)]), [['app-01', '2026-12-02T21:12:30Z'], ['app-02', '2026-12-02T21:12:31Z']]);
});

test('PowerCLI Get-VIEvent: start and end events paired per VM in time order (the file is newest first)', () => {
  const r = read('powercli-vievent.csv', { utcOffset: '-06:00' });
  assert.equal(r.format, 'powercli-event');
  assert.deepEqual(r.migrations.map((m) => [m.vm, m.status, iso(m.startEpochMs), iso(m.endEpochMs)]), [
    ['app-01', 'succeeded', '2026-12-03T04:12:30Z', '2026-12-03T04:33:10Z'],
    ['app-02', 'failed', '2026-12-03T04:12:31Z', '2026-12-03T04:24:40Z'],
    ['db-01', 'succeeded', '2026-12-03T05:05:55Z', '2026-12-03T06:19:02Z'],
  ]);
  assert.deepEqual(r.unused.map((u) => [u.row, u.reason]), [[9, 'not a migration event']]);
});

test('the plain CSV: ISO times with or without an offset, optional bytes and stun, a running move', () => {
  const r = read('plain.csv', { utcOffset: '-06:00' });
  assert.deepEqual(r.migrations.map((m) => [m.vm, m.status, iso(m.startEpochMs), m.bytes, m.stunSeconds]), [
    ['app-01', 'succeeded', '2026-12-03T04:12:30Z', 52613349376, 0.8], ['app-02', 'failed', '2026-12-03T04:12:31Z', undefined, undefined], ['db-01', 'running', '2026-12-03T05:05:55Z', undefined, undefined],
  ]);
  // Times with their own offset need no --utc-offset.
  assert.equal(readMeasured('vm,start,end\na,2026-12-02T22:12:30Z,2026-12-02T22:20:00Z\n', 'z.csv').migrations[0].status, 'succeeded');
});

test('broken files: a clear message with the row, never a half-read record', () => {
  const cases: [string, ReadMeasuredOptions, number, RegExp][] = [
    ['vm,start,end\na,2026-12-02 22:00:00,2026-12-02 22:10:00\n', {}, 2, /start '2026-12-02 22:00:00' has no UTC offset: give .*--utc-offset -06:00 or --timezone/],
    ['vm,start,end\na,2026-12-02 22:00:00,2026-12-02 22:10:00\nb,12/2/2026 10:00:00 PM,\n', { utcOffset: '-06:00' }, 3, /written differently from row 2 .*mixes date formats/],
    ['vm,start,end\na,12/2/2026 10:00:00 PM,12/2/2026 10:10:00 PM\n', { utcOffset: '-06:00' }, 2, /reads as month\/day and as day\/month: give --date-order mdy \(US\) or dmy/],
    ['vm,start,end\na,12/2/2026 10:00:00 PM,\nb,13/2/2026 10:00:00 PM,\n', { utcOffset: '-06:00', dateOrder: 'mdy' }, 3, /--date-order mdy does not fit '13\/2\/2026 10:00:00 PM'/],
    ['vm,start,end\na,yesterday,\n', { utcOffset: '-06:00' }, 2, /start 'yesterday' is not a time this reader knows/],
    ['vm,start,end\na,2026-12-02T22:10:00Z,2026-12-02T22:00:00Z\n', {}, 2, /'a' ends \(2026-12-02T22:00:00Z\) before it starts/],
    ['"Task Name","Target","Status","Start Time","Completion Time"\n"Relocate virtual machine","app-01"\n', { utcOffset: '-06:00' }, 2, /has 2 fields, the header 5: a truncated row, or a different delimiter/],
    ['"Task Name","Target","Status","Start Time"\n', {}, 1, /the task list export has no 'Completion Time' column/],
    ['Name,State,StartTime,FinishTime\nRelocateVM_Task,Success,2026-12-02T22:00:00Z,2026-12-02T22:10:00Z\n', {}, 1, /no 'EntityName' column .*Select-Object Name,Description,State,StartTime,FinishTime,@\{N='EntityName'/],
    ['host,when\nx,y\n', {}, 1, /not a record this reader knows \(columns: 'host', 'when'\)/],
    ['', {}, 0, /the file is empty/],
    ['vm,start\n"a,2026-12-02T22:10:00Z\n', {}, 2, /not valid CSV/],
    ['vm,start,end,status\na,2026-12-02T22:10:00Z,,succeeded\n', {}, 2, /'a' succeeded but has no end/],
  ];
  for (const [text, options, row, message] of cases) {
    const p = problem(text, options);
    assert.equal(p.row, row, `${p.message} (expected row ${row})`);
    assert.match(p.message, message);
  }
  assert.match(problem('vm,start', { utcOffset: 'Chicago' }).message, /'Chicago' is not a UTC offset/);
});

test('matching to the runbook: by id or vCenter name, ignoring case; unknown VMs listed with a did-you-mean', () => {
  const model = analyze(readFileSync(join(process.cwd(), 'samples/night/night.runbook.yaml'), 'utf8')).model;
  const record = readMeasured('vm,start,end\nAPP-01,2026-12-02T22:10:00Z,2026-12-02T22:20:00Z\napp-1,2026-12-02T22:10:00Z,2026-12-02T22:20:00Z\nweb-99,2026-12-02T22:10:00Z,\n', 'm.csv');
  const m = matchMeasured(record, model);
  assert.deepEqual(m.matched.map((x) => x.vmId), ['app-01']);
  assert.deepEqual(m.unmatched.map(unmatchedText), ["'app-1' (row 3; did you mean 'app-01'?)", "'web-99' (row 4)"]);
});
