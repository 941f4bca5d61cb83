/**
 * Navigation over ids -> service/navigation: definition, references, rename (with prepareRename),
 * document symbols and folding ranges.
 */
import { ResponseError, ErrorCodes, type Connection } from 'vscode-languageserver/node';
import { definition, documentSymbols, foldingRanges, prepareRename, references, rename, RenameError } from '../service/navigation';
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
    const analysisAt = (uri: string) => {
      const document = runbookAt(ctx, uri);
      return document ? ctx.service.getAnalysis(document) : undefined;
    };
    connection.onDefinition((params) => guarded(ctx, 'definition', null, () => {
      const analysis = analysisAt(params.textDocument.uri);
      return (analysis && definition(analysis, params.textDocument.uri, params.position)) ?? null;
    }));
    connection.onReferences((params) => guarded(ctx, 'references', [], () => {
      const analysis = analysisAt(params.textDocument.uri);
      return analysis ? references(analysis, params.textDocument.uri, params.position, params.context.includeDeclaration) : [];
    }));
    connection.onPrepareRename((params) => guarded(ctx, 'prepareRename', null, () => {
      const analysis = analysisAt(params.textDocument.uri);
      return (analysis && prepareRename(analysis, params.position)) ?? null;
    }));
    connection.onRenameRequest((params) => {
      const analysis = analysisAt(params.textDocument.uri);
      if (!analysis) return null;
      try {
        return rename(analysis, params.textDocument.uri, params.position, params.newName) ?? null;
      } catch (error) {
        // An invalid or taken name is the user's to fix: report it as a request error the editor shows.
        if (error instanceof RenameError) return new ResponseError(ErrorCodes.InvalidParams, error.message);
        return guarded(ctx, 'rename', null, () => { throw error; });
      }
    });
    connection.onDocumentSymbol((params) => guarded(ctx, 'documentSymbol', [], () => {
      const analysis = analysisAt(params.textDocument.uri);
      return analysis ? documentSymbols(analysis) : [];
    }));
    connection.onFoldingRanges((params) => guarded(ctx, 'foldingRange', [], () => {
      const analysis = analysisAt(params.textDocument.uri);
      return analysis ? foldingRanges(analysis) : [];
    }));
  },
};
