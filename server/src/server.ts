/**
 * The language server's entry point: wiring only. It creates the connection (stdio, node-ipc or
 * socket, from the process arguments), the open-document store and the language service, merges the
 * features' capabilities on `initialize` and lets each feature register its handlers.
 *
 * To add an LSP feature: write `features/<name>.ts` exporting a `Feature` (see features/context.ts:
 * `capabilities(client)` and `register(connection, ctx)`) and append it to FEATURES below. That one
 * line is the only edit this file needs.
 */
import { createConnection, ProposedFeatures, TextDocuments, type InitializeResult, type ServerCapabilities } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { getLanguageService } from './service/index';
import { codeActionsFeature } from './features/codeActions';
import { codeLensFeature } from './features/codeLens';
import { completionFeature } from './features/completion';
import { createContext, describeError, type Feature } from './features/context';
import { diagnosticsFeature } from './features/diagnostics';
import { hoverFeature } from './features/hover';
import { inlayHintsFeature } from './features/inlayHints';
import { navigationFeature } from './features/navigation';
import { scheduleFeature } from './features/schedule';
import { whatIfFeature } from './features/whatIf';
import { settingsFeature } from './features/settings';
import { actualsFeature } from './features/actuals';

const FEATURES: readonly Feature[] = [
  settingsFeature,
  diagnosticsFeature,
  hoverFeature,
  inlayHintsFeature,
  codeLensFeature,
  scheduleFeature,
  whatIfFeature,
  completionFeature,
  navigationFeature,
  codeActionsFeature,
  actualsFeature,
];

export function startServer(): void {
  const connection = createConnection(ProposedFeatures.all);
  const documents = new TextDocuments(TextDocument);
  const ctx = createContext(connection, documents, getLanguageService());

  // A bug in one handler must not take the editor's diagnostics down with it.
  process.on('uncaughtException', (error) => connection.console.error(`uncaught: ${describeError(error)}`));
  process.on('unhandledRejection', (error) => connection.console.error(`unhandled rejection: ${describeError(error)}`));

  connection.onInitialize((params): InitializeResult => {
    ctx.clientCapabilities = params.capabilities;
    if (params.capabilities.workspace?.configuration !== true) ctx.markSettingsReady();
    const capabilities: ServerCapabilities = {};
    for (const feature of FEATURES) Object.assign(capabilities, feature.capabilities?.(params.capabilities));
    return { capabilities, serverInfo: { name: 'runbook-language-server', version: '0.1.0' } };
  });
  for (const feature of FEATURES) feature.register(connection, ctx);
  documents.listen(connection);
  connection.listen();
}

// Start when this file is the program (`node dist/server.js --stdio`), not when the CLI bundles it and
// calls startServer() itself: in that bundle `require.main === module` holds too, so check the name.
if (require.main === module && /(^|[\\/])server\.js$/.test(require.main.filename)) startServer();
