/**
 * Actuals in the timeline page (headless Chromium, issue 14): the sample mid-night plan with its
 * actuals draws each recorded move over its planned bar (a failure in red with a cross), the
 * forecast of what has not happened as dashed outlines, the "now" line, and the wave's forecast.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { analyze } from '../../server/src/engine/analyze';
import { parseActuals } from '../../server/src/engine/actuals/parseActuals';
import { computeWhatIf } from '../../server/src/service/whatIf';
import { layoutRows, xOf } from '../../shared/src/timeline/layout';
import { PLAN_URI, updateOf } from './fixtures';
import { launchChromium, openTimeline, skipReason } from './harness';

const skip = skipReason();
const ROOT = process.cwd();
const NOW = Date.parse('2026-12-02T23:20:00-06:00');

describe('timeline webview: actuals', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  test('recorded moves over planned bars, failures marked, the forecast dashed, and a now line', async () => {
    const text = readFileSync(join(ROOT, 'samples/night/night.runbook.yaml'), 'utf8');
    const { actuals } = parseActuals(readFileSync(join(ROOT, 'samples/night/night.actuals.yaml'), 'utf8'));
    const result = computeWhatIf(PLAN_URI, 1, analyze(text, { actuals, nowEpochMs: NOW }), {});
    assert.equal(result.schedule.nowEpochMs, NOW);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    const layout = layoutRows(result.schedule);
    const chartWidth = Number(await t.page.getAttribute('#tl-bars', 'width'));
    const pxPerMs = chartWidth / layout.spanMs;
    const bars = await t.page.evaluate(`[...document.querySelectorAll('#tl-bars [data-vm-id]')].map((g) => {
      const a = g.querySelector('.tl-actual');
      const f = g.querySelector('.tl-forecast');
      return { id: g.getAttribute('data-vm-id'), actual: a ? a.getAttribute('data-actual') : null, x: a ? Number(a.getAttribute('x')) : null,
        failedMark: !!g.querySelector('.tl-actual-failed-mark'), forecast: !!f, label: g.getAttribute('aria-label') };
    })`) as { id: string; actual: string | null; x: number | null; failedMark: boolean; forecast: boolean; label: string }[];
    const byId = new Map(bars.map((b) => [b.id, b]));
    assert.equal(bars.filter((b) => b.actual === 'succeeded').length, 7, 'two pilot moves and five of wave 2');
    assert.equal(byId.get('app-02')?.actual, 'failed');
    assert.ok(byId.get('app-02')?.failedMark, 'the failure ends in a cross');
    assert.ok(byId.get('app-02')?.forecast, 'its retry is forecast');
    assert.equal(byId.get('db-01')?.actual, 'running');
    assert.ok(byId.get('db-01')?.forecast);
    assert.match(byId.get('app-02')?.label ?? '', /failed at 22:24 \(started 22:12\); retry forecast/);
    // The actual bar starts at the recorded start.
    const app1 = result.schedule.vms.find((v) => v.id === 'app-01');
    assert.ok(app1?.actual);
    assert.ok(Math.abs((byId.get('app-01')?.x as number) - xOf(app1.actual.startEpochMs, layout, pxPerMs)) <= 1);
    // The now line, and the wave's forecast in the warning colour.
    const now = await t.page.evaluate(`[...document.querySelectorAll('#tl-bars .tl-now, #tl-axis .tl-now')].length`) as number;
    assert.ok(now >= 1, 'a now line is drawn');
    const nowLabel = await t.page.evaluate(`document.querySelector('.tl-now-label')?.textContent ?? ''`) as string;
    assert.equal(nowLabel, 'now 23:20');
    const forecast = await t.page.evaluate(`[...document.querySelectorAll('.tl-lane-forecast')].map((e) => e.getAttribute('data-forecast') + '|' + e.textContent)`) as string[];
    assert.ok(forecast.some((f) => /^overrun\|Actuals: forecast end 00:5\d \+1d, 1\d min past the window; 1\d % slower than planned; decide on a rollback by 23:2\d$/.test(f)), forecast.join('\n'));
  });
});
