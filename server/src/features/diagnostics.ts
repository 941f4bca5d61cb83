/**
 * Diagnostics, pull (`textDocument/diagnostic`) when the client supports it, else push
 * (`textDocument/publishDiagnostics`). Edits schedule a debounced background validation (it feeds
 * `runbook/validated` for the status item, publishes in push mode and warms the cache for the next
 * pull); a pull never waits for the debounce. The analysis is cached per document version, so a
 * version is analysed once whichever path gets there first, and `runbook/validated` is sent once
 * per analysis.
 */
import {
  DocumentDiagnosticReportKind, LSPErrorCodes, ResponseError, TextDocumentSyncKind,
  type CancellationToken, type Connection, type DocumentDiagnosticReport,
} from 'vscode-languageserver/node';
import { validatedNotification, type ValidatedParams } from '../../../shared/src/protocol';
import type { Validation } from '../service/index';
import { describeError, isRunbookDocument, runbookAt, type Feature, type FeatureContext } from './context';

/** Quiet time after the last edit before a background validation (pulls are never delayed). */
export const PUSH_DEBOUNCE_MS = 150;

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function cancelled(): ResponseError<{ retriggerRequest: boolean }> {
  return new ResponseError(LSPErrorCodes.ServerCancelled, 'The document changed; ask again.', { retriggerRequest: true });
}

export const diagnosticsFeature: Feature = {
  name: 'diagnostics',
  capabilities: (client) => ({
    textDocumentSync: TextDocumentSyncKind.Incremental,
    ...(client.textDocument?.diagnostic ? { diagnosticProvider: { identifier: 'runbook', interFileDependencies: false, workspaceDiagnostics: false } } : {}),
  }),
  register(connection: Connection, ctx: FeatureContext): void {
    // While the client is still starting: JIT and the schema compile off the first document's path.
    setImmediate(() => ctx.service.warmUp());
    const pullMode = (): boolean => ctx.clientCapabilities.textDocument?.diagnostic !== undefined;
    const timers = new Map<string, NodeJS.Timeout>();
    /** `version:settingsGeneration` last published per URI (push mode), so nothing is sent twice. */
    const published = new Map<string, string>();

    const report = (validation: Validation): void => {
      if (!validation.fresh) return;
      const params: ValidatedParams = {
        uri: validation.uri,
        version: validation.version,
        durationMs: Math.round(validation.durationMs * 10) / 10,
        errors: validation.counts.errors,
        warnings: validation.counts.warnings,
        totalSeconds: validation.totalSeconds,
        fits: validation.fits,
        stagesMs: validation.stagesMs,
        forecast: validation.forecast,
      };
      void connection.sendNotification(validatedNotification, params).catch(() => undefined);
    };

    const validateNow = (uri: string): void => {
      const document = runbookAt(ctx, uri);
      if (!document) return;
      try {
        const validation = ctx.service.doValidation(document);
        report(validation);
        if (pullMode()) return;
        const key = `${validation.version}:${ctx.service.settingsGeneration}`;
        // Drop a stale result: the document moved on while we worked.
        if (published.get(uri) === key || ctx.documents.get(uri)?.version !== validation.version) return;
        published.set(uri, key);
        void connection.sendDiagnostics({ uri, version: validation.version, diagnostics: validation.diagnostics }).catch(() => undefined);
      } catch (error) {
        connection.console.error(`validating ${uri} failed: ${describeError(error)}`);
      }
    };

    const schedule = (uri: string, delayMs: number): void => {
      clearTimeout(timers.get(uri));
      timers.set(uri, setTimeout(() => {
        timers.delete(uri);
        void ctx.settingsReady.then(() => validateNow(uri));
      }, delayMs));
    };

    ctx.documents.onDidOpen((e) => {
      if (isRunbookDocument(e.document)) schedule(e.document.uri, 0);
    });
    ctx.documents.onDidChangeContent((e) => {
      if (isRunbookDocument(e.document)) schedule(e.document.uri, PUSH_DEBOUNCE_MS);
    });
    ctx.documents.onDidClose((e) => {
      const uri = e.document.uri;
      clearTimeout(timers.get(uri));
      timers.delete(uri);
      published.delete(uri);
      ctx.service.forget(uri);
      if (!pullMode() && isRunbookDocument(e.document)) void connection.sendDiagnostics({ uri, diagnostics: [] }).catch(() => undefined);
    });

    connection.languages.diagnostics.on(async (params, token: CancellationToken): Promise<DocumentDiagnosticReport> => {
      await ctx.settingsReady;
      // Let queued notifications ($/cancelRequest, didChange) land before the synchronous analysis.
      await yieldToEventLoop();
      if (token.isCancellationRequested) throw cancelled();
      const document = runbookAt(ctx, params.textDocument.uri);
      if (!document) return { kind: DocumentDiagnosticReportKind.Full, items: [] };
      const resultId = `${document.version}:${ctx.service.settingsGeneration}`;
      if (params.previousResultId === resultId) return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      try {
        const validation = ctx.service.doValidation(document);
        report(validation);
        if (token.isCancellationRequested) throw cancelled();
        return { kind: DocumentDiagnosticReportKind.Full, resultId, items: validation.diagnostics };
      } catch (error) {
        if (error instanceof ResponseError) throw error;
        connection.console.error(`diagnostics for ${document.uri} failed: ${describeError(error)}`);
        throw new ResponseError(LSPErrorCodes.RequestFailed, `Validating the runbook failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    });

    ctx.onSettingsChanged(() => {
      published.clear();
      if (pullMode()) {
        if (ctx.clientCapabilities.workspace?.diagnostics?.refreshSupport) {
          void connection.languages.diagnostics.refresh().catch(() => undefined);
        }
      }
      // Re-validate open runbooks in the background (status item; publishes in push mode).
      for (const document of ctx.documents.all()) if (isRunbookDocument(document)) schedule(document.uri, 0);
    });
  },
};
