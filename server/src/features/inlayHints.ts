/** `textDocument/inlayHint` -> service.doInlayHints; refreshed when settings change. */
import type { Connection, InlayHint } from 'vscode-languageserver/node';
import { guarded, runbookAt, type Feature, type FeatureContext } from './context';

export const inlayHintsFeature: Feature = {
  name: 'inlayHints',
  capabilities: () => ({ inlayHintProvider: { resolveProvider: false } }),
  register(connection: Connection, ctx: FeatureContext): void {
    connection.languages.inlayHint.on((params, token): InlayHint[] => guarded(ctx, 'inlay hints', [], () => {
      const document = runbookAt(ctx, params.textDocument.uri);
      if (!document || token.isCancellationRequested) return [];
      return ctx.service.doInlayHints(document, params.range);
    }));
    ctx.onSettingsChanged(() => {
      if (ctx.clientCapabilities.workspace?.inlayHint?.refreshSupport) void connection.languages.inlayHint.refresh().catch(() => undefined);
    });
  },
};
