/**
 * End to end in a real VS Code: the packaged .vsix installed into code-server (VS Code 1.139 for the
 * web), driven in headless Chromium like a planner would — open a runbook, read the Problems panel,
 * hover a VM, type a new value, apply a quick fix, open the timeline. Started by test/e2e/run.mjs
 * (`npm run test:e2e`), which installs code-server and the .vsix and passes:
 *   RUNBOOK_E2E_URL        the code-server URL (loopback)
 *   RUNBOOK_E2E_WORKSPACE  the folder code-server opened (a copy of samples/)
 *   RUNBOOK_E2E_RESULTS    where screenshots go (default test-results/e2e)
 * Steps share one page and run in order; after a failure the rest are skipped (they build on it).
 * Every step saves a screenshot; a failing one saves `NN-name-FAILED.png` and names it in the error.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expectedDiagnostics, locate } from './expectations';
import { csvOf, makeRows } from '../import/fixtures';
import {
  activeLineNumber, chooseCommand, codeLenses, countInEditor, cursorPosition, errorsAndWarnings, focusRunbookEditor, goToLine, inlayHints, languageStatus, openFile, readProblems,
  runCommand, validated, viewLine, waitFor, webviewFrameWith,
} from './workbench';

const url = process.env.RUNBOOK_E2E_URL ?? '';
const workspace = process.env.RUNBOOK_E2E_WORKSPACE ?? '';
const resultsDir = resolve(process.env.RUNBOOK_E2E_RESULTS ?? join('test-results', 'e2e'));
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const INFEASIBLE = 'infeasible.runbook.yaml';
const CLEAN = 'metro-stretched-vlan.runbook.yaml';

let browser: Browser | undefined;
let page: Page;
let failedStep: string | undefined;
let stepNumber = 0;
let infeasibleText = '';
/** The error/warning `code@line` set the Problems panel must show for the infeasible sample right now. */
let expected: string[] = [];

before(async () => {
  assert.ok(url && workspace, 'RUNBOOK_E2E_URL and RUNBOOK_E2E_WORKSPACE are not set: run this through `npm run test:e2e`');
  mkdirSync(resultsDir, { recursive: true });
  infeasibleText = readFileSync(join(workspace, INFEASIBLE), 'utf8');
  expected = expectedDiagnostics(infeasibleText);
  browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
});

after(async () => {
  await browser?.close();
});

function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 60);
}

/** One user-visible step: runs `body`, then saves a screenshot of what the page shows. */
function step(name: string, body: () => Promise<void>): void {
  test(name, async (t: TestContext) => {
    if (failedStep !== undefined) {
      t.skip(`an earlier step failed: ${failedStep}`);
      return;
    }
    const shot = join(resultsDir, `${String(++stepNumber).padStart(2, '0')}-${slug(name)}`);
    try {
      await body();
      await page.screenshot({ path: `${shot}.png` });
    } catch (err) {
      failedStep = name;
      await page.screenshot({ path: `${shot}-FAILED.png` }).catch(() => undefined);
      const message = err instanceof Error ? err.message : String(err);
      throw new Error(`step "${name}" failed: ${message}\n  screenshot: ${shot}-FAILED.png`, { cause: err });
    }
  });
}

async function hidePanel(): Promise<void> {
  if (!(await page.locator('.part.panel').isVisible())) return;
  await page.keyboard.press('Control+J'); // View: Toggle Panel Visibility
  await page.locator('.part.panel').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Polls the Problems panel until the infeasible sample's errors and warnings are exactly `want`. */
async function problemsBecome(want: readonly string[]): Promise<Awaited<ReturnType<typeof readProblems>>> {
  let last: Awaited<ReturnType<typeof readProblems>> | undefined;
  return waitFor(page, `the Problems panel to list exactly ${want.join(', ')} for ${INFEASIBLE}`, async () => {
    last = await readProblems(page);
    return JSON.stringify(errorsAndWarnings(last.rows, INFEASIBLE)) === JSON.stringify(want) ? last : undefined;
  }, { timeoutMs: 30_000, describe: async () => (last ? errorsAndWarnings(last.rows, INFEASIBLE).join(', ') || '(none)' : '(nothing read)') });
}

step('code-server loads the workbench with the samples folder', async () => {
  await page.goto(url);
  // The first load compiles the workbench in the browser: slow on a 2-core machine.
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: INFEASIBLE }).waitFor({ timeout: 120_000 });
});

step('a clean sample opens as a Migration Runbook and the server reports no problem', async () => {
  await openFile(page, CLEAN);
  const status = await validated(page, 0, 60_000);
  assert.equal(status.errors + status.warnings, 0, `the status item reports problems for ${CLEAN}: ${status.label}`);
  // A screen reader reads this label: plain words, not the item's `$(check)` codicon syntax.
  assert.match(status.label, /Migration runbook: plan /, status.label);
  assert.doesNotMatch(status.label, /\$\(/, `the status item's accessible label holds codicon syntax: ${status.label}`);
  const problems = await readProblems(page);
  assert.ok(!problems.files.includes(CLEAN), `the Problems panel lists ${CLEAN}: ${problems.rows.filter((r) => r.file === CLEAN).map((r) => `${r.code}@${r.line} ${r.message}`).join('; ')}`);
});

step('the Problems panel lists every expected diagnostic of the infeasible sample on its line', async () => {
  assert.ok(expected.length >= 10, `only ${expected.length} "# expect:" codes in ${INFEASIBLE}`);
  await openFile(page, INFEASIBLE);
  const problems = await problemsBecome(expected);
  const shown = problems.rows.filter((r) => r.file === INFEASIBLE && r.severity !== 'info').length;
  // Both samples are at version 1, so the item may still show the clean sample for a moment after
  // the switch: wait until it reports the infeasible one's counts.
  let status: Awaited<ReturnType<typeof languageStatus>>;
  await waitFor(page, `the status item to agree with the Problems panel (${shown} errors and warnings)`, async () => {
    status = await languageStatus(page);
    return status && status.errors + status.warnings === shown ? status : undefined;
  }, { timeoutMs: 30_000, describe: async () => `status item (${status?.label ?? 'not shown'}) and Problems panel (${shown} errors and warnings) disagree` });
  // The clean sample is still open and still has no row.
  assert.ok(!problems.files.includes(CLEAN), `${CLEAN} gained problems: ${problems.files.join(', ')}`);
});

step('hovering a VM shows its estimate, the same total as its inlay hint', async () => {
  await hidePanel();
  const vm = locate(infeasibleText, /^ {2}hot01:/);
  await goToLine(page, vm.line, 3);
  // hot01 cannot converge on its own (400 MB/s dirty rate): on vSphere 8.0 SDPS slows the guest, and
  // its hint gives the range of that throttled migration and says so.
  const hints = await waitFor(page, 'an inlay hint "≈ … · SDPS-throttled · stun …" on the hot01 line', async () => {
    const found = await inlayHints(page, /^\s*hot01:/);
    // VS Code cuts long hints with an ellipsis (editor.inlayHints.maximumLength, 43 by default).
    return found.some((h) => /^≈ .+ · SDPS-throttled · stun/.test(h)) ? found : undefined;
  }, { describe: async () => JSON.stringify(await inlayHints(page, /^\s*hot01:/)) });
  const hint = hints.find((h) => h.startsWith('≈')) ?? '';
  const token = viewLine(page, /^\s*hot01:/).locator('span', { hasText: /^hot01$/ }).first();
  const box = await token.boundingBox();
  assert.ok(box, 'the hot01 token is not on screen');
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)', { hasText: 'Total' }).first();
  await hover.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error('no hover with an estimate (a "Total" row) appeared over the VM id hot01');
  });
  const text = (await hover.innerText()).replace(/\u00a0/g, ' ');
  assert.match(text, /VM\s+hot01/, `the hover does not name the VM: ${text.slice(0, 200)}`);
  // `Total ≈ 1 min - 1 h 3 min (likely 39 min) · fits …`: the range is what the hint shows.
  const total = /Total\s+(≈ [^\n·(]+)/.exec(text)?.[1].trim();
  // The most important line first: the total and whether the VM fits its window, before the figures.
  assert.match(text, /Total ≈ [^\n]+ · fits wave 1's window/, `the hover does not lead with the total and the fit: ${text.slice(0, 300)}`);
  assert.ok(text.indexOf('Without SDPS') < text.indexOf('What SDPS does') && text.indexOf('What SDPS does') < text.indexOf('What to do'), `the SDPS story is not in order: ${text.slice(0, 600)}`);
  assert.ok(total, `the hover has no "Total ≈ …" row: ${text.slice(0, 300)}`);
  assert.ok(hint.startsWith(total), `hover total "${total}" differs from the inlay hint "${hint}"`);
});

step('on a key line with a trailing comment the inlay hint sits after the key, before the comment', async () => {
  await page.mouse.move(5, 500);
  const vm = locate(infeasibleText, /^ {2}stun01:/);
  assert.match(infeasibleText.split('\n')[vm.line - 1] ?? '', /#/, 'the stun01 line of the sample has a trailing comment');
  await goToLine(page, vm.line, 3);
  const placement = await waitFor(page, 'an inlay hint on the stun01 line', async () => {
    const line = viewLine(page, /^\s*stun01:/);
    const hint = line.locator('span[class*="dyn-rule"]', { hasText: /≈/ }).first();
    const comment = line.locator('span', { hasText: /^#/ }).first();
    const [h, c] = await Promise.all([hint.boundingBox().catch(() => null), comment.boundingBox().catch(() => null)]);
    return h && c ? { h, c } : undefined;
  }, { describe: async () => JSON.stringify(await inlayHints(page, /^\s*stun01:/)) });
  assert.ok(placement.h.x + placement.h.width <= placement.c.x + 1, `the hint (x ${placement.h.x}..${placement.h.x + placement.h.width}) is drawn after the comment (x ${placement.c.x})`);
});

step('code lenses show each wave against its window', async () => {
  await page.mouse.move(5, 500); // away from the hover
  const wave = locate(infeasibleText, /- name: Wave 4/);
  await goToLine(page, wave.line, 1);
  const lenses = await waitFor(page, 'a code lens "≈ … of 2 h … (does not fit)" above Wave 4', async () => {
    const found = await codeLenses(page);
    return found.some((l) => /^≈ .+ of 2 h .*\(does not fit\b/.test(l)) ? found : undefined;
  }, { describe: async () => JSON.stringify(await codeLenses(page)) });
  assert.ok(lenses.some((l) => /\(fits the window\b/.test(l)), `no fitting wave among the visible lenses: ${JSON.stringify(lenses)}`);
});

step('typing a lower dirty rate updates the diagnostics and the inlay hint', async () => {
  const at = locate(infeasibleText, 'dirty_rate: 400 MB/s');
  const valueColumn = at.column + 'dirty_rate: '.length;
  assert.ok(expected.includes(`RB203@${at.line}`), `${INFEASIBLE} no longer expects RB203 on the dirty_rate line ${at.line}`);
  const before = await languageStatus(page);
  assert.ok(before, 'no language status before the edit');
  const hintBefore = (await inlayHints(page, /^\s*hot01:/)).join(' ');
  await goToLine(page, at.line, valueColumn);
  for (let i = 0; i < 3; i++) await page.keyboard.press('Delete');
  await page.keyboard.type('4');
  await viewLine(page, /dirty_rate:\s4\sMB\/s/).waitFor({ timeout: 10_000 });
  await validated(page, before.version);
  await waitFor(page, 'the hot01 inlay hint to change after the edit', async () => {
    const now = (await inlayHints(page, /^\s*hot01:/)).join(' ');
    return now !== hintBefore && /≈ .+ · stun/.test(now) ? now : undefined;
  }, { describe: async () => `before "${hintBefore}", now "${(await inlayHints(page, /^\s*hot01:/)).join(' ')}"` });
  expected = expected.filter((e) => e !== `RB203@${at.line}`);
  await problemsBecome(expected);
});

step('the light bulb quick fix corrects the unit typo and its diagnostic disappears', async () => {
  await hidePanel();
  const typo = locate(infeasibleText, 'bandwidth: 10 Gbs');
  assert.ok(expected.includes(`RB010@${typo.line}`), `${INFEASIBLE} no longer expects RB010 on line ${typo.line}`);
  const before = await languageStatus(page);
  assert.ok(before, 'no language status before the fix');
  // The diagnostic (and so the light bulb) covers the unit, `Gbs`.
  await goToLine(page, typo.line, typo.column + 'bandwidth: 10 '.length);
  const bulb = page.locator('.lightBulbWidget');
  await bulb.waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error(`no light bulb on line ${typo.line} (RB010)`);
  });
  await bulb.click();
  const fix = page.locator('.action-widget .monaco-list-row.action', { hasText: 'Gbps' }).first();
  await fix.waitFor({ timeout: 10_000 }).catch(() => {
    throw new Error('the light bulb menu has no fix that mentions Gbps');
  });
  await page.screenshot({ path: join(resultsDir, 'quick-fix-menu.png') });
  await fix.click();
  await viewLine(page, /bandwidth:\s10\sGbps/).waitFor({ timeout: 10_000 });
  await validated(page, before.version);
  expected = expected.filter((e) => e !== `RB010@${typo.line}`);
  await problemsBecome(expected);
});

step('Runbook: Show Timeline to the Side opens the timeline beside the runbook', async () => {
  await hidePanel();
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: { command: string; title: string }[] } };
  const title = manifest.contributes.commands.find((c) => c.command === 'runbook.showTimelineToSide')?.title;
  assert.ok(title, 'package.json contributes no runbook.showTimelineToSide command');
  await goToLine(page, 1, 1);
  await runCommand(page, `Runbook: ${title}`);
  if (title.includes('Text Summary')) {
    // Until the timeline webview lands the command shows the schedule as a Markdown preview.
    const waves = [...infeasibleText.matchAll(/^\s*- name: (.+)$/gm)].map((m) => m[1].trim());
    const frame = await waitFor(page, 'a preview beside the runbook with the schedule summary', () => webviewFrameWith(page, 'h1:has-text("Schedule:")'), { timeoutMs: 30_000 });
    const text = await frame.locator('body').innerText();
    for (const wave of waves) assert.ok(text.includes(wave), `the schedule summary does not list "${wave}": ${text.slice(0, 400)}`);
    assert.match(text, /overruns its window by/, 'the summary does not show the overrunning wave');
    return;
  }
  const frame = await waitFor(page, 'the timeline webview with VM bars ([data-vm-id])', () => webviewFrameWith(page, '[data-vm-id]'), { timeoutMs: 30_000 });
  // Five nights read at a glance: the idle time between them is compressed into marked gaps, the
  // legend is shown, and stun01's RB205 (ESX fails its 145 s switchover) is on its bar.
  assert.ok(await frame.locator('#tl-axis .tl-gap-mark').count() >= 4, 'the nights between the waves are not compressed into gaps');
  assert.ok(await frame.locator('#tl-legend').isVisible(), 'no legend');
  assert.match(await frame.locator('#tl-bars [data-vm-id="stun01"]').getAttribute('class') ?? '', /tl-problem-error/, 'stun01 does not show its error');
  assert.match(await frame.locator('#tl-wave-fits li').first().textContent() ?? '', /1 VM will fail/);
  const vm = locate(infeasibleText, /^ {2}big01:/);
  const bar = frame.locator('[data-vm-id="big01"]').first();
  await bar.waitFor({ timeout: 10_000 }).catch(() => {
    throw new Error('the timeline has no bar for big01');
  });
  await bar.click();
  await waitFor(page, `the editor cursor on big01 (line ${vm.line}) after clicking its bar`, async () => {
    const at = await cursorPosition(page);
    if (at?.line === vm.line) return at;
    // The status bar shows the cursor only while the editor has the focus, which the click in the
    // webview may take back; the editor's highlighted line number says it either way.
    return (await activeLineNumber(page)) === vm.line ? { line: vm.line } : undefined;
  }, { timeoutMs: 10_000, describe: async () => `status bar ${JSON.stringify(await cursorPosition(page))}, active line number ${await activeLineNumber(page)}` });
  // The fallback reads the right thing: the highlighted line number is the cursor's line.
  assert.equal(await activeLineNumber(page), vm.line);
});

step('Runbook: Import VMs from RVTools Export… merges an export into the runbook as one undoable edit', async () => {
  // A small vInfo export beside the samples; the dialog is VS Code's own (a path box in the browser).
  writeFileSync(join(workspace, 'vinfo-export.csv'), csvOf(makeRows(3)));
  // The runbook beside the timeline: focus its text (the import merges into the active runbook).
  await focusRunbookEditor(page, INFEASIBLE);
  assert.equal(await countInEditor(page, 'vm00002:'), 0, 'the sample has no vm00002 before the import');
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: { command: string; title: string }[] } };
  const title = manifest.contributes.commands.find((c) => c.command === 'runbook.importRvtools')?.title;
  assert.ok(title, 'package.json contributes no runbook.importRvtools command');
  // Not runCommand: the file dialog opens in the same quick input as the palette, which never closes.
  await chooseCommand(page, `Runbook: ${title.replace(/…$/, '')}`);
  // Pick the file in the dialog's list, as a user would: a click on a file accepts it.
  const fileRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'vinfo-export.csv' }).first();
  await fileRow.waitFor({ timeout: 15_000 });
  await fileRow.click();
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /\d+ added, \d+ updated/ }).first();
  await toast.waitFor({ timeout: 30_000 }).catch(async () => {
    throw new Error(`no import summary appeared (toasts: ${JSON.stringify(await page.locator('.notifications-toasts').innerText().catch(() => ''))})`);
  });
  assert.match(await toast.innerText(), /3 added, 0 updated/);
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  assert.equal(await countInEditor(page, 'vm00002:'), 1, 'the imported VM is in the runbook');
  assert.ok((await countInEditor(page, 'vm00002')) >= 2, 'and in a wave');
  // One undo takes the whole import back: the entries and the new wave.
  await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+Z');
  assert.equal(await countInEditor(page, 'vm00002'), 0, 'one undo removes the imported VMs and their wave');
});

step('Runbook: Record Actuals from vCenter Export… writes the actuals; the wave gets its forecast and the timeline its actual bars', async () => {
  // The mid-night sample beside its task list export, as a planner has them on the night.
  writeFileSync(join(workspace, 'night-e2e.runbook.yaml'), readFileSync(join(workspace, 'night', 'night.runbook.yaml'), 'utf8'));
  writeFileSync(join(workspace, 'night-tasks.csv'), readFileSync(join(workspace, 'night', 'tasks-export.csv'), 'utf8'));
  await hidePanel();
  await openFile(page, 'night-e2e.runbook.yaml');
  await validated(page);
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as { contributes: { commands: { command: string; title: string }[] } };
  const title = manifest.contributes.commands.find((c) => c.command === 'runbook.recordActuals')?.title;
  assert.ok(title, 'package.json contributes no runbook.recordActuals command');
  await chooseCommand(page, `Runbook: ${title.replace(/…$/, '')}`);
  const fileRow = page.locator('.quick-input-list .monaco-list-row', { hasText: 'night-tasks.csv' }).first();
  await fileRow.waitFor({ timeout: 15_000 });
  await fileRow.click();
  // The export's dates read both ways (12/02/2026) and have no offset: the command asks, never guesses.
  const order = page.locator('.quick-input-list .monaco-list-row', { hasText: 'month/day/year' }).first();
  await order.waitFor({ timeout: 15_000 });
  await order.click();
  const typeZone = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Type an offset or a time zone' }).first();
  await typeZone.waitFor({ timeout: 15_000 });
  await typeZone.click();
  const box = page.locator('.quick-input-widget input');
  await box.waitFor({ timeout: 10_000 });
  await box.fill('-06:00');
  await page.keyboard.press('Enter');
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: /8 migrations/ }).first();
  await toast.waitFor({ timeout: 30_000 }).catch(async () => {
    throw new Error(`no Record Actuals summary appeared (toasts: ${JSON.stringify(await page.locator('.notifications-toasts').innerText().catch(() => ''))})`);
  });
  assert.match(await toast.innerText(), /8 added, 0 updated/);
  const actuals = await waitFor(page, 'night-e2e.actuals.yaml written beside the runbook', async () => {
    try {
      const text = readFileSync(join(workspace, 'night-e2e.actuals.yaml'), 'utf8');
      return text.includes('vm: db-02') ? text : undefined;
    } catch {
      return undefined;
    }
  }, { timeoutMs: 15_000 });
  assert.match(actuals, /- \{ vm: app-02, start: 2026-12-02T22:12:31-06:00, end: 2026-12-02T22:24:40-06:00, status: failed, source: night-tasks\.csv row 9 \}/);
  // The server saw the file (its watcher) and re-forecast wave 2: RB420 on the wave's name. By the
  // real clock the night is long over, so the forecast overruns: a warning.
  const runbookText = readFileSync(join(workspace, 'night-e2e.runbook.yaml'), 'utf8');
  const waveLine = runbookText.split('\n').findIndex((l) => l.includes('- name: wave-2')) + 1;
  await waitFor(page, 'RB420 on wave-2 in the Problems panel', async () => {
    const { rows } = await readProblems(page);
    return rows.find((r) => r.file === 'night-e2e.runbook.yaml' && r.code.includes('RB420') && r.line === waveLine && r.severity === 'warning');
  }, { timeoutMs: 60_000, describe: async () => JSON.stringify((await readProblems(page)).rows.filter((r) => r.file === 'night-e2e.runbook.yaml')) });
  await hidePanel();
  // The timeline draws what happened over the plan, and a "now" line.
  await focusRunbookEditor(page, 'night-e2e.runbook.yaml');
  const showTitle = manifest.contributes.commands.find((c) => c.command === 'runbook.showTimeline')?.title;
  await runCommand(page, `Runbook: ${showTitle ?? 'Show Timeline'}`);
  const frame = await waitFor(page, 'the timeline with actual bars (.tl-actual)', () => webviewFrameWith(page, '.tl-actual'), { timeoutMs: 30_000 });
  assert.equal(await frame.locator('.tl-actual-succeeded').count(), 5, 'five moves done');
  assert.equal(await frame.locator('.tl-actual-failed').count(), 1, 'one failed move');
  assert.equal(await frame.locator('.tl-actual-running').count(), 2, 'two running moves');
  assert.ok(await frame.locator('.tl-lane-forecast[data-forecast="overrun"]').count() >= 1, 'the wave says its forecast overruns');
});
