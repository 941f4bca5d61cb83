/// <reference types="vscode" />
/**
 * The runbook language status item (the `{}` area of the status bar when a runbook is active):
 * plan total, errors/warnings and when the server last checked the document, from the server's
 * `runbook/validated` notification. Clicking it opens the output channel.
 */
import * as vscode from 'vscode';
import { LANGUAGE_ID, type ValidatedParams } from '../../shared/src/protocol';
import { formatStatus, serverStoppedStatus, WAITING_STATUS, type StatusSeverity, type StatusText } from './statusText';

interface Validated {
  readonly params: ValidatedParams;
  readonly receivedEpochMs: number;
}

const SEVERITY: Record<StatusSeverity, vscode.LanguageStatusSeverity> = {
  information: vscode.LanguageStatusSeverity.Information,
  warning: vscode.LanguageStatusSeverity.Warning,
  error: vscode.LanguageStatusSeverity.Error,
};

export class RunbookStatus implements vscode.Disposable {
  private readonly item: vscode.LanguageStatusItem;
  private readonly byUri = new Map<string, Validated>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Set while the server is not running; overrides the per-document text. */
  private serverProblem: string | undefined;

  constructor() {
    this.item = vscode.languages.createLanguageStatusItem('runbook.status', { language: LANGUAGE_ID });
    this.item.name = 'Migration Runbook';
    this.item.command = { command: 'runbook.showOutput', title: 'Show Output', tooltip: 'Show the runbook language server output' };
    this.disposables.push(
      this.item,
      vscode.window.onDidChangeActiveTextEditor(() => this.render()),
      vscode.workspace.onDidCloseTextDocument((doc) => this.byUri.delete(doc.uri.toString())),
    );
    this.render();
  }

  /** Keeps the newest notification per document; an older version arriving late is dropped. */
  onValidated(params: ValidatedParams): void {
    const known = this.byUri.get(params.uri);
    if (known && known.params.version > params.version) return;
    this.byUri.set(params.uri, { params, receivedEpochMs: Date.now() });
    this.render();
  }

  setServerProblem(problem: string | undefined): void {
    this.serverProblem = problem;
    this.render();
  }

  private render(): void {
    let shown: StatusText;
    if (this.serverProblem !== undefined) {
      shown = serverStoppedStatus(this.serverProblem);
    } else {
      const uri = vscode.window.activeTextEditor?.document.uri.toString();
      const validated = uri === undefined ? undefined : this.byUri.get(uri);
      shown = validated ? formatStatus(validated.params, validated.receivedEpochMs) : WAITING_STATUS;
    }
    this.item.text = shown.text;
    this.item.detail = shown.detail;
    this.item.severity = SEVERITY[shown.severity];
    // Without it a screen reader reads the text, `$(check)` and all.
    this.item.accessibilityInformation = { label: shown.accessibilityLabel };
    this.item.busy = shown === WAITING_STATUS;
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}
