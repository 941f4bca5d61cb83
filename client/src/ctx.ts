/// <reference types="vscode" />
/**
 * The extension's context: owns the output channel, the LanguageClient (start, stop, a clean
 * restart), the status item, the commands and every disposable. Modelled on rust-analyzer's
 * `editors/code/src/ctx.ts`.
 */
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { LanguageClient, State, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { LANGUAGE_ID, validatedNotification } from '../../shared/src/protocol';
import { readSettings } from './config';
import { RunbookStatus } from './status';

/** The id decides the trace setting: `runbook.trace.server`. */
const CLIENT_ID = 'runbook';
const CLIENT_NAME = 'Migration Runbooks';
/** Port for `--inspect` when the extension runs in debug mode (attach a Node debugger to it). */
export const SERVER_DEBUG_PORT = 6009;

export type CommandFactory = (ctx: Ctx) => (...args: unknown[]) => unknown;

export class Ctx implements vscode.Disposable {
  readonly outputChannel: vscode.LogOutputChannel;
  readonly status: RunbookStatus;
  private client: LanguageClient | undefined;
  /** Disposables that live as long as one client (notification handlers, state listeners). */
  private clientDisposables: vscode.Disposable[] = [];
  private readonly disposables: vscode.Disposable[] = [];
  /** Serialises start/stop/restart so two restarts in a row cannot race. */
  private lifecycle: Promise<void> = Promise.resolve();

  constructor(readonly extensionContext: vscode.ExtensionContext, outputChannel: vscode.LogOutputChannel) {
    this.outputChannel = outputChannel;
    this.status = new RunbookStatus();
    this.disposables.push(this.status);
  }

  /** The running client, or undefined while stopped or restarting. */
  get languageClient(): LanguageClient | undefined {
    return this.client?.isRunning() ? this.client : undefined;
  }

  /** The client once a pending start or restart has finished; undefined if the server is not running. */
  async readyClient(): Promise<LanguageClient | undefined> {
    await this.lifecycle;
    return this.languageClient;
  }

  registerCommand(name: string, factory: CommandFactory): void {
    this.disposables.push(vscode.commands.registerCommand(`runbook.${name}`, factory(this)));
  }

  /** Pushes a disposable that lives until the extension deactivates. */
  pushDisposable(d: vscode.Disposable): void {
    this.disposables.push(d);
  }

  start(): Promise<void> {
    return this.enqueue(() => this.doStart());
  }

  stop(): Promise<void> {
    return this.enqueue(() => this.doStop());
  }

  restart(): Promise<void> {
    return this.enqueue(async () => {
      await this.doStop();
      await this.doStart();
    });
  }

  private enqueue(step: () => Promise<void>): Promise<void> {
    const next = this.lifecycle.then(step);
    // A failed step must not block later ones; the caller still sees this step's error.
    this.lifecycle = next.catch(() => undefined);
    return next;
  }

  private serverModule(): string {
    const module = this.extensionContext.asAbsolutePath('dist/server.js');
    if (!fs.existsSync(module)) {
      throw new Error(`The runbook language server is missing (${module}); the extension was not built. Run 'npm run build'.`);
    }
    return module;
  }

  private async doStart(): Promise<void> {
    const module = this.serverModule();
    const serverOptions: ServerOptions = {
      run: { module, transport: TransportKind.ipc },
      debug: { module, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', `--inspect=${SERVER_DEBUG_PORT}`] } },
    };
    // The plans' actuals files (docs/actuals.md): the server re-forecasts when one changes on disk.
    const actualsWatcher = vscode.workspace.createFileSystemWatcher('**/*.actuals.yaml');
    this.clientDisposables.push(actualsWatcher);
    const clientOptions: LanguageClientOptions = {
      documentSelector: [
        { scheme: 'file', language: LANGUAGE_ID },
        { scheme: 'untitled', language: LANGUAGE_ID },
      ],
      outputChannel: this.outputChannel,
      // Tell the server when `runbook.*` changes; it pulls the values with workspace/configuration.
      synchronize: { configurationSection: 'runbook', fileEvents: actualsWatcher },
    };
    const settings = readSettings(vscode.workspace.getConfiguration('runbook'));
    this.outputChannel.info(`Starting the runbook language server (${module}) with settings ${JSON.stringify(settings)}.`);

    const client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions);
    this.clientDisposables.push(
      client.onNotification(validatedNotification, (params) => this.status.onValidated(params)),
      client.onDidChangeState((e) => {
        if (e.newState === State.Running) this.status.setServerProblem(undefined);
        else if (e.newState === State.Stopped && this.client === client) {
          this.status.setServerProblem('The language server stopped; see the output. Run "Runbook: Restart Language Server" to start it again.');
        }
      }),
    );
    this.client = client;
    try {
      await client.start();
    } catch (err) {
      this.status.setServerProblem(`The language server failed to start: ${errorMessage(err)}`);
      throw err;
    }
  }

  private async doStop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    for (const d of this.clientDisposables.splice(0)) d.dispose();
    // dispose() stops a running server first (shutdown + exit) and releases the client.
    if (client) await client.dispose();
  }

  async dispose(): Promise<void> {
    await this.stop().catch((err: unknown) => this.outputChannel.error(`Stopping the server failed: ${errorMessage(err)}`));
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
