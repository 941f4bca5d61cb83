/** `textDocument/completion` -> service.doComplete (keys, enum values, units, reference ids). */
import type { CompletionList, Connection } from 'vscode-languageserver/node';
import { guarded, runbookAt, type Feature, type FeatureContext } from './context';

export const completionFeature: Feature = {
  name: 'completion',
  // Space after `key:` / a number, `-` for list items, `[` and `,` inside flow lists.
  capabilities: () => ({ completionProvider: { triggerCharacters: [' ', ':', '-', '[', ',', '{'], resolveProvider: false } }),
  register(connection: Connection, ctx: FeatureContext): void {
    connection.onCompletion((params, token): CompletionList | null => guarded(ctx, 'completion', null, () => {
      const document = runbookAt(ctx, params.textDocument.uri);
      if (!document || token.isCancellationRequested) return null;
      return ctx.service.doComplete(document, params.position);
    }));
  },
};
