import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../../test/packaging/repoRoot';
import { HOSTILE_STRINGS } from '../../../test/hostile/strings';
import { hostilePlan, PLAN, STEP_PLAN, whatIfOf } from '../../../test/webview/fixtures';
import { readCsv } from '../../../test/support/csv';
import { CSV_COLUMNS, renderCsv } from './csv';
import { csvCell, escapeXml } from './escape';
import { axisMs, axisTicks, epochAtAxisMs, gapLabel, layoutRows, tickStepMs } from './layout';
import { exportFormatOf } from './index';
import { isoWithOffset, offsetLabel } from '../units/time';
import { renderSvg } from './svg';
import { renderHtml } from './html';

test('csv cells: quoting and formula neutralising', () => {
  assert.equal(csvCell('plain'), 'plain');
  assert.equal(csvCell('a,b'), '"a,b"');
  assert.equal(csvCell('say "hi"'), '"say ""hi"""');
  assert.equal(csvCell('=1+1'), "'=1+1");
  assert.equal(csvCell('+1'), "'+1");
  assert.equal(csvCell('-2+3'), "'-2+3");
  assert.equal(csvCell('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvCell('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
  assert.equal(csvCell(1.5), '1.5');
  assert.equal(csvCell(true), 'true');
});

test('xml escaping: markup characters and characters XML cannot hold', () => {
  assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(escapeXml('a\u0000b\u0007c\td'), 'a\ufffdb\ufffdc\td');
  assert.equal(escapeXml('\ud800x'), '\ufffdx');
  assert.equal(escapeXml('😀'), '😀');
});

test('csv: one row per VM phase, ISO times in the window offset, round-trips', () => {
  const result = whatIfOf(PLAN);
  const rows = readCsv(renderCsv(result.schedule));
  assert.deepEqual(rows[0], [...CSV_COLUMNS]);
  const phases = result.schedule.vms.reduce((n, vm) => n + vm.phases.length, 0);
  assert.equal(rows.length - 1, phases);
  const db = rows.find((r) => r[2] === 'db01');
  assert.ok(db);
  assert.equal(db[1], 'Orders');
  assert.equal(db[3], 'orders-db');
  assert.match(db[5], /^2027-03-06T22:00:00-05:00$/);
  for (const r of rows.slice(1)) {
    assert.match(r[5], /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d-05:00$/);
    assert.ok(Number(r[7]) >= 0);
  }
});

test('csv: one step row per step (phase step, best start/end, worst end), after the VM rows; VM rows unchanged', () => {
  const result = whatIfOf(STEP_PLAN);
  const rows = readCsv(renderCsv(result.schedule));
  const col = (name: (typeof CSV_COLUMNS)[number]) => CSV_COLUMNS.indexOf(name);
  const phases = result.schedule.vms.reduce((n, vm) => n + vm.phases.length, 0);
  const steps = result.schedule.steps ?? [];
  assert.equal(rows.length - 1, phases + steps.length);
  for (const r of rows.slice(1)) assert.equal(r.length, CSV_COLUMNS.length);
  const stepRows = rows.slice(1).filter((r) => r[col('phase')] === 'step');
  assert.equal(stepRows.length, 3);
  const smoke = steps.find((s) => s.id === 'smoke');
  const row = stepRows.find((r) => r[col('step_id')] === 'smoke');
  assert.ok(smoke && row);
  assert.equal(row[col('step_owner')], 'qa');
  assert.equal(row[col('step_kind')], 'check');
  assert.equal(row[col('step_timing')], 'after');
  assert.equal(row[col('start')], isoWithOffset(smoke.bestStartEpochMs, -300));
  assert.equal(row[col('end')], isoWithOffset(smoke.bestEndEpochMs, -300));
  assert.equal(row[col('worst_end')], isoWithOffset(smoke.worstEndEpochMs, -300));
  assert.equal(Number(row[col('duration_seconds')]), 600);
  assert.equal(row[col('line')], String(smoke.line + 1));
  assert.equal(row[col('vm_id')], '');
  const hostile = stepRows.find((r) => r[col('step_id')] === 'hostile');
  assert.equal(hostile?.[col('step_owner')], '<script>alert(2)</script>');
  const vmRow = rows.find((r) => r[col('vm_id')] === 'db01');
  assert.equal(vmRow?.[col('step_id')], '');
});

test('svg: step bars with whiskers for ranged steps; step titles escaped', () => {
  const svgText = renderSvg(whatIfOf(STEP_PLAN).schedule);
  assert.equal((svgText.match(/<g class="tl-step" data-step-id=/g) ?? []).length, 3);
  assert.equal((svgText.match(/class="tl-step-whisker"/g) ?? []).length, 2, 'smoke (10-40 min) and hostile (starts late in the worst case)');
  assert.ok(!svgText.includes('<img'));
  assert.ok(!svgText.includes('<script>alert(2)'));
  assert.ok(svgText.includes('&lt;img src=x onerror=alert(1)&gt;'));
});

test('html: a steps table (best case, worst in brackets, owner, kind) and each wave\'s rollback; step text escaped', () => {
  const result = whatIfOf(STEP_PLAN);
  const html = renderHtml(result.schedule);
  const stepsTable = html.slice(html.indexOf('<caption>Runbook steps'));
  assert.equal((stepsTable.match(/<tr>|<tr class="overrun">/g) ?? []).length - 1, 3, 'a row per step (plus the header row)');
  assert.match(stepsTable, /<td>smoke<\/td><td>Smoke tests<\/td><td>check, after the migrations<\/td><td>qa<\/td>/);
  assert.match(stepsTable, /\(worst \d{4}-\d\d-\d\d \d\d:\d\d/);
  assert.match(stepsTable, /<td>10 min to 40 min<\/td>/);
  assert.ok(!html.includes('<img') && !html.includes('<script>alert(2)'));
  assert.ok(stepsTable.includes('&lt;script&gt;alert(2)&lt;/script&gt;'));
  const wave = result.schedule.waves.find((w) => w.rollback);
  assert.ok(wave, 'the plan has a wave with a window, so a rollback');
  assert.match(html, /rollback from the end ≈ [^<]+/);
  // A plan without steps has no steps table.
  assert.ok(!renderHtml(whatIfOf(PLAN).schedule).includes('Runbook steps'));
});

test('csv: hostile names survive the round trip, formulas neutralised', () => {
  const result = whatIfOf(hostilePlan(HOSTILE_STRINGS));
  const rows = readCsv(renderCsv(result.schedule));
  const byId = new Map(rows.slice(1).map((r) => [r[2], r]));
  HOSTILE_STRINGS.forEach((s, i) => {
    const row = byId.get(`h${i}`);
    assert.ok(row, `row for h${i}`);
    const expected = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
    assert.equal(row[3], expected, `name of h${i}`);
    assert.equal(row[1], expected, `wave of h${i}`);
    for (const cell of row) assert.doesNotMatch(cell, /^[=+@]/);
  });
});

test('axis ticks: round local times in the window offset at any zoom', () => {
  const start = Date.parse('2027-03-06T22:07:00-05:00');
  // The finest step whose ticks are at least 84 px apart.
  const table: [number, number][] = [[1 / 60_000, 2 * 3_600_000], [100 / 3_600_000, 3_600_000], [100 / 86_400_000, 86_400_000], [1e-3, 2 * 60_000], [0.1, 1_000]];
  for (const [pxPerMs, step] of table) {
    assert.equal(tickStepMs(pxPerMs), step, `step at ${pxPerMs}`);
  }
  const ticks = axisTicks(start, start + 6 * 3_600_000, 100 / 3_600_000, -300);
  assert.deepEqual(ticks.slice(0, 3).map((t) => t.label), ['23:00', '03-07 00:00', '01:00']);
  assert.equal(ticks[1].major, true);
  assert.equal(new Date(ticks[0].epochMs).toISOString(), '2027-03-07T04:00:00.000Z');
  assert.equal(offsetLabel(-300), 'UTC-05:00');
  assert.equal(offsetLabel(330), 'UTC+05:30');
  assert.equal(offsetLabel(0), 'UTC');
});

test('export formats from the file name', () => {
  assert.equal(exportFormatOf('plan.svg'), 'svg');
  assert.equal(exportFormatOf('dir/Plan.HTML'), 'html');
  assert.equal(exportFormatOf('plan.htm'), 'html');
  assert.equal(exportFormatOf('plan.csv'), 'csv');
  assert.equal(exportFormatOf('plan.pdf'), undefined);
  assert.equal(exportFormatOf('plan'), undefined);
});

test('the compressed axis: idle nights become gaps of one width, times map monotonically, the calendar option keeps the scale', () => {
  const text = readFileSync(join(repoRoot(), 'samples/infeasible.runbook.yaml'), 'utf8');
  const schedule = whatIfOf(text).schedule;
  const layout = layoutRows(schedule);
  assert.ok(layout.scale.gaps.length >= 4, `${layout.scale.gaps.length} gaps`);
  assert.equal(new Set(layout.scale.gaps.map((g) => g.widthMs)).size, 1, 'every gap is drawn the same width');
  // The whole axis is far shorter than the calendar (4 days), but every VM keeps its own length.
  assert.ok(layout.spanMs < (layout.endEpochMs - layout.startEpochMs) / 3);
  for (const vm of schedule.vms) {
    const width = axisMs(layout.scale, vm.endEpochMs) - axisMs(layout.scale, vm.startEpochMs);
    assert.ok(Math.abs(width - (vm.endEpochMs - vm.startEpochMs)) < 1, `${vm.id} drawn at scale`);
  }
  let previous = -Infinity;
  for (let t = layout.startEpochMs; t <= layout.endEpochMs; t += 7 * 60_000) {
    const at = axisMs(layout.scale, t);
    assert.ok(at >= previous, 'monotonic');
    assert.ok(Math.abs(epochAtAxisMs(layout.scale, at) - t) < 1000, 'invertible');
    previous = at;
  }
  assert.equal(gapLabel({ fromEpochMs: 0, toEpochMs: 23 * 3600_000 + 9 * 60_000 }), '23 h');
  assert.equal(gapLabel({ fromEpochMs: 0, toEpochMs: 49 * 3600_000 }), '2 d 1 h');
  const calendar = layoutRows(schedule, { calendar: true });
  assert.equal(calendar.scale.gaps.length, 0);
  assert.equal(calendar.spanMs, calendar.endEpochMs - calendar.startEpochMs);
});

test('a plan nothing anchors (no start, no window: RB214) is drawn and exported in T+ offsets, never 1970 dates', () => {
  const unanchored = `runbook: 1
purpose: disaster-avoidance
sites:
  a: { vsphere: "8.0", vcenter: vc1 }
  b: { vsphere: "8.0", vcenter: vc1 }
links:
  ab: { from: a, to: b, bandwidth: 200 Mbps, rtt: 20 ms }
vms:
  big1: { memory: 64 GiB, workload: light, disk: { provisioned: 8 TiB, used: 6 TiB } }
  big2: { memory: 64 GiB, workload: light, disk: { provisioned: 8 TiB, used: 6 TiB } }
waves:
  - name: Evacuate
    link: ab
    before:
      - { id: freeze, duration: 10 min, owner: ops }
    vms: [big1, big2]
`;
  const result = whatIfOf(unanchored);
  assert.equal(result.schedule.waves[0].relativeOriginEpochMs, result.schedule.waves[0].startEpochMs);
  const layout = layoutRows(result.schedule);
  assert.equal(layout.relativeOriginEpochMs, result.schedule.waves[0].startEpochMs);
  const ticks = axisTicks(layout.startEpochMs, layout.endEpochMs, 1000 / layout.spanMs, layout.utcOffsetMinutes, layout.relativeOriginEpochMs);
  assert.ok(ticks.length > 0 && ticks.every((t) => /^T\+(\d+d )?\d\d:\d\d$/.test(t.label)), ticks.map((t) => t.label).join(' '));
  const svg = renderSvg(result.schedule, { details: result.details });
  const html = renderHtml(result.schedule, { details: result.details });
  const csv = renderCsv(result.schedule);
  for (const [name, text] of [['svg', svg], ['html', html], ['csv', csv]] as const) {
    assert.ok(!/1970|01-01/.test(text), `${name} prints a 1970 date`);
    assert.match(text, /T\+00:10/, `${name} has the freeze step's end as T+00:10`);
  }
  assert.match(svg, /No start or window: times are offsets from T\+0/);
  const rows = readCsv(csv);
  const header = rows[0];
  const start = header.indexOf('start');
  assert.equal(rows.find((r) => r[header.indexOf('step_id')] === 'freeze')?.[start], 'T+00:00');
});
