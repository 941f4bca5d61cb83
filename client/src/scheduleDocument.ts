/// <reference types="vscode" />
/**
 * Read-only virtual Markdown documents (`runbook-schedule:` scheme) holding the text summary of a
 * plan's schedule, so "show timeline to the side" can open it in the Markdown preview without an
 * untitled buffer that asks to be saved. Replaced by the timeline webview in a later issue.
 */
import * as vscode from 'vscode';

export const SCHEDULE_SCHEME = 'runbook-schedule';

export class ScheduleDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly contents = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** One summary document per runbook; calling again refreshes it. */
  show(runbookUri: vscode.Uri, markdown: string): vscode.Uri {
    const base = runbookUri.path.split('/').pop() || 'runbook';
    const uri = vscode.Uri.from({ scheme: SCHEDULE_SCHEME, path: `/${base} schedule.md`, query: runbookUri.toString() });
    this.contents.set(uri.toString(), markdown);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? 'Run "Runbook: Show Timeline to the Side" again to refresh this summary.\n';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
