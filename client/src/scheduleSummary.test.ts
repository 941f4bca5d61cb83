import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScheduleResult, TimelineVm, TimelineWave } from '../../shared/src/protocol';
import { escapeMarkdown, formatWallClock, plainLabel, summaryMarkdown, waveFitText, waveRows } from './scheduleSummary';

const start = Date.UTC(2026, 11, 6, 3, 0); // 2026-12-05 22:00 at -05:00

function wave(over: Partial<TimelineWave>): TimelineWave {
  return { index: 0, name: 'Wave 1', startEpochMs: start, endEpochMs: start + 90 * 60_000, utcOffsetMinutes: -300, overrunSeconds: 0, line: 10, ...over };
}

function vm(id: string, waveIndex: number): TimelineVm {
  return {
    id, waveIndex, startEpochMs: start, endEpochMs: start + 60_000, phases: [], dependsOn: [], critical: false,
    converges: true, switchoverSeconds: 0.5, totalSeconds: 60, limitedBy: 'link', line: 1,
  };
}

function result(waves: TimelineWave[], vms: TimelineVm[] = []): ScheduleResult {
  return { uri: 'file:///a.runbook.yaml', version: 7, totalSeconds: 5400, fits: true, errors: 0, warnings: 2, criticalPath: [], waves, vms };
}

test('wall-clock time is shown in the zone the window was written in', () => {
  assert.equal(formatWallClock(start, -300), '2026-12-05 22:00 -05:00');
  assert.equal(formatWallClock(start, 0), '2026-12-06 03:00 UTC');
  assert.equal(formatWallClock(start, 330), '2026-12-06 08:30 +05:30');
});

test('fit text: fits, overruns with the amount, no window', () => {
  assert.equal(waveFitText(wave({ fits: true })), 'fits its window');
  assert.equal(waveFitText(wave({ fits: false, overrunSeconds: 1800 })), 'overruns its window by 30 min');
  assert.equal(waveFitText(wave({})), 'no window to fit');
});

test('one quick-pick row per wave with start, end, duration, VM count and line', () => {
  const rows = waveRows(result([wave({ fits: true }), wave({ index: 1, name: '', line: 20, fits: false, overrunSeconds: 60 })], [vm('a', 0), vm('b', 0), vm('c', 1)]));
  assert.deepEqual(rows, [
    { label: 'Wave 1', description: '2026-12-05 22:00 -05:00 → 2026-12-05 23:30 -05:00', detail: '1 h 30 min, 2 VMs, fits its window', line: 10, fits: true },
    { label: 'Wave 2', description: '2026-12-05 22:00 -05:00 → 2026-12-05 23:30 -05:00', detail: '1 h 30 min, 1 VM, overruns its window by 1 min', line: 20, fits: false },
  ]);
});

test('runbook text cannot inject icons into quick-pick labels', () => {
  assert.equal(plainLabel('Wave $(zap) now'), 'Wave $\u200b(zap) now');
  assert.equal(waveRows(result([wave({ name: '$(alert)' })]))[0].label, '$\u200b(alert)');
});

test('markdown escapes runbook text: table pipes, links, HTML', () => {
  assert.equal(escapeMarkdown('a|b [x](javascript:1) <img src=x> & *y*'), 'a\\|b \\[x\\]\\(javascript:1\\) &lt;img src=x\\> &amp; \\*y\\*');
  const md = summaryMarkdown({ ...result([wave({ name: 'DB | <b>core</b>', fits: true })], [vm('db01', 0)]), name: 'Move #1', criticalPath: ['db01', 'app01'] }, 'x.runbook.yaml');
  assert.match(md, /^# Schedule: Move \\#1\n/);
  assert.match(md, /Text summary of the schedule; the graphical timeline is not built yet\./);
  assert.match(md, /Plan 1 h 30 min, every wave fits its window; 0 errors, 2 warnings \(document version 7\)\./);
  assert.ok(md.includes('| DB \\| &lt;b\\>core&lt;/b\\> | 2026-12-05 22:00 -05:00 | 2026-12-05 23:30 -05:00 | 1 h 30 min | 1 | fits its window |'), md);
  assert.ok(md.includes('Critical path: `db01` → `app01`'));
  assert.ok(!md.includes('<b>'));
});

test('a plan without waves says so and falls back to the file name as title', () => {
  const md = summaryMarkdown(result([]), 'empty.runbook.yaml');
  assert.match(md, /^# Schedule: empty\.runbook\.yaml\n/);
  assert.match(md, /The plan has no waves to schedule\./);
});
