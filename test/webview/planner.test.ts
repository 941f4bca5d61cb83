/**
 * What a planner sees on the timeline page (issue 16), in headless Chromium with the real page and
 * the real engine's schedule of samples/infeasible.runbook.yaml (five waves on five nights):
 * the compressed axis reads a multi-night plan at a glance, zoom keeps the selected VM in view,
 * every VM error or warning shows on its bar, in the table and in the wave summary, the legend is
 * always there, the summary is never cut, labels reveal their VM, the what-if words, and the SVG
 * export draws no text over other text.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { layoutRows } from '../../shared/src/timeline/layout';
import { renderSvg } from '../../shared/src/timeline/svg';
import { repoRoot } from '../packaging/repoRoot';
import { updateOf, whatIfOf } from './fixtures';
import { launchChromium, openTimeline, skipReason, until, type TimelinePage } from './harness';

const skip = skipReason();
const root = repoRoot();
const INFEASIBLE = readFileSync(join(root, 'samples/infeasible.runbook.yaml'), 'utf8');

interface Rect { x: number; y: number; width: number; height: number }

async function rectOf(t: TimelinePage, selector: string): Promise<Rect> {
  return t.page.evaluate(`(() => { const r = document.querySelector(${JSON.stringify(selector)}).getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; })()`) as Promise<Rect>;
}

describe('timeline webview: what a planner sees', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  test('a plan over five nights reads at a glance: nights compressed into marked gaps, Fit fits the work', async () => {
    const result = whatIfOf(INFEASIBLE);
    const t = await openTimeline(browser, { width: 1200, height: 700 });
    await t.post(updateOf(result, 0, 'infeasible.runbook.yaml'));
    // One gap between each pair of nights, its real length written on it.
    const gaps = await t.page.evaluate(`[...document.querySelectorAll('#tl-axis .tl-gap-mark')].map((g) => ({ label: g.querySelector('text').textContent, title: g.querySelector('title').textContent }))`) as { label: string; title: string }[];
    assert.ok(gaps.length >= 4, `gaps: ${JSON.stringify(gaps)}`);
    for (const g of gaps) {
      assert.match(g.label, /^\d+ (h|d)( \d+ h)?$|^\d+ min$/, g.label);
      assert.match(g.title, /with no work, .* to .* \(not drawn to scale\)$/);
    }
    assert.ok(await t.page.locator('#tl-bars .tl-gap').count() >= 4, 'a band marks each gap across the rows');
    // The first night's VMs are bars, not dots: at Fit, hot01 (≈ 50 min of a 4-day plan) is tens of px wide.
    const hot = await rectOf(t, '#tl-bars [data-vm-id="hot01"] .tl-hit');
    assert.ok(hot.width >= 30, `hot01 is ${hot.width} px wide at Fit`);
    // Every wave's window start is in view at Fit (no horizontal scrolling needed).
    const chartWidth = Number(await t.page.getAttribute('#tl-bars', 'width'));
    const viewWidth = await t.page.evaluate('document.getElementById("tl-chart").clientWidth') as number;
    assert.ok(chartWidth <= viewWidth, `chart ${chartWidth} px within the view ${viewWidth} px`);
    mkdirSync(join(root, 'test-results/webview'), { recursive: true });
    await t.page.screenshot({ path: join(root, 'test-results/webview/timeline-multi-night.png') });
    await t.page.context().close();
  });

  test('zoom keeps the selected VM in view', async () => {
    const result = whatIfOf(INFEASIBLE);
    const t = await openTimeline(browser, { width: 1000, height: 600 });
    await t.post(updateOf(result));
    for (const id of ['big01', 'stun01']) {
      await t.page.click('#tl-fit');
      await t.post({ type: 'cursor', uri: result.uri, version: 1, vmId: id });
      for (let i = 0; i < 6; i++) await t.page.click('#tl-zoom-in');
      await t.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
      const bar = await rectOf(t, `#tl-bars [data-vm-id="${id}"] .tl-hit`);
      const view = await rectOf(t, '#tl-chart');
      const labels = 220;
      assert.ok(bar.x + bar.width > view.x + labels && bar.x < view.x + view.width, `${id} at ${bar.x}..${bar.x + bar.width} is outside the view ${view.x + labels}..${view.x + view.width}`);
    }
    await t.page.context().close();
  });

  test('failures are visible: bar, label, table Problem column and wave summary, in the Problems panel colours', async () => {
    const result = whatIfOf(INFEASIBLE);
    const stun = result.schedule.vms.find((v) => v.id === 'stun01');
    assert.deepEqual(stun?.problems?.map((p) => `${p.severity} ${p.code}`), ['error RB205']);
    const t = await openTimeline(browser, { theme: 'dark' });
    await t.post(updateOf(result));
    // Error: the bar in the editor's error colour (--vscode-editorError-foreground, dark: #f14c4c), a red mark.
    assert.match(await t.page.getAttribute('#tl-bars [data-vm-id="stun01"]', 'class') ?? '', /tl-problem-error/);
    assert.equal(await t.page.evaluate(`getComputedStyle(document.querySelector('#tl-bars [data-vm-id="stun01"] rect.tl-phase')).fill`), 'rgb(241, 76, 76)');
    assert.equal(await t.page.evaluate(`getComputedStyle(document.querySelector('#tl-bars [data-vm-id="stun01"] .tl-severity-mark')).fill`), 'rgb(241, 76, 76)');
    assert.match(await t.page.getAttribute('#tl-bars [data-vm-id="stun01"]', 'aria-label') ?? '', /error RB205: .*100 s/);
    // Warning: hot01 (RB203) gets the warning colour (dark: #cca700).
    assert.match(await t.page.getAttribute('#tl-bars [data-vm-id="hot01"]', 'class') ?? '', /tl-problem-warning/);
    assert.equal(await t.page.evaluate(`getComputedStyle(document.querySelector('#tl-bars [data-vm-id="hot01"] .tl-severity-mark')).fill`), 'rgb(204, 167, 0)');
    // The tooltip names the problem.
    await t.page.hover('#tl-bars [data-vm-id="stun01"] rect.tl-phase');
    assert.match(await t.page.textContent('#tl-tooltip') ?? '', /RB205 error: /);
    // The wave summary: "fits the window" is not the whole story.
    const wave1 = await t.page.locator('#tl-wave-fits li').first();
    assert.match(await wave1.textContent() ?? '', /^1\. Wave 1 .*: ≈ .* of 8 h · 1 VM will fail, 1 VM with a warning$/);
    assert.match(await wave1.getAttribute('class') ?? '', /tl-error/);
    // The table's Problem column.
    await t.page.click('#tl-view-toggle');
    const row = t.page.locator('#tl-table tbody tr', { has: t.page.locator('button[data-vm-id="stun01"]') });
    assert.match(await row.locator('td').last().textContent() ?? '', /^Error RB205: /);
    const hotRow = t.page.locator('#tl-table tbody tr', { has: t.page.locator('button[data-vm-id="hot01"]') });
    assert.match(await hotRow.locator('td').last().textContent() ?? '', /Warning RB203: /);
    assert.match(await t.page.locator('#tl-table .tl-table-wave').first().textContent() ?? '', /1 VM will fail/);
    await t.page.context().close();
  });

  test('the legend is always shown, and the wave summary is never cut', async () => {
    const result = whatIfOf(INFEASIBLE);
    // Narrow: the five waves' lines wrap onto several rows.
    const t = await openTimeline(browser, { width: 640, height: 560 });
    await t.post(updateOf(result));
    const legend = await t.page.evaluate(`[...document.querySelectorAll('#tl-legend li')].map((li) => li.getAttribute('data-legend'))`) as string[];
    for (const key of ['window', 'critical', 'overrun', 'error', 'warning', 'step', 'gap']) assert.ok(legend.includes(key), `legend lacks ${key}: ${legend}`);
    const box = await rectOf(t, '#tl-legend');
    assert.ok(box.height > 0 && box.y + box.height <= 560, 'the legend is on screen');
    const fits = await t.page.evaluate(`(() => { const ul = document.getElementById('tl-wave-fits'); const b = ul.getBoundingClientRect();
      return { scroll: ul.scrollHeight, client: ul.clientHeight, cut: [...ul.children].filter((li) => { const r = li.getBoundingClientRect(); return r.bottom > b.bottom + 0.5 || r.top < b.top - 0.5; }).map((li) => li.textContent) }; })()`) as { scroll: number; client: number; cut: string[] };
    assert.ok(fits.scroll <= fits.client + 1, `the summary scrolls (${fits.scroll} > ${fits.client})`);
    assert.deepEqual(fits.cut, [], 'no summary line is cut');
    assert.match(await t.page.textContent('#tl-wave-fits') ?? '', /4\. Wave 4 .*overruns by/);
    await t.page.context().close();
  });

  test('a VM label reveals the VM in the editor, as its bar does', async () => {
    const result = whatIfOf(INFEASIBLE);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    await t.page.click('#tl-labels text[data-label-vm="stun01"]');
    const stun = result.schedule.vms.find((v) => v.id === 'stun01');
    const reveal = (await t.posted()).filter((m) => m.type === 'reveal');
    assert.deepEqual(reveal, [{ type: 'reveal', uri: result.uri, version: 1, vmId: 'stun01', line: stun?.line }]);
    assert.equal(stun?.line, INFEASIBLE.split('\n').findIndex((l) => l.startsWith('  stun01:')));
    assert.match(await t.page.getAttribute('#tl-bars [data-vm-id="stun01"]', 'class') ?? '', /tl-selected/);
    await t.page.context().close();
  });

  test("what-if words: 'also wave 3' (one other wave), and 'errors: 9 → 8'", async () => {
    const result = whatIfOf(INFEASIBLE);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    // It starts on wave 4 (the first that overruns), on chi-chi2-mpls, which wave 3 uses too.
    assert.equal(await t.page.inputValue('#tl-wi-wave'), '3');
    assert.equal(await t.page.textContent('#tl-wi-link'), 'Link chi-chi2-mpls (also wave 3)');
    await t.page.selectOption('#tl-wi-wave', '2');
    await t.page.fill('#tl-wi-concurrency', '2');
    await until(t.page, 'window.__posted.some((m) => m.type === "whatIf")');
    const request = (await t.posted()).filter((m) => m.type === 'whatIf').pop();
    assert.ok(request?.type === 'whatIf');
    const answer = whatIfOf(INFEASIBLE, 1, request.overrides);
    await t.post(updateOf(answer, request.requestId));
    const before = answer.baseline.errors;
    const after = answer.schedule.errors;
    assert.ok(after < before, `lowering wave 3's concurrency clears RB202 (${before} → ${after})`);
    assert.equal(await t.page.textContent('#tl-wi-errors'), ` · errors: ${before} → ${after}`);
    await t.page.context().close();
  });

  test('SVG export: long wave names end in an ellipsis with a <title>, never drawn over another text', async () => {
    const result = whatIfOf(INFEASIBLE);
    const svgText = renderSvg(result.schedule, { details: result.details });
    const context = await browser.newContext({ viewport: { width: 1500, height: 800 } });
    const page = await context.newPage();
    await page.setContent(`<!DOCTYPE html><html><body style="margin:0">${svgText.replace(/^<\?xml[^>]*>\n/, '')}</body></html>`);
    const texts = await page.evaluate(`[...document.querySelectorAll('svg text')].map((e) => { const r = e.getBoundingClientRect();
      return { text: e.textContent, title: e.parentElement.localName === 'g' && e.parentElement.firstElementChild.localName === 'title' ? e.parentElement.firstElementChild.textContent : null, x: r.x, y: r.y, right: r.right, bottom: r.bottom }; })`) as { text: string; title: string | null; x: number; y: number; right: number; bottom: number }[];
    const overlaps: string[] = [];
    for (let i = 0; i < texts.length; i++) {
      for (let j = i + 1; j < texts.length; j++) {
        const a = texts[i];
        const b = texts[j];
        const x = Math.min(a.right, b.right) - Math.max(a.x, b.x);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.y, b.y);
        if (x > 1 && y > 3) overlaps.push(`"${a.text}" / "${b.text}"`);
      }
    }
    assert.deepEqual(overlaps, [], 'texts drawn over each other');
    const wave2 = texts.find((t) => t.text.startsWith('2. Wave 2'));
    assert.ok(wave2, 'wave 2 is labelled');
    assert.match(wave2.text, /…$/);
    assert.equal(wave2.title, '2. Wave 2 - six Storage vMotions at once');
    assert.ok(texts.some((t) => /^Key: /.test(t.text)), 'the export has the legend');
    const layout = layoutRows(result.schedule);
    assert.ok(layout.scale.gaps.length >= 4, 'the export compresses the nights too');
    await context.close();
  });
});

describe('timeline webview: one wave at its own scale', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  test('the wave selector shows one wave fitted to the width, and back to all waves', async () => {
    const result = whatIfOf(INFEASIBLE);
    const t = await openTimeline(browser, { width: 900, height: 600 });
    await t.post(updateOf(result));
    const allWidth = (await rectOf(t, '#tl-bars [data-vm-id="hot01"] .tl-hit')).width;
    await t.page.selectOption('#tl-wave-view', '0');
    const ids = await t.page.evaluate(`[...document.querySelectorAll('#tl-bars [data-vm-id]')].map((g) => g.getAttribute('data-vm-id'))`) as string[];
    assert.deepEqual(ids.sort(), ['hot01', 'stun01']);
    const one = (await rectOf(t, '#tl-bars [data-vm-id="hot01"] .tl-hit')).width;
    assert.ok(one > allWidth * 3, `hot01 at its wave's scale: ${one} px, against ${allWidth} px with every wave`);
    assert.equal((await t.state())?.waveView, 0, 'the choice is kept in the view state');
    await t.page.selectOption('#tl-wave-view', 'all');
    assert.equal(await t.page.locator('#tl-bars [data-vm-id="big01"]').count(), 1);
    assert.equal((await t.state())?.waveView, undefined);
    await t.page.context().close();
  });
});
