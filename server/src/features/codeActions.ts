/** `textDocument/codeAction` -> service.doCodeActions: quick fixes from each diagnostic's FixData. */
import { CodeActionKind, type CodeAction, type Connection } from 'vscode-languageserver/node';
import { guarded, runbookAt, type Feature, type FeatureContext } from './context';

export const codeActionsFeature: Feature = {
  name: 'codeActions',
  capabilities: () => ({ codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] } }),
  register(connection: Connection, ctx: FeatureContext): void {
    connection.onCodeAction((params, token): CodeAction[] => guarded(ctx, 'codeAction', [], () => {
      const document = runbookAt(ctx, params.textDocument.uri);
      if (!document || token.isCancellationRequested) return [];
      if (params.context.only && !params.context.only.some((k) => k === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${k}.`) || k === CodeActionKind.Empty)) return [];
      return ctx.service.doCodeActions(document, params.context.diagnostics);
    }));
  },
};
