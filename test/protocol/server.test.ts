/**
 * The bundled language server over stdio, driven as a real client would: one server process per
 * describe block, waits on `runbook/validated` / `publishDiagnostics`, never on sleeps.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClientCapabilities, CodeLens, Diagnostic, DocumentDiagnosticReport, Hover, InitializeResult, InlayHint, MarkupContent } from 'vscode-languageserver-protocol';
import { scheduleRequest, type ScheduleResult } from '../../shared/src/protocol';
import { REPO_ROOT, TestClient, withCursor } from './lspClient';

const BROKEN = `runbook: 1
name: Probe
sites:
  ewr: { vsphere: "7.0", license: enterprise-plus }
  phl: { vsphere: "7.0" }
links:
  l1: { from: ewr, to: phl, bandwidth: 10 Gbps, rtt: 5 ms }
vms:
  web01:
    memory: 8 GiBB
    disk: 40 GiB
waves:
  - name: Wave 1
    link: l1
    window: { start: "2026-12-05T22:00:00-05:00", duration: 6h }
    vms: [web01]
`;
const MEMORY_LINE = 9; // `    memory: 8 GiBB`

const PULL_CAPABILITIES: ClientCapabilities = {
  textDocument: {
    diagnostic: { dynamicRegistration: false },
    hover: { contentFormat: ['markdown', 'plaintext'] },
    inlayHint: {},
    codeLens: {},
    synchronization: { didSave: false },
  },
  workspace: { configuration: true, diagnostics: { refreshSupport: true } },
};

function messageOf(diagnostic: Diagnostic): string {
  return typeof diagnostic.message === 'string' ? diagnostic.message : diagnostic.message.value;
}

/** The hover's Markdown with backslash escapes removed, to match against plain words. */
function text(hover: Hover | null): string {
  assert.ok(hover, 'expected a hover');
  return (hover.contents as MarkupContent).value.replace(/\\(.)/g, '$1');
}

describe('language server over stdio: pull diagnostics', () => {
  let client: TestClient;
  let init: InitializeResult;
  const uri = 'file:///tmp/pull/probe.runbook.yaml';

  before(async () => {
    client = TestClient.start();
    init = await client.initialize(PULL_CAPABILITIES);
  });
  after(() => client.kill());

  it('declares its capabilities', () => {
    const caps = init.capabilities;
    assert.equal(caps.textDocumentSync, 2, 'incremental sync');
    assert.ok(caps.diagnosticProvider, 'pull diagnostics');
    assert.equal(caps.hoverProvider, true);
    assert.ok(caps.inlayHintProvider);
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
  });

  it('validates on open and reports through runbook/validated, then serves the pull with exact ranges', async () => {
    await client.open(uri, BROKEN, 1);
    const validated = await client.waitForValidated(uri, 1);
    assert.ok(validated.errors >= 1, `errors ${validated.errors}`);
    assert.ok(validated.durationMs >= 0);
    const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    assert.equal(report.kind, 'full');
    const items = (report as { items: Diagnostic[] }).items;
    const quantity = items.find((d) => d.code === 'RB010');
    assert.ok(quantity, JSON.stringify(items));
    assert.deepEqual(quantity.range, { start: { line: MEMORY_LINE, character: 14 }, end: { line: MEMORY_LINE, character: 18 } });
    assert.equal(quantity.severity, 1);
    assert.equal(quantity.source, 'runbook');
    assert.match(messageOf(quantity), /GiBB/);
    assert.deepEqual(quantity.data, { fix: 'replace-value', replacement: '8 GiB' });
    assert.equal(items.filter((d) => d.severity === 1).length, validated.errors, 'validated counts match the diagnostics');
    // Same version and settings: the client's previous result stands.
    const again = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', {
      textDocument: { uri }, previousResultId: (report as { resultId?: string }).resultId,
    });
    assert.equal(again.kind, 'unchanged');
  });

  it('hovers a site with its vSphere limits, and a plain key with its schema description', async () => {
    const site = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
    assert.match(text(site), /Max vMotion RTT/);
    assert.match(text(site), /150 ms/);
    const key = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 1, character: 1 } });
    assert.match(text(key), /Name of the plan/);
  });

  it('answers positions past the end of the document without failing', async () => {
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 9999, character: 9999 } });
    assert.ok(hover === null || typeof hover === 'object');
    const hints = await client.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 99_999, character: 0 } },
    });
    assert.ok(Array.isArray(hints));
  });

  it('serves inlay hints and code lenses for the waves it could schedule', async () => {
    const hints = await client.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 20, character: 0 } },
    });
    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri } });
    const schedule = await client.connection.sendRequest(scheduleRequest, { uri });
    assert.ok(schedule);
    // One fit lens and one "Show timeline" lens per scheduled wave, on the wave's first line.
    assert.equal(lenses.length, schedule.waves.length * 2);
    for (const lens of lenses.filter((l) => l.command?.command === 'runbook.showTimeline')) assert.deepEqual(lens.command?.arguments, [uri]);
    for (const hint of hints) assert.match(String(hint.label), /^≈ /);
  });

  it('answers runbook/schedule for an open runbook, null for an unknown one, an error for bad params', async () => {
    const schedule = await client.connection.sendRequest(scheduleRequest, { uri });
    assert.ok(schedule);
    assert.equal(schedule.uri, uri);
    assert.equal(schedule.version, 1);
    assert.equal(schedule.errors, 1);
    assert.equal(await client.connection.sendRequest(scheduleRequest, { uri: 'file:///nowhere.runbook.yaml' }), null);
    await assert.rejects(client.connection.sendRequest(scheduleRequest.method, { nope: 1 }), /needs \{ uri: string \}/);
  });

  it('re-validates after an incremental change, with the new version', async () => {
    await client.connection.sendNotification('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: MEMORY_LINE, character: 14 }, end: { line: MEMORY_LINE, character: 18 } }, text: 'GiB' }],
    });
    const validated = await client.waitForValidated(uri, 2);
    const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    const items = (report as { items: Diagnostic[] }).items;
    assert.equal(items.find((d) => d.code === 'RB010'), undefined, JSON.stringify(items));
    assert.equal(items.filter((d) => d.severity === 1).length, validated.errors);
  });

  it('serves estimates for the metro sample: VM hover, inlay hints after key and wave-name lines, wave code lenses', async () => {
    const sampleUri = 'file:///tmp/pull/metro.runbook.yaml';
    const sample = readFileSync(join(REPO_ROOT, 'samples', 'metro-stretched-vlan.runbook.yaml'), 'utf8');
    const lines = sample.split(/\r?\n/);
    const lineOf = (prefix: string): number => lines.findIndex((l) => l.startsWith(prefix));
    await client.open(sampleUri, sample, 1);
    const validated = await client.waitForValidated(sampleUri, 1);
    assert.equal(typeof validated.totalSeconds, 'number');
    assert.equal(typeof validated.fits, 'boolean');

    const dbLine = lineOf('  db01:');
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: { line: dbLine, character: 3 } });
    const value = text(hover);
    for (const re of [/VM `db01`/, /orders-postgres/, /Switchover \(stun\)/, /Memory pre-copy/, /Throughput per stream/, /How it is computed/]) assert.match(value, re);
    assert.deepEqual(hover?.range, { start: { line: dbLine, character: 2 }, end: { line: dbLine, character: 6 } });

    const linkHover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri: sampleUri }, position: { line: lineOf('  ewr-phl:'), character: 4 } });
    assert.match(text(linkHover), /Per stream \| tcp \| wan-optimized/);
    assert.match(text(linkHover), /derived/);

    const hints = await client.connection.sendRequest<InlayHint[]>('textDocument/inlayHint', {
      textDocument: { uri: sampleUri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } },
    });
    const dbHint = hints.find((h) => h.position.line === dbLine);
    assert.deepEqual(dbHint?.position, { line: dbLine, character: '  db01:'.length });
    assert.match(String(dbHint?.label), /^≈ .+ · stun .+$/);
    const waveLine = lineOf('  - name: Wave 1');
    const waveHint = hints.find((h) => h.position.line === waveLine);
    assert.equal(waveHint?.position.character, lines[waveLine].length);
    assert.match(String(waveHint?.label), /^≈ .+ of 6 h/);
    const stepHints = hints.filter((h) => String(h.label).startsWith('starts '));
    assert.equal(hints.length - stepHints.length, 4 + 2, 'four VMs, two waves');
    assert.equal(stepHints.length, 6, 'the wave-own steps of the sample (default steps have no hint)');

    const lenses = await client.connection.sendRequest<CodeLens[]>('textDocument/codeLens', { textDocument: { uri: sampleUri } });
    assert.deepEqual(lenses.map((l) => l.range.start.line), [waveLine, waveLine, lineOf('  - name: Wave 2'), lineOf('  - name: Wave 2')]);
    assert.deepEqual(lenses[1].command, { title: 'Show timeline', command: 'runbook.showTimeline', arguments: [sampleUri] });

    const schedule = await client.connection.sendRequest(scheduleRequest, { uri: sampleUri });
    assert.equal(schedule?.waves.length, 2);
    assert.equal(schedule?.vms.find((v) => v.id === 'db01')?.line, dbLine);
    assert.equal(schedule?.totalSeconds, validated.totalSeconds);
  });

  it('ends with exit code 0 after shutdown and exit', async () => {
    assert.equal(await client.stop(), 0);
  });
});

describe('language server over stdio: push diagnostics', () => {
  let client: TestClient;
  const uri = 'file:///tmp/push/probe.runbook.yaml';

  before(async () => {
    client = TestClient.start();
    const init = await client.initialize({ textDocument: { hover: { contentFormat: ['markdown'] } } });
    assert.equal(init.capabilities.diagnosticProvider, undefined, 'no pull support declared, so no pull provider');
  });
  after(() => client.kill());

  it('publishes diagnostics with the document version', async () => {
    await client.open(uri, BROKEN, 7);
    const published = await client.waitForPublished(uri, 7);
    const quantity = published.diagnostics.find((d) => d.code === 'RB010');
    assert.ok(quantity);
    assert.equal(quantity.range.start.line, MEMORY_LINE);
  });

  it('publishes again after edits, for the last version only', async () => {
    // Two quick edits: the debounce folds them into one validation of version 9.
    const sentAt: number[] = [];
    for (const [version, replacement] of [[8, 'GiBX'], [9, 'GiB']] as const) {
      await client.connection.sendNotification('textDocument/didChange', {
        textDocument: { uri, version },
        contentChanges: [{ range: { start: { line: MEMORY_LINE, character: 14 }, end: { line: MEMORY_LINE, character: 18 } }, text: replacement }],
      });
      sentAt.push(performance.now());
    }
    const published = await client.waitForPublished(uri, 9);
    assert.equal(published.diagnostics.find((d) => d.code === 'RB010'), undefined);
    // Only meaningful when the two edits really were sent well inside the 150 ms quiet time: on a
    // machine so loaded that this process stalled between them, validating version 8 is correct.
    if (sentAt[1] - sentAt[0] < 50) assert.equal(client.published.find((p) => p.uri === uri && p.version === 8), undefined, 'version 8 was never validated');
    const last = client.published.filter((p) => p.uri === uri).at(-1);
    assert.equal(last?.version, 9, 'the last published diagnostics are those of the last version');
  });

  it('hovers with a cursor marker', async () => {
    const marked = withCursor(BROKEN.replace('  phl: {', '  p|hl: {'));
    await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: 10 }, contentChanges: [{ text: marked.text }] });
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: marked.position });
    assert.match(text(hover), /Site `phl`/);
    assert.match(text(hover), /not given; assuming enterprise-plus/);
  });

  it('clears diagnostics when the document closes', async () => {
    const before = client.published.length;
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await client.waitForPublishedCount(before + 1);
    assert.deepEqual(client.published[client.published.length - 1], { uri, diagnostics: [] });
    assert.equal(await client.stop(), 0);
  });
});

describe('language server over stdio: settings', () => {
  let client: TestClient;
  const uri = 'file:///tmp/settings/big.runbook.yaml';

  before(async () => {
    client = TestClient.start({ maxDocumentBytes: 100, hints: { vmEstimate: 'yes' } });
    await client.initialize(PULL_CAPABILITIES);
  });
  after(() => client.kill());

  it('reports a document above runbook.maxDocumentBytes with one RB000 diagnostic instead of analysing it', async () => {
    await client.open(uri, BROKEN, 1);
    const validated = await client.waitForValidated(uri, 1);
    assert.equal(validated.errors, 0);
    assert.equal(validated.warnings, 1);
    const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    const items = (report as { items: Diagnostic[] }).items;
    assert.equal(items.length, 1);
    assert.equal(items[0].code, 'RB000');
    assert.match(messageOf(items[0]), /runbook\.maxDocumentBytes/);
    assert.match(messageOf(items[0]), new RegExp(`${Buffer.byteLength(BROKEN)} bytes`));
    const hover = await client.connection.sendRequest<Hover | null>('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 3 } });
    assert.equal(hover, null);
  });

  it('re-reads the settings on didChangeConfiguration, analyses again and asks the client to refresh', async () => {
    client.configuration = { maxDocumentBytes: 1_000_000 };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: null });
    await client.waitForRequest('workspace/diagnostic/refresh');
    const validated = await client.waitForValidatedWhere('a full analysis of version 1', (v) => v.uri === uri && v.version === 1 && v.errors > 0);
    const report = await client.connection.sendRequest<DocumentDiagnosticReport>('textDocument/diagnostic', { textDocument: { uri } });
    const items = (report as { items: Diagnostic[] }).items;
    assert.ok(items.some((d) => d.code === 'RB010'));
    assert.equal(items.some((d) => d.code === 'RB000'), false);
    assert.equal(items.filter((d) => d.severity === 1).length, validated.errors);
    assert.equal(await client.stop(), 0);
  });
});
