/**
 * The timeline page in headless Chromium: bars where the schedule puts them, overruns and the
 * critical path marked, click and keyboard, zoom state, stale updates dropped, the what-if round
 * trip, axe, screenshots per theme, and hostile names rendered as text.
 */
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { layoutRows, xOf } from '../../shared/src/timeline/layout';
import { renderHtml } from '../../shared/src/timeline/html';
import { renderSvg } from '../../shared/src/timeline/svg';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { main } from '../../cli/src/main';
import { fileSystemIo } from '../../cli/src/io';
import { generateRunbook } from '../support/generateRunbook';
import { HOSTILE_STRINGS } from '../hostile/strings';
import { repoRoot } from '../packaging/repoRoot';
import { HOSTILE_ID, PLAN, hostileIdPlan, hostilePlan, updateOf, whatIfOf } from './fixtures';
import { launchChromium, openTimeline, setTheme, skipReason, until, type TimelinePage } from './harness';
import type { ThemeKind } from './themes';

const skip = skipReason();
const root = repoRoot();

interface Box { x: number; width: number; cls: string; phase: string | null; vm: string | null }

/** Every phase shape of the rendered bars: geometry attributes and classes. */
async function phaseBoxes(t: TimelinePage): Promise<Box[]> {
  return t.page.evaluate(`[...document.querySelectorAll('#tl-bars [data-vm-id] rect.tl-phase')].map((r) => ({
    x: Number(r.getAttribute('x')), width: Number(r.getAttribute('width')), cls: r.closest('[data-vm-id]').getAttribute('class'),
    phase: r.getAttribute('data-phase'), vm: r.closest('[data-vm-id]').getAttribute('data-vm-id') }))`) as Promise<Box[]>;
}

describe('timeline webview', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  test('bars sit where the schedule puts them', async () => {
    const result = whatIfOf(PLAN);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    const layout = layoutRows(result.schedule);
    const chartWidth = Number(await t.page.getAttribute('#tl-bars', 'width'));
    const pxPerMs = chartWidth / layout.spanMs;
    const boxes = await phaseBoxes(t);
    assert.ok(boxes.length >= result.schedule.vms.length, 'a rect per phase');
    let checked = 0;
    for (const vm of result.schedule.vms) {
      for (const phase of vm.phases.filter((p) => p.kind !== 'switchover')) {
        const box = boxes.find((b) => b.vm === vm.id && b.phase === phase.kind);
        assert.ok(box, `${vm.id} ${phase.kind} is drawn`);
        const x = xOf(phase.startEpochMs, layout, pxPerMs);
        const width = Math.max(2, xOf(phase.endEpochMs, layout, pxPerMs) - x);
        assert.ok(Math.abs(box.x - x) <= 1, `${vm.id} ${phase.kind} x ${box.x} vs ${x}`);
        assert.ok(Math.abs(box.width - width) <= 1, `${vm.id} ${phase.kind} width ${box.width} vs ${width}`);
        checked++;
      }
    }
    assert.ok(checked >= 6);
    // A later VM starts further right than the one it depends on ends.
    const db = boxes.filter((b) => b.vm === 'db01');
    const app = boxes.filter((b) => b.vm === 'app01');
    assert.ok(Math.min(...app.map((b) => b.x)) >= Math.max(...db.map((b) => b.x + b.width)) - 1);
    assert.equal(await t.page.getAttribute('#timeline-root', 'data-version'), '1');
    assert.equal(await t.page.textContent('#tl-title'), 'Timeline test plan');
    assert.match(await t.page.textContent('#tl-wave-fits') ?? '', /1\. Orders: ≈ .* of 2 h · overruns by/);
    assert.match(await t.page.textContent('#tl-errors') ?? '', /^\d+ errors?$/);
    assert.equal(await t.page.locator('.tl-arrow[data-from="db01"][data-to="app01"]').count(), 1, 'depends_on arrow');
    await t.page.context().close();
  });

  test('overruns in the error colour; the critical path highlighted', async () => {
    const result = whatIfOf(PLAN);
    const orders = result.schedule.waves[0];
    assert.equal(orders.fits, false, 'the fixture overruns its first window');
    const t = await openTimeline(browser, { theme: 'dark' });
    await t.post(updateOf(result));
    const late = result.schedule.vms.filter((v) => v.waveIndex === 0 && v.endEpochMs > (orders.windowEndEpochMs ?? Infinity));
    assert.ok(late.length > 0);
    for (const vm of late) {
      const fill = await t.page.evaluate(`getComputedStyle(document.querySelector('[data-vm-id="${vm.id}"] rect.tl-phase')).fill`);
      assert.equal(fill, 'rgb(241, 76, 76)', `${vm.id} uses --vscode-charts-red`);
    }
    const onTime = result.schedule.vms.find((v) => v.waveIndex === 1 && v.converges);
    assert.ok(onTime);
    assert.doesNotMatch(await t.page.getAttribute(`[data-vm-id="${onTime.id}"]`, 'class') ?? '', /tl-overrun/);
    assert.equal(await t.page.locator('.tl-window.tl-overrun').count(), 1, 'the overrun window is outlined');
    assert.equal(await t.page.locator('.tl-overrun-zone').count(), 1, 'the time past the window is shaded');
    const critical = result.schedule.criticalPath;
    assert.ok(critical.length > 0);
    for (const id of critical) {
      if (await t.page.locator(`[data-vm-id="${id}"]`).count() === 0) continue;
      assert.match(await t.page.getAttribute(`[data-vm-id="${id}"]`, 'class') ?? '', /tl-critical/);
      assert.equal(await t.page.locator(`[data-vm-id="${id}"] .tl-critical-mark`).count(), 1);
      assert.match(await t.page.getAttribute(`[data-vm-id="${id}"]`, 'aria-label') ?? '', /critical path/);
    }
    await t.page.context().close();
  });

  test('a click reveals the VM in the editor; the cursor highlights its bar', async () => {
    const result = whatIfOf(PLAN);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    await t.page.click('[data-vm-id="app01"] rect.tl-phase');
    const app = result.schedule.vms.find((v) => v.id === 'app01');
    const reveal = (await t.posted()).filter((m) => m.type === 'reveal');
    assert.deepEqual(reveal, [{ type: 'reveal', uri: result.uri, version: 1, vmId: 'app01', line: app?.line }]);
    assert.equal(app?.line, PLAN.split('\n').findIndex((l) => l.startsWith('  app01:')));
    await t.post({ type: 'cursor', uri: result.uri, version: 1, vmId: 'web01' });
    assert.match(await t.page.getAttribute('[data-vm-id="web01"]', 'class') ?? '', /tl-selected/);
    assert.doesNotMatch(await t.page.getAttribute('[data-vm-id="app01"]', 'class') ?? '', /tl-selected/);
    assert.equal((await t.posted()).filter((m) => m.type === 'reveal').length, 1, 'the cursor does not echo a reveal');
    // The tooltip carries the hover's figures.
    await t.page.hover('[data-vm-id="db01"] rect.tl-phase');
    const tip = await t.page.textContent('#tl-tooltip') ?? '';
    assert.match(tip, /VM db01 \(orders-db\)/);
    assert.match(tip, /Memory pre-copy .* in \d+ rounds?/);
    assert.match(tip, /Disk .*GiB in/);
    await t.page.context().close();
  });

  test('keyboard: focusable labelled bars, arrows move, Enter reveals', async () => {
    const result = whatIfOf(PLAN);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    const order = layoutRows(result.schedule).rows.flatMap((r) => (r.kind === 'vm' ? [r.vm.id] : []));
    await t.page.focus('[data-vm-id][tabindex="0"]');
    const focused = () => t.page.evaluate('document.activeElement.getAttribute("data-vm-id")') as Promise<string>;
    assert.equal(await focused(), order[0]);
    assert.match(await t.page.evaluate('document.activeElement.getAttribute("aria-label")') as string, /^VM db01 \(orders-db\), 2027-03-06 22:00 -05:00 to /);
    assert.equal(await t.page.evaluate('document.activeElement.getAttribute("role")'), 'button');
    await t.page.keyboard.press('ArrowDown');
    assert.equal(await focused(), order[1]);
    await t.page.keyboard.press('ArrowDown');
    await t.page.keyboard.press('ArrowUp');
    assert.equal(await focused(), order[1]);
    await t.page.keyboard.press('End');
    assert.equal(await focused(), order[order.length - 1]);
    await t.page.keyboard.press('Enter');
    const reveal = (await t.posted()).filter((m) => m.type === 'reveal');
    assert.equal(reveal.length, 1);
    assert.equal(reveal[0].type === 'reveal' && reveal[0].vmId, order[order.length - 1]);
    // Only one bar is a Tab stop (roving tabindex).
    assert.equal(await t.page.locator('[data-vm-id][tabindex="0"]').count(), 1);
    await t.page.context().close();
  });

  test('zoom and scroll are saved with setState and restored after a reload', async () => {
    const result = whatIfOf(PLAN);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    const fitWidth = Number(await t.page.getAttribute('#tl-bars', 'width'));
    await t.page.focus('[data-vm-id][tabindex="0"]');
    await t.page.keyboard.press('+');
    await t.page.keyboard.press('+');
    const zoomed = Number(await t.page.getAttribute('#tl-bars', 'width'));
    assert.ok(zoomed > fitWidth * 2, `zoomed ${zoomed} vs fit ${fitWidth}`);
    await t.page.keyboard.press('ArrowRight');
    await t.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    const saved = await t.state();
    assert.ok(saved?.pxPerMs !== undefined && saved.pxPerMs > 0, 'zoom saved');
    assert.ok((saved?.scrollLeft ?? 0) > 0, 'scroll saved');
    assert.equal(saved?.uri, result.uri);
    await t.page.context().close();
    // A reload: VS Code hands the saved state back through getState.
    const again = await openTimeline(browser, { savedState: saved });
    const ready = (await again.posted())[0];
    assert.equal(ready.type === 'ready' && ready.state?.uri, result.uri, 'ready tells the host which runbook to show');
    await again.post(updateOf(result));
    assert.equal(Number(await again.page.getAttribute('#tl-bars', 'width')), zoomed);
    assert.equal(await again.page.evaluate('document.getElementById("tl-chart").scrollLeft'), saved?.scrollLeft);
    await again.page.click('#tl-fit');
    assert.equal(Number(await again.page.getAttribute('#tl-bars', 'width')), fitWidth);
    await again.page.context().close();
  });

  test('stale updates are dropped: an older version, or an answer to superseded overrides', async () => {
    const v5 = whatIfOf(PLAN, 5);
    const v4 = whatIfOf(PLAN.replace('name: Timeline test plan', 'name: Older text'), 4);
    const t = await openTimeline(browser);
    await t.post(updateOf(v5));
    await t.post(updateOf(v4));
    assert.equal(await t.page.getAttribute('#timeline-root', 'data-version'), '5');
    assert.equal(await t.page.textContent('#tl-title'), 'Timeline test plan');
    const v6 = whatIfOf(PLAN.replace('name: Timeline test plan', 'name: Newer text'), 6);
    await t.post(updateOf(v6));
    assert.equal(await t.page.textContent('#tl-title'), 'Newer text');
    // Another document replaces whatever version it has.
    const other = whatIfOf(PLAN.replace('name: Timeline test plan', 'name: Other file'), 1, {}, 'file:///work/other.runbook.yaml');
    await t.post(updateOf(other));
    assert.equal(await t.page.textContent('#tl-title'), 'Other file');
    await t.page.context().close();
  });

  test('what-if: a change asks the server, the answer shows the new total and the difference', async () => {
    const result = whatIfOf(PLAN);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    assert.equal(await t.page.inputValue('#tl-wi-wave'), '0', 'starts on the overrunning wave');
    assert.equal(await t.page.inputValue('#tl-wi-bandwidth'), '1 Gbps');
    await t.page.fill('#tl-wi-bandwidth', '10 Gbps');
    await until(t.page, 'window.__posted.some((m) => m.type === "whatIf")');
    const asked = (await t.posted()).filter((m) => m.type === 'whatIf');
    assert.equal(asked.length, 1, 'typing is debounced into one request');
    const request = asked[0];
    assert.ok(request.type === 'whatIf');
    assert.deepEqual(request.overrides, { links: [{ linkId: 'ab', bandwidthBytesPerSecond: 1_250_000_000 }] });
    const answer = whatIfOf(PLAN, 1, request.overrides);
    assert.ok(answer.schedule.totalSeconds < answer.baseline.totalSeconds);
    await t.post(updateOf(answer, request.requestId));
    const text = await t.page.textContent('#tl-wi-result') ?? '';
    assert.match(text, /Plan ≈ .* → ≈ .* \(−/);
    assert.match(text, /Orders: overruns by .* → fits ✓/);
    assert.equal(await t.page.isEnabled('#tl-wi-apply'), true);
    // An answer for the previous request (0) arriving late is dropped.
    await t.post(updateOf(result, 0));
    assert.match(await t.page.textContent('#tl-wi-result') ?? '', /→ fits/);
    await t.page.click('#tl-wi-apply');
    const apply = (await t.posted()).filter((m) => m.type === 'apply');
    assert.deepEqual(apply, [{ type: 'apply', uri: result.uri, version: 1, overrides: answer.applied }]);
    await t.post({ type: 'status', kind: 'applied', message: 'Applied: link ab: bandwidth 10 Gbps' });
    assert.deepEqual((await t.state())?.overrides, {});
    await t.page.selectOption('#tl-wi-transport', 'wan-optimized');
    const last = (await t.posted()).filter((m) => m.type === 'whatIf').pop();
    assert.deepEqual(last?.type === 'whatIf' && last.overrides, { links: [{ linkId: 'ab', transport: 'wan-optimized' }] });
    await t.page.fill('#tl-wi-bandwidth', '10 Gbs');
    assert.equal(await t.page.getAttribute('#tl-wi-bandwidth', 'aria-invalid'), 'true');
    assert.match(await t.page.textContent('#tl-wi-error') ?? '', /Gbps/);
    await t.page.context().close();
  });

  test('a large plan: only the rows in view are in the DOM; scrolling draws the rest', async () => {
    // 600 VMs are 13,000 px of rows: enough to prove the virtualisation (bench/webview.ts times 5,000).
    const big = whatIfOf(generateRunbook({ vms: 600 }));
    assert.equal(big.schedule.vms.length, 600);
    const t = await openTimeline(browser);
    await t.post(updateOf(big));
    const bars = await t.page.locator('[data-vm-id]').count();
    assert.ok(bars > 10 && bars < 200, `${bars} bars in the DOM`);
    const last = layoutRows(big.schedule).rows.at(-1);
    await t.page.evaluate('(() => { const c = document.getElementById("tl-chart"); c.scrollTop = c.scrollHeight; })()');
    await t.page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))');
    assert.ok(last?.kind === 'vm');
    assert.equal(await t.page.locator(`[data-vm-id="${last.vm.id}"]`).count(), 1);
    await t.page.context().close();
  });

  test('axe finds no serious or critical problem in light, dark and high contrast; screenshots kept', async () => {
    const result = whatIfOf(PLAN);
    const t = await openTimeline(browser, { theme: 'light', width: 1100, height: 560 });
    await t.post(updateOf(result));
    await t.page.focus('[data-vm-id][tabindex="0"]');
    await t.page.keyboard.press('ArrowDown');
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    // Through the devtools protocol: the page's CSP (rightly) refuses an injected <script>.
    await t.page.evaluate(axeSource);
    const check = async (what: string) => {
      const violations = await t.page.evaluate(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) })))`) as { id: string; impact: string; nodes: string[] }[];
      const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      assert.deepEqual(bad, [], `${what}: ${JSON.stringify(bad, null, 1)}`);
    };
    const dir = join(root, 'test-results/webview');
    mkdirSync(dir, { recursive: true });
    for (const theme of ['light', 'dark', 'high-contrast'] as ThemeKind[]) {
      await setTheme(t.page, theme);
      await t.page.hover('[data-vm-id="app01"] rect.tl-phase');
      await t.page.screenshot({ path: join(dir, `timeline-${theme}.png`) });
      if (theme === 'dark' && process.env.UPDATE_DOCS_SCREENSHOT === '1') await t.page.screenshot({ path: join(root, 'docs/images/timeline-dark.png') });
      await check(`chart, ${theme}`);
    }
    await t.page.click('#tl-view-toggle');
    assert.equal(await t.page.locator('#tl-table tbody tr').count(), result.schedule.vms.length + result.schedule.waves.length + (result.schedule.steps?.length ?? 0));
    await t.page.screenshot({ path: join(dir, 'timeline-table-high-contrast.png') });
    await check('table, high contrast');
    await setTheme(t.page, 'light');
    await check('table, light');
    await t.page.context().close();
  });

  test('hostile names render as text: no element, no script, no dialog, no request', async () => {
    for (const [text, hostileIds] of [[hostilePlan(HOSTILE_STRINGS), false], [hostileIdPlan(), true]] as const) {
      const result = whatIfOf(text);
      assert.ok(result.schedule.vms.length >= 2);
      const t = await openTimeline(browser);
      await t.post(updateOf(result));
      await t.page.click('#tl-view-toggle');
      await t.page.click('#tl-view-toggle');
      // Hover every bar in view so the tooltips render too.
      for (const bar of await t.page.locator('[data-vm-id] rect.tl-phase').all()) await bar.hover().catch(() => undefined);
      await t.page.click('#tl-view-toggle');
      assert.equal(await t.page.locator('img').count(), 0, 'no <img> from the data');
      assert.equal(await t.page.locator('script').count(), 1, 'only the page script');
      assert.equal(await t.page.locator('[onerror], [onclick], [onload]').count(), 0);
      assert.equal(t.dialogs(), 0);
      assert.deepEqual(t.foreignRequests(), []);
      const body = await t.page.textContent('body') ?? '';
      if (hostileIds) {
        assert.ok(body.includes(HOSTILE_ID), 'the id is shown literally');
        assert.ok(body.includes('</script><script>alert(1)</script>'));
        const ids = await t.page.evaluate(`[...document.querySelectorAll('#tl-bars [data-vm-id]')].map((e) => e.getAttribute('data-vm-id'))`) as string[];
        assert.ok(ids.includes(HOSTILE_ID), `a bar for the hostile id: ${JSON.stringify(ids)}`);
      } else {
        assert.ok(body.includes('[x](javascript:alert(1))'));
        assert.ok(body.includes(HOSTILE_ID), 'a name is shown literally');
      }
      await t.page.context().close();
    }
  });

  test('exports: the SVG parses as XML and the HTML shows the bars, hostile names as text, no script runs', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    const requests: string[] = [];
    await context.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    for (const text of [PLAN, hostilePlan(HOSTILE_STRINGS), hostileIdPlan()]) {
      const result = whatIfOf(text);
      const svgText = renderSvg(result.schedule, { details: result.details });
      const parsed = await page.evaluate(`(() => {
        const doc = new DOMParser().parseFromString(${JSON.stringify(svgText)}, 'image/svg+xml');
        return { error: doc.getElementsByTagName('parsererror').length, root: doc.documentElement.localName,
          bars: doc.querySelectorAll('g[data-vm-id]').length, scripts: doc.getElementsByTagName('script').length,
          foreign: doc.querySelectorAll('foreignObject, image, img, a').length,
          ids: [...doc.querySelectorAll('g[data-vm-id]')].map((g) => g.getAttribute('data-vm-id')), text: doc.documentElement.textContent };
      })()`) as { error: number; root: string; bars: number; scripts: number; foreign: number; ids: string[]; text: string };
      assert.equal(parsed.error, 0, 'well-formed XML');
      assert.equal(parsed.root, 'svg');
      assert.equal(parsed.bars, result.schedule.vms.length);
      assert.equal(parsed.scripts, 0);
      assert.equal(parsed.foreign, 0);
      assert.deepEqual(parsed.ids, result.schedule.vms.map((v) => v.id.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '\ufffd')));
      if (text !== PLAN) assert.ok(parsed.text.includes('<img src=x onerror=alert(1)>'), 'the markup is text');
      // The standalone page, opened as a file would be.
      const html = renderHtml(result.schedule, { details: result.details });
      await page.setContent(html);
      assert.equal(await page.locator('svg g[data-vm-id]').count(), result.schedule.vms.length, 'the bars show');
      assert.equal(await page.locator('table tbody tr').count(), result.schedule.vms.length);
      assert.equal(await page.locator('script, img, iframe, object, embed').count(), 0);
      const box = await page.locator('svg g[data-vm-id] rect.tl-phase').first().boundingBox();
      assert.ok(box && box.width > 0 && box.height > 0, 'a bar is painted');
    }
    assert.equal(dialogs, 0);
    assert.deepEqual(requests, [], 'the exports fetch nothing');
    await context.close();
  });

  test('CLI export: runbook timeline writes an SVG Chromium parses and an HTML page that shows the bars', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'runbook-timeline-cli-'));
    try {
      writeFileSync(join(dir, 'hostile.runbook.yaml'), hostilePlan(HOSTILE_STRINGS));
      const io = { ...fileSystemIo(dir), stdout: { write: () => true }, stderr: { write: () => true }, isTTY: false, env: {} };
      assert.equal(main(['timeline', 'hostile.runbook.yaml', '--out', 'plan.svg'], io), 0);
      assert.equal(main(['timeline', 'hostile.runbook.yaml', '--out', 'plan.html'], io), 0);
      const context = await browser.newContext();
      const page = await context.newPage();
      let dialogs = 0;
      page.on('dialog', (d) => {
        dialogs++;
        void d.dismiss();
      });
      await page.goto(`file://${join(dir, 'plan.html')}`);
      assert.equal(await page.locator('svg g[data-vm-id]').count(), HOSTILE_STRINGS.length);
      await page.goto(`file://${join(dir, 'plan.svg')}`);
      assert.equal(await page.evaluate('document.documentElement.localName'), 'svg', 'Chromium renders the file as SVG (a parse error would show an error page)');
      assert.equal(await page.evaluate('document.getElementsByTagName("parsererror").length'), 0);
      assert.equal(dialogs, 0);
      await context.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
