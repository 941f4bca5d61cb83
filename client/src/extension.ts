/// <reference types="vscode" />
/**
 * Entry point: builds the Ctx, registers the commands, starts the language server. A failure to
 * start is reported with a notification that offers the output channel; the commands stay
 * registered so "Restart Language Server" can try again.
 */
import * as vscode from 'vscode';
import * as commands from './commands';
import { Ctx, errorMessage } from './ctx';
import { TIMELINE_VIEW_TYPE } from '../../shared/src/messages';
import { exportTimeline } from './timeline/exportTimeline';
import { TimelinePanels } from './timeline/panel';

let ctx: Ctx | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Migration Runbooks', { log: true });
  context.subscriptions.push(output);
  ctx = new Ctx(context, output);

  const timelines = new TimelinePanels(ctx);
  ctx.pushDisposable(timelines);
  ctx.pushDisposable(vscode.window.registerWebviewPanelSerializer(TIMELINE_VIEW_TYPE, timelines));

  ctx.registerCommand('showTimeline', commands.showTimeline(timelines));
  ctx.registerCommand('showTimelineToSide', commands.showTimelineToSide(timelines));
  ctx.registerCommand('exportTimeline', exportTimeline);
  ctx.registerCommand('restartServer', commands.restartServer);
  ctx.registerCommand('showOutput', commands.showOutput);
  ctx.registerCommand('newRunbook', commands.newRunbook);
  ctx.registerCommand('importRvtools', commands.importFromRvtools);
  ctx.registerCommand('recordActuals', commands.recordActuals);
  ctx.registerCommand('calibrate', commands.calibrateFromMeasured);
  ctx.registerCommand('markStepStarted', commands.markStepStarted);
  ctx.registerCommand('markStepDone', commands.markStepDone);

  try {
    await ctx.start();
  } catch (err) {
    const message = errorMessage(err);
    output.error(`Activation failed: ${message}`);
    if (err instanceof Error && err.stack) output.error(err.stack);
    void vscode.window.showErrorMessage(`Migration Runbooks could not start its language server: ${message}`, 'Show Output').then((choice) => {
      if (choice === 'Show Output') output.show();
    });
  }
}

export async function deactivate(): Promise<void> {
  const current = ctx;
  ctx = undefined;
  await current?.dispose();
}
