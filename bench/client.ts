/**
 * A minimal LSP client for benchmarks: spawns a language server over stdio, talks JSON-RPC to it as
 * an editor would, waits for diagnostics (pulled with `textDocument/diagnostic`, or pushed with
 * `textDocument/publishDiagnostics`) and reads the server process's peak RSS and CPU time from
 * /proc. The same client drives our server and yaml-language-server, so both pay the same costs.
 */
import { validatedNotification } from '../shared/src/protocol';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';

export interface ProcessStats {
  readonly peakRssMb: number;
  readonly cpuSeconds: number;
}

/** Peak resident set (VmHWM) and user+system CPU of a live process (Linux; NaN elsewhere). */
export function processStats(pid: number): ProcessStats {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime, in clock ticks (100/s)
    return { peakRssMb: hwm ? Number(hwm[1]) / 1024 : NaN, cpuSeconds: ticks / 100 };
  } catch {
    return { peakRssMb: NaN, cpuSeconds: NaN };
  }
}

export interface ServerSpec {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly languageId: string;
  /** Pull diagnostics (`textDocument/diagnostic`) rather than waiting for a push. */
  readonly pull: boolean;
  /** Answers `workspace/configuration` items by section (undefined: the client has no configuration capability). */
  readonly configuration?: (section: string | undefined) => unknown;
  /** Sent as `workspace/didChangeConfiguration` after `initialized`. */
  readonly settings?: unknown;
}

interface PublishedDiagnostics {
  readonly uri: string;
  readonly version?: number;
  readonly diagnostics: unknown[];
}

export class BenchClient {
  readonly child: ChildProcess;
  readonly connection: ProtocolConnection;
  private readonly waiters: { uri: string; afterSeq: number; version: number; resolve: (count: number) => void }[] = [];
  /** Increases with every change the client sends; a push counts for the changes sent before it. */
  private sentSeq = 0;
  private readonly sentSeqAtVersion = new Map<string, Map<number, number>>();

  constructor(readonly spec: ServerSpec) {
    this.child = spawn(spec.command, [...spec.args], { stdio: ['pipe', 'pipe', 'ignore'] });
    this.connection = createProtocolConnection(new StreamMessageReader(this.child.stdout!), new StreamMessageWriter(this.child.stdin!));
    this.connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) => {
      this.configurationAsked();
      return params.items.map((item) => spec.configuration?.(item.section) ?? null);
    });
    // Registrations, progress and refresh requests: accept them, as an editor would.
    this.connection.onRequest('client/registerCapability', () => null);
    this.connection.onRequest('client/unregisterCapability', () => null);
    this.connection.onRequest('window/workDoneProgress/create', () => null);
    this.connection.onRequest('workspace/diagnostic/refresh', () => null);
    this.connection.onRequest('workspace/inlayHint/refresh', () => null);
    this.connection.onRequest('workspace/codeLens/refresh', () => null);
    this.connection.onNotification('textDocument/publishDiagnostics', (params: PublishedDiagnostics) => this.published(params));
    // Ours only: where each analysis spent its time (shared/src/protocol.ts ValidatedParams.stagesMs).
    this.connection.onNotification(validatedNotification, (params) => {
      if (params.stagesMs) this.stagesByVersion.set(params.version, params.stagesMs);
    });
    this.connection.listen();
    this.child.once('exit', (code) => {
      if (this.closing) return;
      // Pending requests would never settle; say why rather than end silently.
      console.error(`${spec.name} exited unexpectedly (code ${code}): ${spec.command} ${spec.args.join(' ')}`);
      process.exit(1);
    });
  }

  private closing = false;

  /** Stage timings our server reported per document version (`runbook/validated`). */
  readonly stagesByVersion = new Map<number, Record<string, number>>();

  /** The stage timings of `version`, once the server has reported them (they follow the diagnostics). */
  async stagesOf(version: number, timeoutMs = 2000): Promise<Record<string, number> | undefined> {
    const until = performance.now() + timeoutMs;
    while (!this.stagesByVersion.has(version) && performance.now() < until) await new Promise((done) => setTimeout(done, 5));
    return this.stagesByVersion.get(version);
  }

  private published(params: PublishedDiagnostics): void {
    for (let i = 0; i < this.waiters.length; i++) {
      const w = this.waiters[i];
      if (w.uri !== params.uri) continue;
      // With a version: it must be ours. Without one (yaml-language-server): the first push after the change.
      const ok = params.version !== undefined ? params.version === w.version : this.currentSeq(w.uri) === w.afterSeq;
      if (!ok) continue;
      this.waiters.splice(i--, 1);
      w.resolve(params.diagnostics.length);
    }
  }

  private currentSeq(uri: string): number {
    const byVersion = this.sentSeqAtVersion.get(uri);
    return byVersion ? Math.max(...byVersion.values()) : 0;
  }

  /** The server's capabilities from `initialize`. */
  capabilities: Record<string, unknown> = {};

  async initialize(): Promise<void> {
    const configured = new Promise<void>((done) => {
      this.configurationAsked = done;
      setTimeout(done, 5000);
    });
    const result = await this.connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
      processId: process.pid,
      rootUri: null,
      workspaceFolders: null,
      capabilities: {
        textDocument: {
          synchronization: { didSave: false, dynamicRegistration: false },
          publishDiagnostics: { versionSupport: true, relatedInformation: true },
          ...(this.spec.pull ? { diagnostic: { dynamicRegistration: false } } : {}),
          hover: { contentFormat: ['markdown', 'plaintext'] },
          inlayHint: {},
          completion: { completionItem: { snippetSupport: true, documentationFormat: ['markdown', 'plaintext'] } },
        },
        workspace: { configuration: this.spec.configuration !== undefined, didChangeConfiguration: { dynamicRegistration: false } },
      },
    });
    await this.connection.sendNotification('initialized', {});
    this.capabilities = result.capabilities;
    if (this.spec.settings !== undefined) await this.connection.sendNotification('workspace/didChangeConfiguration', { settings: this.spec.settings });
    if (this.spec.configuration !== undefined) {
      // A server that pulls its settings applies them asynchronously: let it finish before timing.
      await configured;
      await new Promise((done) => setTimeout(done, 300));
    }
  }

  private configurationAsked: () => void = () => undefined;

  private noteSent(uri: string, version: number): number {
    const seq = ++this.sentSeq;
    let byVersion = this.sentSeqAtVersion.get(uri);
    if (!byVersion) this.sentSeqAtVersion.set(uri, (byVersion = new Map()));
    byVersion.set(version, seq);
    return seq;
  }

  /** Resolves with the number of diagnostics of `version` (pulled, or the push that answers it). */
  private diagnosticsFor(uri: string, version: number, seq: number): Promise<number> {
    if (this.spec.pull) {
      return this.connection.sendRequest<{ items?: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } }).then((r) => r.items?.length ?? 0);
    }
    return new Promise((resolve) => this.waiters.push({ uri, version, afterSeq: seq, resolve }));
  }

  async open(uri: string, text: string, version: number): Promise<number> {
    const seq = this.noteSent(uri, version);
    const waiting = this.spec.pull ? undefined : this.diagnosticsFor(uri, version, seq);
    await this.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: this.spec.languageId, version, text } });
    return waiting ?? this.diagnosticsFor(uri, version, seq);
  }

  async change(uri: string, version: number, change: { range: unknown; text: string }): Promise<number> {
    const seq = this.noteSent(uri, version);
    const waiting = this.spec.pull ? undefined : this.diagnosticsFor(uri, version, seq);
    await this.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    return waiting ?? this.diagnosticsFor(uri, version, seq);
  }

  request<T>(method: string, params: unknown): Promise<T> {
    return this.connection.sendRequest<T>(method, params);
  }

  stats(): ProcessStats {
    return processStats(this.child.pid!);
  }

  async close(): Promise<void> {
    this.closing = true;
    const exited = new Promise<void>((done) => {
      if (this.child.exitCode !== null) done();
      else this.child.once('exit', () => done());
    });
    try {
      await Promise.race([this.connection.sendRequest('shutdown'), new Promise((done) => setTimeout(done, 5000))]);
      await this.connection.sendNotification('exit').catch(() => undefined);
      await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
    } finally {
      this.connection.dispose();
      if (this.child.exitCode === null) this.child.kill();
    }
  }
}
