/** `textDocument/hover` -> service.doHover (Markdown; runbook text escaped there). */
import type { Connection, Hover } from 'vscode-languageserver/node';
import { guarded, runbookAt, type Feature, type FeatureContext } from './context';

export const hoverFeature: Feature = {
  name: 'hover',
  capabilities: () => ({ hoverProvider: true }),
  register(connection: Connection, ctx: FeatureContext): void {
    connection.onHover((params, token): Hover | null => guarded(ctx, 'hover', null, () => {
      const document = runbookAt(ctx, params.textDocument.uri);
      if (!document || token.isCancellationRequested) return null;
      return ctx.service.doHover(document, params.position);
    }));
  },
};
