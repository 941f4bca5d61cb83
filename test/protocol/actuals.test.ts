/**
 * The plan's actuals file reaches the server as a user meets it: the runbook opens, the server reads
 * night.actuals.yaml beside it and re-forecasts (RB420); the file changes on disk, the client reports
 * it (workspace/didChangeWatchedFiles), and the forecast follows; a bad entry is RB421.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { REPO_ROOT, TestClient } from './lspClient';

const codes = (diagnostics: readonly Diagnostic[]): string[] => diagnostics.map((d) => `${String(d.code)}:${d.severity}`);

test('the server reads the actuals beside a runbook, re-forecasts, and follows changes of the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-actuals-'));
  const client = TestClient.start();
  try {
    copyFileSync(join(REPO_ROOT, 'samples/night/night.actuals.yaml'), join(dir, 'night.actuals.yaml'));
    const runbookPath = join(dir, 'night.runbook.yaml');
    const text = readFileSync(join(REPO_ROOT, 'samples/night/night.runbook.yaml'), 'utf8');
    writeFileSync(runbookPath, text);
    const uri = pathToFileURL(runbookPath).href;
    await client.initialize({});
    await client.open(uri, text);
    // RB420 on both waves: the pilot is done (information), wave 2 overruns (warning: by the real clock, long past).
    const first = await client.waitForPublishedWhere('RB420 on wave-2', (p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'RB420' && d.severity === 2));
    const wave2 = first.diagnostics.find((d) => d.code === 'RB420' && d.severity === 2);
    assert.ok(wave2);
    assert.match(String(wave2.message), /^Wave 'wave-2': forecast end .* overruns the window/);
    assert.equal(text.split('\n')[wave2.range.start.line].trim(), '- name: wave-2');

    // Only the pilot recorded (and one bad line): wave 2 has no forecast, RB421 names the line.
    writeFileSync(join(dir, 'night.actuals.yaml'), 'actuals: 1\nmigrations:\n  - { vm: pilot-01, start: 2026-12-01T22:10:12-06:00, end: 2026-12-01T22:16:40-06:00, status: succeeded }\n  - { vm: pilot-02, start: 22:16 }\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'night.actuals.yaml')).href, type: 2 }] });
    const second = await client.waitForPublishedWhere('RB421 after the change', (p) => p.uri === uri && p.diagnostics.some((d) => d.code === 'RB421'));
    // The pilot's second move is unreadable, so by the real clock the pilot is still running, late.
    const lines = second.diagnostics.filter((d) => d.code === 'RB420').map((d) => text.split('\n')[d.range.start.line].trim());
    assert.deepEqual(lines, ['- name: pilot'], codes(second.diagnostics).join(' '));
    assert.match(String(second.diagnostics.find((d) => d.code === 'RB421')?.message ?? ''), /night\.actuals\.yaml:4: Migration of 'pilot-02': start: '22:16' is not a time with its offset/);

    // The file removed: no forecast at all.
    rmSync(join(dir, 'night.actuals.yaml'));
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, 'night.actuals.yaml')).href, type: 3 }] });
    const third = await client.waitForPublishedWhere('no RB42x after the removal', (p) => p.uri === uri && !p.diagnostics.some((d) => String(d.code).startsWith('RB42')));
    assert.ok(third);
  } finally {
    await client.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
