/**
 * Drives VS Code for the web (code-server) the way a user does — keyboard, mouse, command palette —
 * and reads back only what the page shows. Every wait polls the page with a deadline and fails with
 * what it last saw; there are no fixed sleeps.
 */
import type { Frame, Locator, Page } from 'playwright-core';

/** Polls `probe` until it returns a value other than undefined; throws with `what` and the last observation. */
export async function waitFor<T>(page: Page, what: string, probe: () => Promise<T | undefined>, options: { timeoutMs?: number; describe?: () => Promise<string> } = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err instanceof Error ? err.message : String(err);
    }
    if (Date.now() > deadline) {
      const seen = options.describe ? await options.describe().catch((err: unknown) => `(could not describe: ${String(err)})`) : '';
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${seen ? `; last seen: ${seen}` : ''}${lastError ? `; last error: ${lastError}` : ''}`);
    }
    // One animation frame and a short pause: lets the workbench render between probes.
    await page.waitForTimeout(150);
  }
}

export interface LanguageStatus {
  /** The whole accessible label of the `{}` language status entry (item text and detail). */
  readonly label: string;
  readonly errors: number;
  readonly warnings: number;
  /** Document version the server last validated (from the item's detail). */
  readonly version: number;
}

/** The runbook language status item, as the status bar exposes it; undefined before the server reported. */
export async function languageStatus(page: Page): Promise<LanguageStatus | undefined> {
  const label = await page.locator('[id="status.languageStatus"]').getAttribute('aria-label', { timeout: 1_000 }).catch(() => null);
  if (!label) return undefined;
  const m = /(\d+) errors?, (\d+) warnings?; checked at .* \(version (\d+)\)/.exec(label);
  return m ? { label, errors: Number(m[1]), warnings: Number(m[2]), version: Number(m[3]) } : undefined;
}

/** Waits until the server has validated the active document at a version above `afterVersion`. */
export function validated(page: Page, afterVersion = 0, timeoutMs = 30_000): Promise<LanguageStatus> {
  return waitFor(page, `the runbook status item to report a validation newer than version ${afterVersion}`, async () => {
    const status = await languageStatus(page);
    return status && status.version > afterVersion ? status : undefined;
  }, { timeoutMs, describe: async () => JSON.stringify(await page.locator('[id="status.languageStatus"]').getAttribute('aria-label').catch(() => null)) });
}

/**
 * The line of the cursor in the visible text editor, from its highlighted line number. Unlike the
 * status bar entry it does not depend on which part has the focus (a click in a webview can take
 * the focus back after the host moved the cursor).
 */
export async function activeLineNumber(page: Page): Promise<number | undefined> {
  const text = await page.locator('.editor-instance .monaco-editor .line-numbers.active-line-number').first().textContent({ timeout: 1_000 }).catch(() => null);
  return text && /^\s*\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** The text of the status bar's cursor position entry, e.g. `Ln 64, Col 3`. */
export async function cursorPosition(page: Page): Promise<{ line: number; column: number } | undefined> {
  const text = await page.locator('[id="status.editor.selection"]').textContent({ timeout: 1_000 }).catch(() => null);
  const m = text ? /Ln (\d+), Col (\d+)/.exec(text) : null;
  return m ? { line: Number(m[1]), column: Number(m[2]) } : undefined;
}

export async function waitForWorkbench(page: Page, url: string): Promise<void> {
  await page.goto(url);
  // The first load compiles the workbench in the browser: slow on a 2-core machine.
  await page.locator('.monaco-workbench').waitFor({ timeout: 120_000 });
  await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 120_000 });
}

async function quickInput(page: Page, shortcut: string, text: string): Promise<void> {
  await page.keyboard.press(shortcut);
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(text);
}

/** Opens a workspace file by clicking it in the Explorer; waits for its tab and the runbook language mode. */
export async function openFile(page: Page, fileName: string): Promise<void> {
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: fileName }).first().click({ timeout: 15_000 });
  await page.locator('.tab.active', { hasText: fileName }).waitFor({ timeout: 30_000 });
  await page.locator('[id="status.editor.mode"]', { hasText: 'Migration Runbook' }).waitFor({ timeout: 30_000 });
}

/**
 * Puts the keyboard focus in the runbook's text editor (not the timeline beside it): a click in its
 * text, then on its tab if the status bar still shows no editor mode (a click that lands while the
 * webview holds the focus can be swallowed), until the status bar shows "Migration Runbook".
 */
export async function focusRunbookEditor(page: Page, fileName?: string): Promise<void> {
  const mode = page.locator('[id="status.editor.mode"]', { hasText: 'Migration Runbook' });
  for (let attempt = 0; attempt < 4; attempt++) {
    if (attempt % 2 === 0) await page.locator('.editor-instance .monaco-editor .view-lines').first().click();
    else await page.locator('.tab', { hasText: fileName ?? '.runbook.yaml' }).first().click();
    if (await mode.waitFor({ timeout: 5_000 }).then(() => true, () => false)) return;
  }
  throw new Error('the runbook editor did not take the focus (no "Migration Runbook" in the status bar)');
}

/** Command palette (F1): picks the first command whose label contains `title` (a command may go on in the same quick input). */
export async function chooseCommand(page: Page, title: string): Promise<void> {
  await quickInput(page, 'F1', `>${title}`);
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
}

/** Command palette (F1): runs the first command whose label contains `title`, and waits for the palette to close. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await chooseCommand(page, title);
  await page.locator('.quick-input-widget').waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Go to Line (Ctrl+G) in the active editor; 1-based line and column. */
export async function goToLine(page: Page, line: number, column = 1): Promise<void> {
  await quickInput(page, 'Control+G', `:${line}:${column}`); // the Go to Line prefix is ":"
  await page.keyboard.press('Enter');
  await waitFor(page, `the cursor at line ${line}, column ${column}`, async () => {
    const at = await cursorPosition(page);
    return at && at.line === line && at.column === column ? at : undefined;
  }, { timeoutMs: 10_000, describe: async () => JSON.stringify(await cursorPosition(page)) });
}

/** The rendered editor line (`.view-line`) whose text contains `needle` (it must be scrolled into view). */
export function viewLine(page: Page, needle: string | RegExp): Locator {
  return page.locator('.editor-instance .monaco-editor .view-line', { hasText: needle }).first();
}

/**
 * Inlay hints render as injected text inside the line: spans whose generated class is `dyn-rule-*`.
 * Returns the hint texts of the editor line that contains `needle`.
 */
export async function inlayHints(page: Page, needle: string | RegExp): Promise<string[]> {
  const spans = viewLine(page, needle).locator('span[class*="dyn-rule"]');
  const texts = await spans.allTextContents();
  return texts.map((t) => t.replace(/\u00a0/g, ' ').trim()).filter((t) => t.length > 0);
}

/** Visible code lens texts in the active editor. */
export async function codeLenses(page: Page): Promise<string[]> {
  const lenses = page.locator('.editor-instance .monaco-editor .codelens-decoration');
  const out: string[] = [];
  for (const lens of await lenses.all()) {
    if (await lens.isVisible()) out.push(((await lens.textContent()) ?? '').replace(/\u00a0/g, ' ').trim());
  }
  return out.filter((t) => t.length > 0);
}

/** A diagnostic as a row of the Problems panel shows it. */
export interface ProblemRow {
  readonly file: string;
  readonly severity: 'error' | 'warning' | 'info';
  readonly code: string;
  readonly line: number;
  readonly message: string;
}

/** Opens the Problems panel if it is not showing. */
export async function showProblems(page: Page): Promise<void> {
  if (await page.locator('.markers-panel').isVisible()) return;
  await page.keyboard.press('Control+Shift+M'); // View: Problems
  await page.locator('.markers-panel').waitFor({ timeout: 10_000 });
}

interface RawRow {
  readonly index: number;
  readonly fileHeader?: string;
  readonly severity?: string;
  readonly code?: string;
  readonly lineText?: string;
  readonly message?: string;
}

/**
 * Every row of the Problems panel. The list is virtual (only visible rows exist in the DOM), so it
 * scrolls from top to bottom with the mouse wheel and collects rows by their index.
 */
export async function readProblems(page: Page): Promise<{ rows: ProblemRow[]; empty: boolean; files: string[] }> {
  await showProblems(page);
  const panel = page.locator('.markers-panel');
  const message = page.locator('.markers-panel .message-box-container');
  const box = await panel.boundingBox();
  if (!box) throw new Error('the Problems panel has no size');
  // The mouse rests on the rows' indent column, where no hover tooltip opens to swallow the wheel.
  await page.mouse.move(box.x + 12, box.y + box.height * 0.6);
  const wheel = (deltaY: number): Promise<void> => page.mouse.wheel(0, deltaY);
  // Rows of the list itself, not the tree's sticky-scroll copies of the file header.
  const rowsLocator = panel.locator('.monaco-list-rows > .monaco-list-row');
  const nextFrame = (): Promise<unknown> => page.evaluate('new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)))');
  // Scroll to the top: until the first row (index 0) is rendered, or the list is empty.
  for (let i = 0; i < 100 && (await rowsLocator.count()) > 0 && (await panel.locator('.monaco-list-rows > .monaco-list-row[data-index="0"]').count()) === 0; i++) {
    await wheel(-400);
    await nextFrame();
  }
  const seen = new Map<number, RawRow>();
  let quietPasses = 0;
  for (let pass = 0; pass < 200 && quietPasses < 2; pass++) {
    const raw = await rowsLocator.evaluateAll((els) => els.map((el): RawRow => {
      const index = Number(el.getAttribute('data-index'));
      const label = el.getAttribute('aria-label') ?? '';
      const header = /problems? in file (.+) of folder/.exec(label);
      if (header) return { index, fileHeader: header[1] };
      const icon = el.querySelector('.marker-icon');
      if (!icon) return { index };
      return {
        index,
        severity: ['error', 'warning', 'info'].find((s) => icon.classList.contains(s)),
        code: el.querySelector('.marker-code')?.textContent ?? '',
        lineText: el.querySelector('.marker-line')?.textContent ?? '',
        message: el.querySelector('.marker-message')?.textContent ?? '',
      };
    }));
    const before = seen.size;
    for (const row of raw) seen.set(row.index, row);
    quietPasses = seen.size === before ? quietPasses + 1 : 0;
    await wheel(Math.max(60, box.height * 0.5));
    await nextFrame();
  }
  const rows: ProblemRow[] = [];
  const files: string[] = [];
  let file = '';
  for (const row of [...seen.values()].sort((a, b) => a.index - b.index)) {
    if (row.fileHeader !== undefined) {
      file = row.fileHeader;
      files.push(file);
    } else if (row.severity) {
      const m = /Ln (\d+)/.exec(row.lineText ?? '');
      rows.push({ file, severity: row.severity as ProblemRow['severity'], code: row.code ?? '', line: m ? Number(m[1]) : 0, message: row.message ?? '' });
    }
  }
  const empty = seen.size === 0 && (await message.isVisible().catch(() => false));
  return { rows, empty, files };
}

/** `RB201@41` for each error and warning of `file` (information rows left out), sorted and unique. */
export function errorsAndWarnings(rows: readonly ProblemRow[], file: string): string[] {
  return [...new Set(rows.filter((r) => r.file === file && r.severity !== 'info').map((r) => `${r.code}@${r.line}`))].sort();
}

/** The frame of a webview (VS Code nests the content in `iframe.webview` > `iframe#active-frame`) containing `selector`. */
export async function webviewFrameWith(page: Page, selector: string): Promise<Frame | undefined> {
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const found = await frame.locator(selector).count().catch(() => 0);
    if (found > 0) return frame;
  }
  return undefined;
}

/** How many times the active editor contains `text`, from the Find widget (Ctrl+F); closes it again. */
export async function countInEditor(page: Page, text: string): Promise<number> {
  await page.keyboard.press('Control+F');
  const input = page.locator('.editor-instance .find-widget textarea, .editor-instance .find-widget input').first();
  await input.waitFor({ timeout: 10_000 });
  await input.fill(text);
  const count = page.locator('.editor-instance .find-widget .matchesCount').first();
  const value = await waitFor(page, `the Find widget to count '${text}'`, async () => {
    const shown = (await count.textContent({ timeout: 1_000 }).catch(() => null))?.trim() ?? '';
    if (/^No results$/i.test(shown)) return 0;
    const m = /of (\d+)/.exec(shown);
    return m ? Number(m[1]) : undefined;
  }, { timeoutMs: 10_000, describe: async () => JSON.stringify(await count.textContent().catch(() => null)) });
  await page.keyboard.press('Escape');
  return value;
}
