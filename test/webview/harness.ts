/**
 * Loads the built timeline page (dist/webview.js + .css) in headless Chromium as VS Code would: the
 * real page HTML with its nonce CSP (client/src/timeline/html.ts), served from a fake origin, with a
 * stub `acquireVsCodeApi` that records postMessage and keeps getState/setState, and a theme's
 * `--vscode-*` variables and body class. Skips (returns undefined) when Chromium or the build is missing.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { timelineHtml } from '../../client/src/timeline/html';
import type { HostMessage, PageMessage, TimelineViewState } from '../../shared/src/messages';
import { repoRoot } from '../packaging/repoRoot';
import { bodyClass, THEMES, type ThemeKind } from './themes';

// Code inside page.evaluate/addInitScript runs in Chromium, where these exist; this project has no lib DOM.
declare const window: Record<string, unknown> & { dispatchEvent(event: unknown): boolean };
declare const document: {
  documentElement: { style: { setProperty(name: string, value: string): void } };
  body: { classList: { add(name: string): void } };
  addEventListener(type: string, listener: () => void): void;
};
declare function requestAnimationFrame(callback: () => void): number;

export const CHROMIUM = '/usr/bin/chromium';
export const ORIGIN = 'https://timeline.test';
const root = repoRoot();

/** Why the Chromium tests cannot run here, or undefined when they can. */
export function skipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed (apt-get install chromium)`;
  if (!existsSync(join(root, 'dist/webview.js'))) return 'dist/webview.js is missing (npm run build)';
  try {
    require.resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed (npm install)';
  }
  return undefined;
}

export async function launchChromium(): Promise<Browser> {
  // require, not import(): out-of-tree builds resolve packages through NODE_PATH, which ESM ignores.
  const { chromium } = require('playwright-core') as typeof import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/**
 * Polls a page expression until it is truthy. (page.waitForFunction compiles strings inside the
 * page, which the page's CSP rightly forbids; evaluate goes through the devtools protocol.)
 */
export async function until(page: Page, expression: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await page.evaluate(expression))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${expression}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Switches the theme of an open page as VS Code does: new variables on <html>, the kind's body class. */
export async function setTheme(page: Page, theme: ThemeKind): Promise<void> {
  await page.evaluate(({ vars, cls }) => {
    for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
    const list = (document.body as unknown as { className: string });
    list.className = cls;
  }, { vars: THEMES[theme], cls: bodyClass(theme) });
}

export interface TimelinePage {
  readonly page: Page;
  /** Messages the page posted to the host, in order. */
  posted(): Promise<PageMessage[]>;
  /** The state the page last saved with setState. */
  state(): Promise<TimelineViewState | undefined>;
  /** Sends a host message and waits for the page to have handled it (it is synchronous) and painted. */
  post(message: HostMessage): Promise<void>;
  /** Dialogs (alert, confirm) the page opened: must stay 0. */
  dialogs(): number;
  /** Requests the page made to anything but the page's own files. */
  foreignRequests(): string[];
}

export interface OpenOptions {
  readonly theme?: ThemeKind;
  readonly width?: number;
  readonly height?: number;
  /** State as VS Code would hand it back (getState) after a reload. */
  readonly savedState?: TimelineViewState;
}

export async function openTimeline(browser: Browser, options: OpenOptions = {}): Promise<TimelinePage> {
  const theme = options.theme ?? 'dark';
  const context = await browser.newContext({ viewport: { width: options.width ?? 1200, height: options.height ?? 700 } });
  const page = await context.newPage();
  let dialogs = 0;
  const foreign: string[] = [];
  page.on('dialog', (d) => {
    dialogs++;
    void d.dismiss();
  });
  const files: Record<string, { body: string; type: string }> = {
    '/index.html': { body: timelineHtml({ cspSource: ORIGIN, scriptUri: `${ORIGIN}/dist/webview.js`, styleUri: `${ORIGIN}/dist/webview.css` }), type: 'text/html' },
    '/dist/webview.js': { body: readFileSync(join(root, 'dist/webview.js'), 'utf8'), type: 'text/javascript' },
    '/dist/webview.css': { body: readFileSync(join(root, 'dist/webview.css'), 'utf8'), type: 'text/css' },
  };
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    const file = url.origin === ORIGIN ? files[url.pathname] : undefined;
    if (!file) {
      foreign.push(route.request().url());
      return route.abort();
    }
    return route.fulfill({ status: 200, contentType: file.type, body: file.body });
  });
  await page.addInitScript(({ vars, cls, saved }) => {
    const w = window;
    w.__posted = [];
    w.__state = saved;
    w.acquireVsCodeApi = () => ({
      postMessage: (m: unknown) => (w.__posted as unknown[]).push(JSON.parse(JSON.stringify(m))),
      getState: () => w.__state,
      setState: (s: unknown) => {
        w.__state = JSON.parse(JSON.stringify(s));
      },
    });
    // VS Code puts the theme's variables on <html> and the kind's class on <body> (neither exists yet).
    document.addEventListener('DOMContentLoaded', () => {
      for (const [k, v] of Object.entries(vars)) document.documentElement.style.setProperty(`--vscode-${k}`, v);
      document.body.classList.add(cls);
    });
  }, { vars: THEMES[theme], cls: bodyClass(theme), saved: options.savedState });
  await page.goto(`${ORIGIN}/index.html`);
  await until(page, 'window.__posted.some((m) => m.type === "ready")');
  return {
    page,
    posted: () => page.evaluate('window.__posted') as Promise<PageMessage[]>,
    state: () => page.evaluate('window.__state') as Promise<TimelineViewState | undefined>,
    async post(message) {
      await page.evaluate((m) => {
        window.dispatchEvent(new MessageEvent('message', { data: m }));
        return new Promise((resolve) => requestAnimationFrame(() => resolve(undefined)));
      }, message);
    },
    dialogs: () => dialogs,
    foreignRequests: () => foreign,
  };
}
