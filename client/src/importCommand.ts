/// <reference types="vscode" />
/**
 * "Runbook: Import VMs from RVTools Export…": pick an .xlsx/.csv, then the same import as
 * `runbook import rvtools` (import/src, pure TypeScript run here in the extension host): merged
 * into the active runbook as ONE WorkspaceEdit (one undo), or opened as a new untitled runbook.
 * Running here rather than in the language server keeps the protocol unchanged and reads the file
 * through vscode.workspace.fs (remote and virtual workspaces included). The import module (with
 * ExcelJS, ~1.5 MB) is its own bundle, dist/import.js (scripts/bundle.mjs), loaded when the command
 * first runs, so activation neither loads nor parses it.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { EditorImportModule } from '../../shared/src/importApi';
import { LANGUAGE_ID } from '../../shared/src/protocol';
import { errorMessage, type CommandFactory } from './ctx';


export const importFromRvtools: CommandFactory = (ctx) => async () => {
  const editor = vscode.window.activeTextEditor;
  const target = editor?.document.languageId === LANGUAGE_ID ? editor.document : undefined;
  const picked = await vscode.window.showOpenDialog({
    canSelectMany: false,
    openLabel: target ? 'Import into Runbook' : 'Import as New Runbook',
    title: 'RVTools export (vInfo sheet)',
    filters: { 'RVTools export': ['xlsx', 'csv'], 'All files': ['*'] },
  });
  const uri = picked?.[0];
  if (!uri) return;
  const fileName = uri.path.split('/').pop() ?? 'export';
  try {
    const bytes = await vscode.workspace.fs.readFile(uri);
    const lib = loadImportModule();
    const version = target?.version;
    const outcome = await lib.importForEditor({
      bytes,
      fileName,
      into: target ? { text: target.getText(), fileName: target.uri.path.split('/').pop() ?? 'runbook' } : undefined,
    });
    const lines = outcome.summary;
    ctx.outputChannel.info(`Import from ${fileName}:\n  ${[...lines, ...outcome.skipped].join('\n  ')}`);
    if (outcome.kind === 'new') {
      const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: outcome.text });
      await vscode.window.showTextDocument(doc);
      void notify(ctx, lines[0]);
      return;
    }
    if (!target || target.isClosed || target.version !== version) {
      void vscode.window.showWarningMessage('The runbook changed while the export was read; run the import again.');
      return;
    }
    if (outcome.edits.length === 0) {
      void notify(ctx, `The runbook is up to date with ${fileName}. ${lines[0]}`);
      return;
    }
    const edit = new vscode.WorkspaceEdit();
    for (const e of outcome.edits) edit.replace(target.uri, new vscode.Range(target.positionAt(e.start), target.positionAt(e.end)), e.newText);
    if (!(await vscode.workspace.applyEdit(edit))) {
      void vscode.window.showErrorMessage('The import could not be applied to the runbook (was it changed meanwhile?); run it again.');
      return;
    }
    void notify(ctx, lines[0]);
  } catch (err) {
    ctx.outputChannel.error(`Import from ${fileName} failed: ${errorMessage(err)}`);
    const problems = (err as { problems?: readonly string[] }).problems;
    if (problems && problems.length > 1) ctx.outputChannel.error(problems.join('\n'));
    void vscode.window.showErrorMessage(`Import failed: ${errorMessage(err)}`, 'Show Output').then((choice) => {
      if (choice) ctx.outputChannel.show();
    });
  }
};

/**
 * dist/import.js beside the bundled client (dist/client.js); the compiled module when running from
 * tsc output (tests). A require by computed path, so esbuild leaves it out of dist/client.js.
 */
function loadImportModule(): EditorImportModule {
  const bundled = join(__dirname, 'import.js');
  const path = existsSync(bundled) ? bundled : join(__dirname, '../../import/src/importRvtools');
  return createRequire(__filename)(path) as EditorImportModule;
}

function notify(ctx: Parameters<CommandFactory>[0], summary: string): Thenable<void> {
  return vscode.window.showInformationMessage(summary, 'Show Details').then((choice) => {
    if (choice) ctx.outputChannel.show();
  });
}
