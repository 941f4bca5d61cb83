/// <reference types="vscode" />
/**
 * One factory per command (`runbook.<verb>`), each given the Ctx. Registered in extension.ts.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../shared/src/protocol';
import { errorMessage, type CommandFactory } from './ctx';
import { TEMPLATE_RELATIVE_PATH } from './template';
import type { TimelinePanels } from './timeline/panel';


function activeRunbook(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === LANGUAGE_ID ? editor : undefined;
}

/**
 * `runbook.showTimeline` opens the timeline webview in the active column; with a document URI
 * argument (the wave code lens) it opens beside the editor, as `showTimelineToSide` and the
 * editor-title button do.
 */
export function showTimeline(panels: TimelinePanels): CommandFactory {
  return () => (arg?: unknown) => {
    const fromLens = typeof arg === 'string' || arg instanceof vscode.Uri;
    openTimeline(panels, arg, fromLens ? vscode.ViewColumn.Beside : vscode.window.activeTextEditor?.viewColumn ?? vscode.ViewColumn.One, fromLens);
  };
}

export function showTimelineToSide(panels: TimelinePanels): CommandFactory {
  return () => (arg?: unknown) => openTimeline(panels, arg, vscode.ViewColumn.Beside, true);
}

function openTimeline(panels: TimelinePanels, arg: unknown, column: vscode.ViewColumn, preserveFocus: boolean): void {
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : activeRunbook()?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage('Open a migration runbook (*.runbook.yaml) to see its timeline.');
    return;
  }
  panels.show(uri, column, preserveFocus);
}

export const restartServer: CommandFactory = (ctx) => async () => {
  try {
    await ctx.restart();
    void vscode.window.setStatusBarMessage('Runbook language server restarted.', 3000);
  } catch (err) {
    ctx.outputChannel.error(`Restart failed: ${errorMessage(err)}`);
    void vscode.window.showErrorMessage(`The runbook language server did not restart: ${errorMessage(err)}`, 'Show Output').then((choice) => {
      if (choice) ctx.outputChannel.show();
    });
  }
};

export const showOutput: CommandFactory = (ctx) => () => {
  ctx.outputChannel.show();
};

/** Opens an untitled runbook from the bundled template. */
export const newRunbook: CommandFactory = (ctx) => async () => {
  const templateUri = vscode.Uri.joinPath(ctx.extensionContext.extensionUri, TEMPLATE_RELATIVE_PATH);
  const bytes = await vscode.workspace.fs.readFile(templateUri);
  const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: new TextDecoder().decode(bytes) });
  await vscode.window.showTextDocument(doc);
};

/** Runbook: Import VMs from RVTools Export… (the logic is in importCommand.ts). */
export { importFromRvtools } from './importCommand';
export { calibrateFromMeasured, markStepDone, markStepStarted, recordActuals } from './measuredCommands';
