/** `textDocument/codeLens` -> service.doCodeLens (wave fit and "Show timeline"). */
import { CodeLensRefreshRequest, type CodeLens, type Connection } from 'vscode-languageserver/node';
import { guarded, runbookAt, type Feature, type FeatureContext } from './context';

export const codeLensFeature: Feature = {
  name: 'codeLens',
  capabilities: () => ({ codeLensProvider: { resolveProvider: false } }),
  register(connection: Connection, ctx: FeatureContext): void {
    connection.onCodeLens((params, token): CodeLens[] => guarded(ctx, 'code lens', [], () => {
      const document = runbookAt(ctx, params.textDocument.uri);
      if (!document || token.isCancellationRequested) return [];
      return ctx.service.doCodeLens(document);
    }));
    ctx.onSettingsChanged(() => {
      if (ctx.clientCapabilities.workspace?.codeLens?.refreshSupport) void connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    });
  },
};
