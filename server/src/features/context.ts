/**
 * What every LSP feature module gets: the connection's shared state (open documents, the language
 * service, client capabilities, settings) and small helpers so that no handler can crash the server.
 * A feature is a module exporting a `Feature`; server.ts registers the list of them.
 */
import type { ClientCapabilities, Connection, ServerCapabilities, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { LANGUAGE_ID } from '../../../shared/src/protocol';
import type { LanguageService } from '../service/index';

export interface FeatureContext {
  readonly connection: Connection;
  readonly documents: TextDocuments<TextDocument>;
  readonly service: LanguageService;
  /** Set on `initialize`, before any feature handler runs. */
  clientCapabilities: ClientCapabilities;
  /** Resolves once the first settings are known (immediately when the client has no configuration support). */
  readonly settingsReady: Promise<void>;
  markSettingsReady(): void;
  /** Listeners run after `service.configure` applied changed settings. */
  onSettingsChanged(listener: () => void): void;
  fireSettingsChanged(): void;
}

export interface Feature {
  readonly name: string;
  /** Capabilities this feature adds to the `initialize` result. */
  capabilities?(client: ClientCapabilities): ServerCapabilities;
  /** Registers handlers on `connection` (the same as `ctx.connection`); runs before it listens. */
  register(connection: Connection, ctx: FeatureContext): void;
}

export function createContext(connection: Connection, documents: TextDocuments<TextDocument>, service: LanguageService): FeatureContext {
  const listeners: (() => void)[] = [];
  let markReady: () => void = () => undefined;
  const settingsReady = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  return {
    connection,
    documents,
    service,
    clientCapabilities: {},
    settingsReady,
    markSettingsReady: () => markReady(),
    onSettingsChanged: (listener) => {
      listeners.push(listener);
    },
    fireSettingsChanged: () => {
      for (const listener of listeners) {
        try {
          listener();
        } catch (error) {
          connection.console.error(`settings listener failed: ${describeError(error)}`);
        }
      }
    },
  };
}

/** Runbooks: the language id, or any `*.runbook.yaml|yml` URI whatever language the client says. */
export function isRunbookDocument(document: TextDocument): boolean {
  return document.languageId === LANGUAGE_ID || /\.runbook\.ya?ml$/i.test(document.uri.split(/[?#]/)[0]);
}

/** The open runbook at `uri`, if any. */
export function runbookAt(ctx: FeatureContext, uri: string): TextDocument | undefined {
  const document = ctx.documents.get(uri);
  return document && isRunbookDocument(document) ? document : undefined;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

/** Runs a handler body; an exception is logged and the fallback returned, so the server keeps serving. */
export function guarded<T>(ctx: FeatureContext, what: string, fallback: T, body: () => T): T {
  try {
    return body();
  } catch (error) {
    ctx.connection.console.error(`${what} failed: ${describeError(error)}`);
    return fallback;
  }
}
