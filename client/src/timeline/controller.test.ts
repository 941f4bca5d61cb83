import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { HostMessage, UpdateMessage } from '../../../shared/src/messages';
import type { WhatIfOverrides, WhatIfResult } from '../../../shared/src/protocol';
import { PLAN, PLAN_URI, whatIfOf } from '../../../test/webview/fixtures';
import { REFRESH_DELAY_MS, TimelineController, vmAtCursor, type TimelineHost } from './controller';
import { contentSecurityPolicy, timelineHtml } from './html';

const OTHER = 'file:///work/other.runbook.yaml';

interface FakeHost extends TimelineHost {
  posted: HostMessage[];
  titles: string[];
  reveals: [string, number][];
  timers: { callback: () => void; delayMs: number; cancelled: boolean }[];
  requests: { uri: string; overrides: WhatIfOverrides; resolve(r: WhatIfResult | null): void }[];
  applied: unknown[];
}

function fakeHost(): FakeHost {
  const host: FakeHost = {
    posted: [],
    titles: [],
    reveals: [],
    timers: [],
    requests: [],
    applied: [],
    whatIf: (uri, overrides) => new Promise((resolve) => host.requests.push({ uri, overrides, resolve })),
    apply: async (uri, version, overrides) => {
      host.applied.push({ uri, version, overrides });
      return { ok: true, message: 'Applied' };
    },
    reveal: (uri, line) => host.reveals.push([uri, line]),
    exportTimeline: () => undefined,
    post: (m) => host.posted.push(m),
    setTitle: (t) => host.titles.push(t),
    fileName: (uri) => uri.split('/').pop() ?? uri,
    schedule: (callback, delayMs) => {
      const timer = { callback, delayMs, cancelled: false };
      host.timers.push(timer);
      return { cancel: () => (timer.cancelled = true) };
    },
  };
  return host;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));
const updates = (h: FakeHost) => h.posted.filter((m): m is UpdateMessage => m.type === 'update');

test('nothing is posted before the page is ready; ready brings the first plan', async () => {
  const host = fakeHost();
  const c = new TimelineController(host, { uri: PLAN_URI });
  c.show(PLAN_URI);
  assert.equal(host.requests.length, 0);
  await c.onPageMessage({ type: 'ready' });
  assert.equal(host.requests.length, 1);
  host.requests[0].resolve(whatIfOf(PLAN, 3));
  await flush();
  const [u] = updates(host);
  assert.equal(u.version, 3);
  assert.equal(u.uri, PLAN_URI);
  assert.equal(u.fileName, 'plan.runbook.yaml');
  assert.equal(host.titles.at(-1), 'Timeline: plan.runbook.yaml');
});

test('after a reload the page names its runbook, lock and overrides', async () => {
  const host = fakeHost();
  const c = new TimelineController(host, {});
  const overrides = { waves: [{ waveIndex: 0, concurrency: 3 }] };
  await c.onPageMessage({ type: 'ready', state: { uri: PLAN_URI, locked: true, scrollLeft: 0, scrollTop: 0, view: 'chart', overrides } });
  assert.equal(c.uri, PLAN_URI);
  assert.deepEqual(host.requests[0].overrides, overrides);
});

test('edits refresh once per 300 ms burst, only for the runbook shown', async () => {
  const host = fakeHost();
  const c = new TimelineController(host, { uri: PLAN_URI });
  await c.onPageMessage({ type: 'ready' });
  c.onDocumentChanged(OTHER);
  assert.equal(host.timers.length, 0);
  c.onDocumentChanged(PLAN_URI);
  c.onDocumentChanged(PLAN_URI);
  c.onDocumentChanged(PLAN_URI);
  assert.equal(host.timers.length, 1);
  assert.equal(host.timers[0].delayMs, REFRESH_DELAY_MS);
  host.timers[0].callback();
  assert.equal(host.requests.length, 2);
  c.onDocumentChanged(PLAN_URI);
  assert.equal(host.timers.length, 2, 'a new burst schedules a new refresh');
  c.dispose();
  assert.equal(host.timers[1].cancelled, true);
});

test('follows the active runbook unless locked', async () => {
  const host = fakeHost();
  const c = new TimelineController(host, { uri: PLAN_URI });
  await c.onPageMessage({ type: 'ready' });
  c.onActiveRunbook(OTHER);
  assert.equal(c.uri, OTHER);
  await c.onPageMessage({ type: 'setLock', locked: true });
  assert.equal(host.titles.at(-1), '[Locked] Timeline: other.runbook.yaml');
  c.onActiveRunbook(PLAN_URI);
  assert.equal(c.uri, OTHER);
});

test('an answer for a runbook the panel left, or for superseded overrides, is not posted', async () => {
  const host = fakeHost();
  const c = new TimelineController(host, { uri: PLAN_URI });
  await c.onPageMessage({ type: 'ready' });
  c.show(OTHER);
  host.requests[0].resolve(whatIfOf(PLAN, 1));
  await flush();
  assert.equal(updates(host).length, 0, 'the first runbook answered after the panel moved on');
  host.requests[1].resolve(whatIfOf(PLAN, 1, {}, OTHER));
  await flush();
  assert.equal(updates(host).length, 1);
  // Two what-if requests in flight: the answer to the first is dropped.
  await c.onPageMessage({ type: 'whatIf', uri: OTHER, version: 1, requestId: 1, overrides: { waves: [{ waveIndex: 0, concurrency: 2 }] } });
  await c.onPageMessage({ type: 'whatIf', uri: OTHER, version: 1, requestId: 2, overrides: { waves: [{ waveIndex: 0, concurrency: 3 }] } });
  host.requests[2].resolve(whatIfOf(PLAN, 1, {}, OTHER));
  host.requests[3].resolve(whatIfOf(PLAN, 1, {}, OTHER));
  await flush();
  assert.deepEqual(updates(host).map((u) => u.requestId), [0, 2]);
});

test('page messages: reveal, apply, malformed ones ignored', async () => {
  const host = fakeHost();
  const c = new TimelineController(host, { uri: PLAN_URI });
  await c.onPageMessage({ type: 'ready' });
  await c.onPageMessage({ type: 'reveal', uri: PLAN_URI, version: 1, vmId: 'db01', line: 14 });
  await c.onPageMessage({ type: 'reveal', uri: OTHER, version: 1, vmId: 'db01', line: 14 });
  await c.onPageMessage({ type: 'reveal', uri: PLAN_URI, version: 1, vmId: 'db01', line: -1 });
  await c.onPageMessage({ type: 'reveal', uri: PLAN_URI });
  await c.onPageMessage('<script>');
  assert.deepEqual(host.reveals, [[PLAN_URI, 14]]);
  await c.onPageMessage({ type: 'apply', uri: PLAN_URI, version: 4, overrides: { waves: [{ waveIndex: 0, concurrency: 3 }] } });
  assert.deepEqual(host.applied, [{ uri: PLAN_URI, version: 4, overrides: { waves: [{ waveIndex: 0, concurrency: 3 }] } }]);
  assert.deepEqual(host.posted.at(-1), { type: 'status', kind: 'applied', message: 'Applied' });
});

test('the cursor highlights the VM whose entry holds it, once per change', async () => {
  const host = fakeHost();
  const c = new TimelineController(host, { uri: PLAN_URI });
  await c.onPageMessage({ type: 'ready' });
  host.requests[0].resolve(whatIfOf(PLAN, 2));
  await flush();
  const lines = PLAN.split('\n');
  const appLine = lines.findIndex((l) => l.startsWith('  app01:'));
  c.onCursor(PLAN_URI, appLine, undefined);
  c.onCursor(PLAN_URI, appLine, 'app01');
  const cursors = host.posted.filter((m) => m.type === 'cursor');
  assert.deepEqual(cursors, [{ type: 'cursor', uri: PLAN_URI, version: 2, vmId: 'app01' }]);
  const schedule = whatIfOf(PLAN).schedule;
  const waveLine = lines.findIndex((l) => l.includes('- name: Orders'));
  assert.equal(vmAtCursor(schedule, waveLine + 4, 'web01'), 'web01', 'an id in a wave list');
  assert.equal(vmAtCursor(schedule, waveLine + 1, 'link'), undefined, 'inside a wave, not a VM');
  assert.equal(vmAtCursor(schedule, 0, 'runbook'), undefined);
});

test('page HTML: a fresh nonce per render, strict CSP, no inline handlers', () => {
  const resources = { cspSource: 'https://x.vscode-cdn.net', scriptUri: 'https://x/dist/webview.js', styleUri: 'https://x/dist/webview.css' };
  const a = timelineHtml(resources);
  const b = timelineHtml(resources);
  const nonce = (html: string) => /script-src 'nonce-([^']+)'/.exec(html)?.[1];
  assert.ok(nonce(a) && nonce(b) && nonce(a) !== nonce(b));
  assert.ok(a.includes(`<script nonce="${nonce(a)}" src="https://x/dist/webview.js">`));
  assert.equal(contentSecurityPolicy('SRC', 'N'), "default-src 'none'; script-src 'nonce-N'; style-src SRC; img-src SRC data:; font-src SRC");
  assert.doesNotMatch(a, /\son[a-z]+=/i);
  assert.doesNotMatch(a, /<style|style=/);
});
