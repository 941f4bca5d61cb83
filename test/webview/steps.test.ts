/**
 * Runbook steps and the rollback path in the timeline page (headless Chromium): step bars at their
 * best times with whiskers to the worst-case end, click and Enter reveal the step's line, hostile
 * step titles and owners stay text, and the header's toggle draws each wave's rollback span.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { layoutRows, stepKey, xOf } from '../../shared/src/timeline/layout';
import { PLAN_URI, STEP_PLAN, updateOf, whatIfOf } from './fixtures';
import { launchChromium, openTimeline, skipReason } from './harness';

const skip = skipReason();

interface StepBox { id: string; key: string; x: number; width: number; bestEndX: number | null; worstEndX: number | null; label: string }

describe('timeline webview: steps and rollback', { skip }, () => {
  let browser: Browser;
  before(async () => {
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
  });

  test('step bars sit at their best times; whiskers reach the worst-case end', async () => {
    const result = whatIfOf(STEP_PLAN);
    const steps = result.schedule.steps ?? [];
    assert.equal(steps.length, 3);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    const layout = layoutRows(result.schedule);
    const chartWidth = Number(await t.page.getAttribute('#tl-bars', 'width'));
    const pxPerMs = chartWidth / layout.spanMs;
    const boxes = await t.page.evaluate(`[...document.querySelectorAll('#tl-bars [data-step-id]')].map((g) => {
      const bar = g.querySelector('.tl-step-bar');
      const w = g.querySelector('.tl-step-whisker');
      return { id: g.getAttribute('data-step-id'), key: g.getAttribute('data-step-key'), x: Number(bar.getAttribute('x')), width: Number(bar.getAttribute('width')),
        bestEndX: w ? Number(w.getAttribute('data-best-end-x')) : null, worstEndX: w ? Number(w.getAttribute('data-worst-end-x')) : null,
        label: g.getAttribute('aria-label') + '|' + g.getAttribute('role') };
    })`) as StepBox[];
    assert.equal(boxes.length, 3, 'a bar per step');
    for (const step of steps) {
      const box = boxes.find((b) => b.key === stepKey(step));
      assert.ok(box, `${step.id} is drawn`);
      const x = xOf(step.bestStartEpochMs, layout, pxPerMs);
      const width = Math.max(2, xOf(step.bestEndEpochMs, layout, pxPerMs) - x);
      assert.ok(Math.abs(box.x - x) <= 1, `${step.id} x ${box.x} vs ${x}`);
      assert.ok(Math.abs(box.width - width) <= 1, `${step.id} width ${box.width} vs ${width}`);
      assert.match(box.label, /^Step .*\|button$/);
      if (step.worstEndEpochMs > step.bestEndEpochMs) {
        const worstX = xOf(step.worstEndEpochMs, layout, pxPerMs);
        assert.ok(box.worstEndX !== null, `${step.id} has a whisker`);
        assert.ok(Math.abs((box.worstEndX as number) - worstX) <= 1, `${step.id} whisker end ${box.worstEndX} vs ${worstX}`);
        assert.ok(Math.abs((box.bestEndX as number) - (box.x + box.width)) <= 1, 'the whisker starts at the bar end');
      } else {
        assert.equal(box.worstEndX, null, `${step.id} (no range) has no whisker`);
      }
    }
    // The smoke check (10-40 min) has a range; the freeze (10 min) does not.
    assert.ok(boxes.find((b) => b.id === 'smoke')?.worstEndX !== null);
    assert.equal(boxes.find((b) => b.id === 'freeze')?.worstEndX, null);
    // Steps are not drawn as migrations.
    assert.equal(await t.page.locator('#tl-bars [data-step-id] .tl-phase').count(), 0);
    await t.page.context().close();
  });

  test('the table view lists each step in its wave (before steps above the VMs, after steps below), and activating one reveals its line', async () => {
    const result = whatIfOf(STEP_PLAN);
    const steps = result.schedule.steps ?? [];
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    await t.page.click('#tl-view-toggle');
    const rows = await t.page.evaluate(`[...document.querySelectorAll('#tl-table tbody tr')].map((r) => r.textContent)`) as string[];
    assert.equal(rows.length, result.schedule.vms.length + result.schedule.waves.length + steps.length);
    for (const step of steps) {
      const at = rows.findIndex((r) => r.includes(`Step ${step.id}`));
      assert.ok(at >= 0, `${step.id} has a row`);
      const firstVm = rows.findIndex((r) => result.schedule.vms.some((v) => v.waveIndex === step.waveIndex && r.includes(v.id)));
      assert.ok(step.phase === 'before' ? at < firstVm : at > firstVm, `${step.id} (${step.phase}) sits ${step.phase} the wave's VMs`);
      assert.match(rows[at], new RegExp(`${step.kind} step ${step.phase} the migrations`));
    }
    // A step with a range shows its worst case too.
    assert.match(rows.find((r) => r.includes('Step smoke')) ?? '', /\(worst /);
    assert.match(await t.page.textContent('#tl-table caption') ?? '', /and 3 steps/);
    const smoke = steps.find((s) => s.id === 'smoke');
    assert.ok(smoke);
    await t.page.click('#tl-table button[data-step-index]:text("Step smoke")');
    const reveals = (await t.posted()).filter((m) => m.type === 'reveal');
    assert.deepEqual(reveals.at(-1), { type: 'reveal', uri: PLAN_URI, version: 1, vmId: '', stepId: 'smoke', line: smoke.line });
    await t.page.context().close();
  });

  test('click and Enter on a step reveal its line; the tooltip names owner, kind, best and worst', async () => {
    const result = whatIfOf(STEP_PLAN);
    const smoke = (result.schedule.steps ?? []).find((s) => s.id === 'smoke');
    assert.ok(smoke);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    await t.page.click('#tl-bars [data-step-id="smoke"] .tl-step-bar');
    let reveals = (await t.posted()).filter((m) => m.type === 'reveal');
    assert.deepEqual(reveals.at(-1), { type: 'reveal', uri: PLAN_URI, version: 1, vmId: '', stepId: 'smoke', line: smoke.line });
    await t.page.hover('#tl-bars [data-step-id="smoke"] .tl-step-bar');
    const tip = await t.page.textContent('#tl-tooltip') ?? '';
    assert.match(tip, /Step smoke \(Smoke tests\)/);
    assert.match(tip, /check step after the migrations, owner qa/);
    assert.match(tip, /Best .*→.*\(≈ 10 min\)/);
    assert.match(tip, /Worst .*→.*\(≈ 40 min\)/);
    await t.page.focus('#tl-bars [data-step-id="freeze"]');
    await t.page.keyboard.press('Enter');
    reveals = (await t.posted()).filter((m) => m.type === 'reveal');
    assert.equal(reveals.length, 2);
    assert.equal((reveals.at(-1) as { stepId?: string }).stepId, 'freeze');
    await t.page.context().close();
  });

  test('hostile step titles and owners are text', async () => {
    const t = await openTimeline(browser);
    await t.post(updateOf(whatIfOf(STEP_PLAN)));
    assert.equal(await t.page.locator('#tl-bars img, #tl-labels img, #tl-bars b, #tooltip img, script:not([src])').count(), 0);
    const label = await t.page.textContent('#tl-labels') ?? '';
    assert.ok(label.includes('▸ hostile (<img src=x onerr'), label);
    await t.page.hover('#tl-bars [data-step-id="hostile"] .tl-step-bar');
    const tip = await t.page.textContent('#tl-tooltip') ?? '';
    assert.ok(tip.includes('<img src=x onerror=alert(1)></script><b>bold</b>'), tip);
    assert.ok(tip.includes('owner <script>alert(2)</script>'), tip);
    assert.equal(await t.page.locator('#tl-tooltip *:not(div)').count(), 0);
    assert.equal(t.dialogs(), 0);
    await t.page.context().close();
  });

  test('the rollback toggle draws each wave\'s rollback span with RB221 wording, and hides it again', async () => {
    const result = whatIfOf(STEP_PLAN);
    const orders = result.schedule.waves[0];
    assert.ok(orders.rollback?.pointOfNoReturnEpochMs !== undefined);
    const t = await openTimeline(browser);
    await t.post(updateOf(result));
    assert.equal(await t.page.locator('[data-rollback-wave]').count(), 0, 'off by default');
    assert.equal(await t.page.getAttribute('#tl-rollback-toggle', 'aria-pressed'), 'false');
    await t.page.click('#tl-rollback-toggle');
    assert.equal(await t.page.getAttribute('#tl-rollback-toggle', 'aria-pressed'), 'true');
    assert.equal(await t.page.locator('[data-rollback-wave]').count(), 2, 'a span per wave with a rollback');
    const layout = layoutRows(result.schedule, { rollback: true });
    const chartWidth = Number(await t.page.getAttribute('#tl-bars', 'width'));
    const pxPerMs = chartWidth / layout.spanMs;
    const bar = await t.page.evaluate(`(() => { const r = document.querySelector('[data-rollback-wave="0"] .tl-rollback-bar');
      return { x: Number(r.getAttribute('x')), width: Number(r.getAttribute('width')), late: r.closest('g').classList.contains('tl-overrun'),
        noReturn: Number(document.querySelector('[data-rollback-wave="0"] .tl-no-return').getAttribute('x1')) }; })()`) as { x: number; width: number; late: boolean; noReturn: number };
    const rb = orders.rollback;
    assert.ok(Math.abs(bar.x - xOf(rb.fromEpochMs, layout, pxPerMs)) <= 1);
    assert.ok(Math.abs(bar.width - (xOf(rb.endEpochMs, layout, pxPerMs) - xOf(rb.fromEpochMs, layout, pxPerMs))) <= 1);
    assert.ok(Math.abs(bar.noReturn - xOf(rb.pointOfNoReturnEpochMs as number, layout, pxPerMs)) <= 1);
    assert.equal(bar.late, true, 'the Orders rollback ends after its window');
    await t.page.hover('[data-rollback-wave="0"] .tl-rollback-bar');
    const tip = await t.page.textContent('#tl-tooltip') ?? '';
    assert.match(tip, /A failed cutover at .* could not be rolled back before the window closes at/);
    assert.match(tip, /Rolling back takes .* \(reverse migration .* \+ rollback steps 15 min\) and ends at/);
    assert.match(tip, /recoverable in time only until/);
    assert.equal((await t.state())?.showRollback, true, 'the toggle is part of the saved state');
    await t.page.click('#tl-rollback-toggle');
    assert.equal(await t.page.locator('[data-rollback-wave]').count(), 0);
    await t.page.context().close();
  });
});
