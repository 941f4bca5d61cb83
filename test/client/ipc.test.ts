/**
 * The server as the VS Code client starts it (ctx.ts: `TransportKind.ipc`, i.e. a forked
 * `dist/server.js --node-ipc`), driven over Node IPC: it must validate a runbook, send
 * `runbook/validated`, and answer `runbook/schedule` with data the timeline commands can summarise.
 */
import assert from 'node:assert/strict';
import { fork } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { createProtocolConnection, IPCMessageReader, IPCMessageWriter } from 'vscode-languageserver-protocol/node';
import { formatLocalTime } from '../../shared/src/units/time';
import { formatStatus } from '../../client/src/statusText';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import { LANGUAGE_ID, scheduleRequest, validatedNotification, type ScheduleResult, type ValidatedParams } from '../../shared/src/protocol';
import { repoRoot } from '../packaging/repoRoot';
import { ensureBundle } from '../protocol/lspClient';

const root = repoRoot();
const serverModule = join(root, 'dist', 'server.js');
const WAIT_MS = 15_000;

function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${WAIT_MS} ms waiting for ${what}`)), WAIT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

test('dist/server.js over IPC: validated notification and schedule for the metro sample', async () => {
  ensureBundle(); // rebuilds dist/server.js when a source is newer
  assert.ok(existsSync(serverModule), `${serverModule} exists (run 'npm run build')`);
  const child = fork(serverModule, ['--node-ipc', `--clientProcessId=${process.pid}`], { silent: true });
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
  // VS Code answers workspace/configuration for section "runbook" with the nested settings object.
  connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => DEFAULT_SETTINGS));
  connection.onNotification('window/logMessage', () => undefined);
  const uri = pathToFileURL(join(root, 'samples', 'metro-stretched-vlan.runbook.yaml')).toString();
  const validated = new Promise<ValidatedParams>((resolve) => {
    connection.onNotification(validatedNotification, (p: ValidatedParams) => {
      if (p.uri === uri) resolve(p);
    });
  });
  connection.listen();
  try {
    await within(connection.sendRequest('initialize', {
      processId: process.pid, rootUri: null, workspaceFolders: null,
      capabilities: { workspace: { configuration: true } },
    }), 'initialize');
    await connection.sendNotification('initialized', {});
    const text = readFileSync(join(root, 'samples', 'metro-stretched-vlan.runbook.yaml'), 'utf8');
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: LANGUAGE_ID, version: 1, text } });

    const v = await within(validated, validatedNotification.method);
    assert.equal(v.version, 1);
    assert.ok(v.totalSeconds !== undefined && v.totalSeconds > 0, 'the plan has a total');
    assert.match(formatStatus(v, Date.now()).text, /^\$\((check|warning|error)\) plan \d/);

    const schedule = await within(connection.sendRequest(scheduleRequest, { uri }), scheduleRequest.method);
    assert.ok(schedule, 'the server knows the document');
    assert.deepEqual(schedule.waves.map((w) => w.name), ['Wave 1 - database', 'Wave 2 - application tier']);
    // Windows were written at -05:00: times are shown in that zone.
    const [first, second] = schedule.waves;
    assert.match(formatLocalTime(first.startEpochMs, first.utcOffsetMinutes), /^2026-12-05 22:\d\d -05:00$/);
    assert.match(formatLocalTime(second.startEpochMs, second.utcOffsetMinutes), /^2026-12-06 22:\d\d -05:00$/);
    assert.equal(first.line, text.split('\n').findIndex((l) => l.includes('Wave 1 - database')));

    assert.equal(await within(connection.sendRequest(scheduleRequest, { uri: 'file:///unknown.runbook.yaml' }), 'schedule of an unknown document'), null);
    await within(connection.sendRequest('shutdown'), 'shutdown');
    await connection.sendNotification('exit');
  } catch (err) {
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nserver stderr:\n${stderr.join('')}`);
  } finally {
    connection.dispose();
    if (child.exitCode === null) child.kill();
  }
});
