/**
 * Navigation over ids -> service.doDefinition, doReferences, doPrepareRename, doRename, doDocumentSymbols,
 * doFoldingRanges: definition, references, rename (with prepareRename),
 * document symbols and folding ranges.
 */
import { ResponseError, ErrorCodes, type Connection } from 'vscode-languageserver/node';
import { RenameError } from '../service/index';
import { guarded, runbookAt, type Feature, type FeatureContext } from './context';

export const navigationFeature: Feature = {
  name: 'navigation',
  capabilities: () => ({
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    documentSymbolProvider: { label: 'Runbook' },
    foldingRangeProvider: true,
  }),
  register(connection: Connection, ctx: FeatureContext): void {
    const at = (uri: string) => runbookAt(ctx, uri);
    connection.onDefinition((params) => guarded(ctx, 'definition', null, () => {
      const document = at(params.textDocument.uri);
      return document ? ctx.service.doDefinition(document, params.position) : null;
    }));
    connection.onReferences((params) => guarded(ctx, 'references', [], () => {
      const document = at(params.textDocument.uri);
      return document ? ctx.service.doReferences(document, params.position, params.context.includeDeclaration) : [];
    }));
    connection.onPrepareRename((params) => guarded(ctx, 'prepareRename', null, () => {
      const document = at(params.textDocument.uri);
      return document ? ctx.service.doPrepareRename(document, params.position) : null;
    }));
    connection.onRenameRequest((params) => {
      const document = at(params.textDocument.uri);
      if (!document) return null;
      try {
        return ctx.service.doRename(document, params.position, params.newName);
      } catch (error) {
        // An invalid or taken name is the user's to fix: report it as a request error the editor shows.
        if (error instanceof RenameError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
        return guarded(ctx, 'rename', null, () => { throw error; });
      }
    });
    connection.onDocumentSymbol((params) => guarded(ctx, 'documentSymbol', [], () => {
      const document = at(params.textDocument.uri);
      return document ? ctx.service.doDocumentSymbols(document) : [];
    }));
    connection.onFoldingRanges((params) => guarded(ctx, 'foldingRange', [], () => {
      const document = at(params.textDocument.uri);
      return document ? ctx.service.doFoldingRanges(document) : [];
    }));
  },
};
