/**
 * A real LSP client for protocol tests: spawns the bundled server (`node dist/server.js --stdio`)
 * and talks JSON-RPC over its stdio. Waits are on messages (`runbook/validated`,
 * `publishDiagnostics`), never on timers; every wait fails after a generous timeout instead of hanging.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter,
  type ClientCapabilities, type InitializeResult, type ProtocolConnection, type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { validatedNotification, type ValidatedParams } from '../../shared/src/protocol';

/** The repository root: run-tests.mjs runs from there. */
export const REPO_ROOT = process.cwd();
export const SERVER_BUNDLE = join(REPO_ROOT, 'dist', 'server.js');

function newestMtimeMs(dir: string): number {
  if (!existsSync(dir)) return 0;
  let newest = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const stat = statSync(path);
    newest = Math.max(newest, stat.isDirectory() ? newestMtimeMs(path) : stat.mtimeMs);
  }
  return newest;
}

/** Rebuilds dist/server.js when any server, shared or schema source is newer than it. */
export function ensureBundle(): void {
  const sources = Math.max(...['server/src', 'shared/src', 'schemas'].map((d) => newestMtimeMs(join(REPO_ROOT, d))));
  if (existsSync(SERVER_BUNDLE) && statSync(SERVER_BUNDLE).mtimeMs >= sources) return;
  const result = spawnSync(process.execPath, ['scripts/bundle.mjs'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`bundling failed: ${result.stderr}`);
}

const WAIT_MS = 10_000;

export class TestClient {
  readonly connection: ProtocolConnection;
  readonly validated: ValidatedParams[] = [];
  readonly published: PublishDiagnosticsParams[] = [];
  readonly stderr: string[] = [];
  private readonly waiters: (() => void)[] = [];
  readonly exited: Promise<number | null>;

  /** Requests the server made of the client, by method (e.g. `workspace/diagnostic/refresh`). */
  readonly requests: string[] = [];

  private constructor(readonly process: ChildProcess, public configuration?: unknown) {
    this.exited = new Promise((resolve) => process.on('exit', (code) => resolve(code)));
    process.stderr?.on('data', (chunk: Buffer) => this.stderr.push(chunk.toString()));
    this.connection = createProtocolConnection(new StreamMessageReader(process.stdout!), new StreamMessageWriter(process.stdin!));
    this.connection.onNotification(validatedNotification, (params: ValidatedParams) => {
      this.validated.push(params);
      this.wake();
    });
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishDiagnosticsParams) => {
      this.published.push(params);
      this.wake();
    });
    this.connection.onNotification('window/logMessage', () => undefined);
    this.connection.onRequest('workspace/configuration', (params: { items: unknown[] }) => params.items.map(() => this.configuration ?? null));
    for (const method of ['client/registerCapability', 'workspace/diagnostic/refresh', 'workspace/inlayHint/refresh', 'workspace/codeLens/refresh']) {
      this.connection.onRequest(method, () => {
        this.requests.push(method);
        this.wake();
        return null;
      });
    }
    this.connection.listen();
  }

  static start(configuration?: unknown): TestClient {
    ensureBundle();
    const child = spawn(process.execPath, [SERVER_BUNDLE, '--stdio'], { cwd: REPO_ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
    return new TestClient(child, configuration);
  }

  async initialize(capabilities: ClientCapabilities): Promise<InitializeResult> {
    const result = await this.connection.sendRequest<InitializeResult>('initialize', {
      processId: process.pid, rootUri: null, capabilities, workspaceFolders: null,
    });
    await this.connection.sendNotification('initialized', {});
    return result;
  }

  private wake(): void {
    for (const waiter of this.waiters.splice(0)) waiter();
  }

  /** Resolves with the first message (seen so far or arriving later) that `find` accepts. */
  private async waitFor<T>(what: string, find: () => T | undefined): Promise<T> {
    const deadline = Date.now() + WAIT_MS;
    for (;;) {
      const found = find();
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; stderr: ${this.stderr.join('')}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, deadline - Date.now() + 1);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  waitForValidated(uri: string, version: number): Promise<ValidatedParams> {
    return this.waitFor(`runbook/validated ${uri} v${version}`, () => this.validated.find((v) => v.uri === uri && v.version === version));
  }

  waitForValidatedWhere(what: string, accept: (v: ValidatedParams) => boolean): Promise<ValidatedParams> {
    return this.waitFor(what, () => this.validated.find(accept));
  }

  waitForRequest(method: string): Promise<string> {
    return this.waitFor(method, () => this.requests.find((m) => m === method));
  }

  waitForPublished(uri: string, version: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`publishDiagnostics ${uri} v${version}`, () => this.published.find((p) => p.uri === uri && p.version === version));
  }

  waitForPublishedWhere(what: string, accept: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams> {
    return this.waitFor(what, () => [...this.published].reverse().find(accept));
  }

  waitForPublishedCount(count: number): Promise<PublishDiagnosticsParams> {
    return this.waitFor(`${count} publishDiagnostics`, () => this.published[count - 1]);
  }

  async open(uri: string, text: string, version = 1): Promise<void> {
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'migration-runbook', version, text } });
  }

  /** Shuts down politely and returns the exit code. */
  async stop(): Promise<number | null> {
    if (this.process.exitCode !== null) return this.process.exitCode;
    await this.connection.sendRequest('shutdown');
    await this.connection.sendNotification('exit');
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    if (this.process.exitCode === null) this.process.kill();
    this.connection.dispose();
  }
}

/** `text` with the first `|` removed, and the position where it was. */
export function withCursor(marked: string): { text: string; position: { line: number; character: number } } {
  const offset = marked.indexOf('|');
  if (offset < 0) throw new Error('no | cursor marker');
  const before = marked.slice(0, offset);
  const lines = before.split('\n');
  return { text: before + marked.slice(offset + 1), position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}
