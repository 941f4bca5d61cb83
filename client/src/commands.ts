/// <reference types="vscode" />
/**
 * One factory per command (`runbook.<verb>`), each given the Ctx. Registered in extension.ts.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID, SCHEDULE_REQUEST, type ScheduleParams, type ScheduleResult } from '../../shared/src/protocol';
import { errorMessage, type CommandFactory, type Ctx } from './ctx';
import { ScheduleDocuments } from './scheduleDocument';
import { TEMPLATE_RELATIVE_PATH } from './template';
import { planHeadline, SUMMARY_NOTE, summaryMarkdown, waveRows } from './scheduleSummary';


function activeRunbook(): vscode.TextEditor | undefined {
  const editor = vscode.window.activeTextEditor;
  return editor?.document.languageId === LANGUAGE_ID ? editor : undefined;
}

/** Asks the server for the active runbook's schedule; tells the user why when there is none. */
async function requestSchedule(ctx: Ctx): Promise<{ editor: vscode.TextEditor; result: ScheduleResult } | undefined> {
  const editor = activeRunbook();
  if (!editor) {
    void vscode.window.showInformationMessage('Open a migration runbook (*.runbook.yaml) to see its schedule.');
    return undefined;
  }
  const client = await ctx.readyClient();
  if (!client) {
    void vscode.window.showWarningMessage('The runbook language server is not running.', 'Restart Server').then((choice) => {
      if (choice) void vscode.commands.executeCommand('runbook.restartServer');
    });
    return undefined;
  }
  const params: ScheduleParams = { uri: editor.document.uri.toString() };
  let result: ScheduleResult | null;
  try {
    result = await client.sendRequest<ScheduleResult | null>(SCHEDULE_REQUEST, params);
  } catch (err) {
    ctx.outputChannel.error(`${SCHEDULE_REQUEST} failed: ${errorMessage(err)}`);
    void vscode.window.showErrorMessage(`Could not compute the schedule: ${errorMessage(err)}`, 'Show Output').then((choice) => {
      if (choice) ctx.outputChannel.show();
    });
    return undefined;
  }
  if (!result) {
    void vscode.window.showInformationMessage('The language server has not analysed this runbook yet; try again in a moment.');
    return undefined;
  }
  return { editor, result };
}

interface WaveItem extends vscode.QuickPickItem {
  readonly line: number;
}

/** Quick pick of the waves (text summary until the timeline webview lands); picking one reveals it. */
export const showTimeline: CommandFactory = (ctx) => async () => {
  const got = await requestSchedule(ctx);
  if (!got) return;
  const { editor, result } = got;
  const items: WaveItem[] = waveRows(result).map((row) => ({
    label: `${row.fits === false ? '$(warning)' : row.fits ? '$(pass)' : '$(circle-outline)'} ${row.label}`,
    description: row.description,
    detail: row.detail,
    line: row.line,
  }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(`${planHeadline(result)}. The plan has no waves to schedule.`);
    return;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: `${planHeadline(result)}`,
    placeHolder: `${SUMMARY_NOTE} Pick a wave to go to it.`,
    matchOnDescription: true,
    matchOnDetail: true,
  });
  if (!picked || editor.document.isClosed) return;
  const position = new vscode.Position(picked.line, 0);
  const shown = await vscode.window.showTextDocument(editor.document, editor.viewColumn);
  shown.selection = new vscode.Selection(position, position);
  shown.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
};

/** The same summary as a Markdown table in a preview beside the runbook. */
export function showTimelineToSide(documents: ScheduleDocuments): CommandFactory {
  return (ctx) => async () => {
    const got = await requestSchedule(ctx);
    if (!got) return;
    const name = got.editor.document.uri.path.split('/').pop() ?? 'runbook';
    const uri = documents.show(got.editor.document.uri, summaryMarkdown(got.result, name));
    const commands = await vscode.commands.getCommands(true);
    if (commands.includes('markdown.showPreviewToSide')) {
      await vscode.commands.executeCommand('markdown.showPreviewToSide', uri);
    } else {
      // The built-in Markdown extension is disabled: show the Markdown source instead.
      const doc = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true, preview: true });
    }
  };
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
