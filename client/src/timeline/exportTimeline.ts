/// <reference types="vscode" />
/**
 * `Runbook: Export Timeline`: asks where to save (SVG, HTML or CSV, by the chosen extension) and
 * writes the same export as `runbook timeline FILE --out` (shared/src/timeline/).
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID, whatIfRequest, type WhatIfParams, type WhatIfResult } from '../../../shared/src/protocol';
import { exportFormatOf, renderExport } from '../../../shared/src/timeline/index';
import { errorMessage, type CommandFactory } from '../ctx';

export const exportTimeline: CommandFactory = (ctx) => async (arg?: unknown) => {
  const active = vscode.window.activeTextEditor?.document;
  const uri = typeof arg === 'string' ? vscode.Uri.parse(arg) : arg instanceof vscode.Uri ? arg : active?.languageId === LANGUAGE_ID ? active.uri : undefined;
  if (!uri) {
    void vscode.window.showInformationMessage('Open a migration runbook (*.runbook.yaml) to export its timeline.');
    return;
  }
  const client = await ctx.readyClient();
  if (!client) {
    void vscode.window.showWarningMessage('The runbook language server is not running.');
    return;
  }
  let result: WhatIfResult | null;
  try {
    const params: WhatIfParams = { uri: uri.toString(), overrides: {} };
    result = await client.sendRequest(whatIfRequest, params);
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not compute the timeline: ${errorMessage(error)}`);
    return;
  }
  if (!result) {
    void vscode.window.showInformationMessage('Open the runbook in an editor first: the language server schedules open runbooks.');
    return;
  }
  const base = uri.path.replace(/\.runbook\.ya?ml$|\.ya?ml$/i, '');
  const target = await vscode.window.showSaveDialog({
    title: 'Export Timeline',
    defaultUri: uri.with({ path: `${base}.timeline.svg` }),
    filters: { 'SVG image': ['svg'], 'HTML page': ['html'], 'CSV (one row per VM phase)': ['csv'] },
    saveLabel: 'Export',
  });
  if (!target) return;
  const format = exportFormatOf(target.path) ?? 'svg';
  const fileName = uri.path.split('/').pop() ?? 'runbook';
  const text = renderExport(format, result.schedule, { details: result.details, fallbackTitle: fileName });
  try {
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not write ${target.fsPath}: ${errorMessage(error)}`);
    return;
  }
  const choice = await vscode.window.showInformationMessage(`Timeline exported to ${target.path.split('/').pop()} (${format.toUpperCase()}).`, 'Open');
  if (choice === 'Open') void vscode.commands.executeCommand('vscode.open', target);
};
