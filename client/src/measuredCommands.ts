/// <reference types="vscode" />
/**
 * Measured migrations in VS Code (issue 14; docs/actuals.md, docs/calibration.md):
 * - "Runbook: Record Actuals from vCenter Export…": a task export -> the plan's actuals file
 *   (`night.actuals.yaml` beside `night.runbook.yaml`), created or updated as one undoable edit;
 * - "Runbook: Calibrate from Measured Migrations…": a pilot's export -> the link's `calibration:`
 *   in the runbook, one undoable edit;
 * - "Runbook: Mark Step Started" / "Mark Step Done": the step under the cursor (or picked) at now
 *   or a typed time, into the actuals file.
 * The work runs in the import bundle (import/src/measured/editor.ts) like the RVTools import; the
 * language server re-forecasts when the actuals file changes (its watcher).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { EditorMeasuredModule, EditorMeasuredNeeds, EditorTimeBasis } from '../../shared/src/importApi';
import { actualsFileName } from '../../shared/src/measured';
import { LANGUAGE_ID } from '../../shared/src/protocol';
import { errorMessage, type CommandFactory } from './ctx';

type Ctx = Parameters<CommandFactory>[0];

const BASIS_KEY = 'runbook.measuredTimeBasis';

function loadMeasuredModule(): EditorMeasuredModule {
  const bundled = join(__dirname, 'import.js');
  const path = existsSync(bundled) ? bundled : join(__dirname, '../../import/src/importRvtools');
  return createRequire(__filename)(path) as EditorMeasuredModule;
}

function activeRunbook(): vscode.TextDocument | undefined {
  const editor = vscode.window.activeTextEditor;
  if (editor?.document.languageId === LANGUAGE_ID) return editor.document;
  void vscode.window.showWarningMessage('Open the runbook (*.runbook.yaml) first: the command works on the active runbook.');
  return undefined;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() ?? 'runbook.yaml';
}

function actualsUriOf(runbook: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(runbook, '..', actualsFileName(baseName(runbook)));
}

async function readText(uri: vscode.Uri): Promise<string | undefined> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open) return open.getText();
  try {
    return new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)).replace(/^\uFEFF/, '');
  } catch {
    return undefined;
  }
}

/** Writes the actuals file as one undoable edit: created with its text, or its whole text replaced. */
async function writeActuals(uri: vscode.Uri, text: string, existed: boolean): Promise<boolean> {
  const edit = new vscode.WorkspaceEdit();
  if (!existed) {
    edit.createFile(uri, { ignoreIfExists: true });
    edit.insert(uri, new vscode.Position(0, 0), text);
  } else {
    const doc = await vscode.workspace.openTextDocument(uri);
    edit.replace(uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  }
  const ok = await vscode.workspace.applyEdit(edit);
  if (ok) {
    const doc = await vscode.workspace.openTextDocument(uri);
    await doc.save();
  }
  return ok;
}

/** Asks where the export's local times are, or the day/month order; undefined when cancelled. */
async function askBasis(ctx: Ctx, needs: EditorMeasuredNeeds, basis: EditorTimeBasis): Promise<EditorTimeBasis | undefined> {
  if (needs.kind !== 'needs') return undefined;
  if (needs.what === 'date-order') {
    const pick = await vscode.window.showQuickPick([
      { label: 'mdy', description: 'month/day/year (United States)' },
      { label: 'dmy', description: 'day/month/year' },
    ], { title: 'The export\'s dates read both ways (e.g. 12/02/2026): which order?', placeHolder: needs.message });
    return pick ? { ...basis, dateOrder: pick.label as 'mdy' | 'dmy' } : undefined;
  }
  const machine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const saved = ctx.extensionContext.workspaceState.get<EditorTimeBasis>(BASIS_KEY);
  const items: (vscode.QuickPickItem & { basis?: EditorTimeBasis })[] = [];
  if (saved?.utcOffset || saved?.timeZone) items.push({ label: saved.utcOffset ?? saved.timeZone ?? '', description: 'used last time', basis: saved });
  if (machine) items.push({ label: machine, description: 'this machine\'s time zone', basis: { timeZone: machine } });
  items.push({ label: 'UTC', basis: { utcOffset: '+00:00' } });
  items.push({ label: 'Type an offset or a time zone…', description: '-06:00, +05:30, America/Chicago' });
  const pick = await vscode.window.showQuickPick(items, { title: 'The export\'s times have no UTC offset: where were they written?', placeHolder: 'The offset or zone of the vSphere Client / PowerCLI session that exported them' });
  if (!pick) return undefined;
  let chosen = pick.basis;
  if (!chosen) {
    const typed = await vscode.window.showInputBox({
      title: 'UTC offset (-06:00) or IANA time zone (America/Chicago)',
      validateInput: (v) => (/^[+-]\d{1,2}(:?\d{2})?$/.test(v.trim()) || /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)+$/.test(v.trim()) || v.trim().toUpperCase() === 'UTC' ? undefined : 'An offset such as -06:00, or a zone such as America/Chicago'),
    });
    if (!typed) return undefined;
    chosen = /^[+-]/.test(typed.trim()) ? { utcOffset: typed.trim() } : { timeZone: typed.trim() };
  }
  await ctx.extensionContext.workspaceState.update(BASIS_KEY, { utcOffset: chosen.utcOffset, timeZone: chosen.timeZone });
  return { ...basis, utcOffset: chosen.utcOffset, timeZone: chosen.timeZone };
}

async function pickExport(title: string): Promise<{ uri: vscode.Uri; text: string } | undefined> {
  const picked = await vscode.window.showOpenDialog({ canSelectMany: false, openLabel: 'Read Export', title, filters: { 'Task exports (CSV)': ['csv', 'txt'], 'All files': ['*'] } });
  const uri = picked?.[0];
  if (!uri) return undefined;
  const text = new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri));
  return { uri, text };
}

function showDetails(ctx: Ctx, summary: string, details: readonly string[], warn = false): void {
  ctx.outputChannel.info([summary, ...details.map((d) => `  ${d}`)].join('\n'));
  const show = warn ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
  void show(summary, 'Show Details').then((choice) => {
    if (choice) ctx.outputChannel.show();
  });
}

function fail(ctx: Ctx, what: string, message: string): void {
  ctx.outputChannel.error(`${what}: ${message}`);
  void vscode.window.showErrorMessage(`${what}: ${message}`);
}

export const recordActuals: CommandFactory = (ctx) => async () => {
  const runbook = activeRunbook();
  if (!runbook) return;
  try {
    const file = await pickExport('vCenter task export to record (vSphere Client task list, PowerCLI Get-Task / Get-VIEvent, or vm,start,end)');
    if (!file) return;
    const actualsUri = actualsUriOf(runbook.uri);
    const lib = loadMeasuredModule();
    let basis: EditorTimeBasis = {};
    for (;;) {
      const actualsText = await readText(actualsUri);
      const outcome = lib.recordActualsForEditor({ ...basis, csvText: file.text, csvFileName: baseName(file.uri), runbookText: runbook.getText(), runbookFileName: baseName(runbook.uri), actualsText });
      if (outcome.kind === 'error') return fail(ctx, 'Record Actuals', outcome.message);
      if (outcome.kind === 'needs') {
        const next = await askBasis(ctx, outcome, basis);
        if (!next) return;
        basis = next;
        continue;
      }
      if (outcome.changed && !(await writeActuals(actualsUri, outcome.text, actualsText !== undefined))) return fail(ctx, 'Record Actuals', `could not write ${baseName(actualsUri)}`);
      showDetails(ctx, outcome.summary, outcome.details, outcome.details.some((d) => d.startsWith('not a VM')));
      return;
    }
  } catch (err) {
    fail(ctx, 'Record Actuals', errorMessage(err));
  }
};

export const calibrateFromMeasured: CommandFactory = (ctx) => async () => {
  const runbook = activeRunbook();
  if (!runbook) return;
  try {
    const file = await pickExport('Measured migrations of the pilot (vCenter task export or vm,start,end)');
    if (!file) return;
    const lib = loadMeasuredModule();
    let basis: EditorTimeBasis = {};
    let linkId: string | undefined;
    const version = runbook.version;
    for (;;) {
      const outcome = lib.calibrateForEditor({ ...basis, linkId, csvText: file.text, csvFileName: baseName(file.uri), runbookText: runbook.getText(), runbookFileName: baseName(runbook.uri) });
      if (outcome.kind === 'error') return fail(ctx, 'Calibrate', outcome.message);
      if (outcome.kind === 'needs') {
        const next = await askBasis(ctx, outcome, basis);
        if (!next) return;
        basis = next;
        continue;
      }
      if (outcome.kind === 'choose-link') {
        linkId = await vscode.window.showQuickPick([...outcome.links], { title: 'The moves are on several links: calibrate which?' });
        if (!linkId) return;
        continue;
      }
      if (runbook.isClosed || runbook.version !== version) return fail(ctx, 'Calibrate', 'the runbook changed meanwhile; run the command again');
      const edit = new vscode.WorkspaceEdit();
      edit.replace(runbook.uri, new vscode.Range(runbook.positionAt(outcome.edit.start), runbook.positionAt(outcome.edit.end)), outcome.edit.newText);
      if (!(await vscode.workspace.applyEdit(edit))) return fail(ctx, 'Calibrate', 'the edit could not be applied');
      showDetails(ctx, outcome.summary, outcome.details);
      return;
    }
  } catch (err) {
    fail(ctx, 'Calibrate', errorMessage(err));
  }
};

const markStep = (which: 'start' | 'end'): CommandFactory => (ctx) => async () => {
  const editor = vscode.window.activeTextEditor;
  const runbook = activeRunbook();
  if (!runbook || !editor) return;
  try {
    const lib = loadMeasuredModule();
    const actualsUri = actualsUriOf(runbook.uri);
    const offset = runbook.offsetAt(editor.selection.active);
    let step: { wave: string; step: string } | undefined;
    const at = await vscode.window.showInputBox({
      title: `Mark the step ${which === 'start' ? 'started' : 'done'} at…`,
      value: 'now',
      prompt: '"now", HH:MM in the wave\'s UTC offset, or an ISO time with its offset',
    });
    if (at === undefined) return;
    for (;;) {
      const actualsText = await readText(actualsUri);
      const outcome = lib.markStepForEditor({ runbookText: runbook.getText(), runbookFileName: baseName(runbook.uri), actualsText, offset, step, which, at, nowEpochMs: Date.now() });
      if (outcome.kind === 'error') return fail(ctx, `Mark Step ${which === 'start' ? 'Started' : 'Done'}`, outcome.message);
      if (outcome.kind === 'choose-step') {
        const pick = await vscode.window.showQuickPick(outcome.steps.map((s) => ({ label: s.label, detail: s.detail, choice: s })), { title: `Which step ${which === 'start' ? 'started' : 'is done'}?` });
        if (!pick) return;
        step = { wave: pick.choice.wave, step: pick.choice.step };
        continue;
      }
      if (!(await writeActuals(actualsUri, outcome.text, actualsText !== undefined))) return fail(ctx, 'Mark Step', `could not write ${baseName(actualsUri)}`);
      void vscode.window.setStatusBarMessage(outcome.summary, 5000);
      ctx.outputChannel.info(outcome.summary);
      return;
    }
  } catch (err) {
    fail(ctx, 'Mark Step', errorMessage(err));
  }
};

export const markStepStarted = markStep('start');
export const markStepDone = markStep('end');
