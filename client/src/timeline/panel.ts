/// <reference types="vscode" />
/**
 * The timeline webview panel: one panel that follows the active runbook unless locked (like the
 * Markdown preview), its HTML with a fresh nonce, `localResourceRoots` narrowed to dist/, the
 * serializer that brings it back after a window reload, and the VS Code side of the controller:
 * requests to the server, reveal in the editor, the what-if edit as one undoable WorkspaceEdit.
 */
import * as vscode from 'vscode';
import { TIMELINE_VIEW_TYPE, asViewState, type HostMessage } from '../../../shared/src/messages';
import {
  LANGUAGE_ID, whatIfApplyRequest, whatIfRequest, type WhatIfApplyParams, type WhatIfApplyResult, type WhatIfParams, type WhatIfResult,
} from '../../../shared/src/protocol';
import { errorMessage, type Ctx } from '../ctx';
import { TimelineController, type TimelineHost } from './controller';
import { timelineHtml } from './html';

function isRunbook(document: vscode.TextDocument): boolean {
  return document.languageId === LANGUAGE_ID;
}

export class TimelinePanels implements vscode.Disposable, vscode.WebviewPanelSerializer {
  private current: { panel: vscode.WebviewPanel; controller: TimelineController; disposables: vscode.Disposable[] } | undefined;

  constructor(private readonly ctx: Ctx) {}

  /** Opens (or moves) the timeline for `uri`. */
  show(uri: vscode.Uri, column: vscode.ViewColumn, preserveFocus: boolean): void {
    if (this.current) {
      this.current.panel.reveal(column, preserveFocus);
      this.current.controller.show(uri.toString());
      return;
    }
    const panel = vscode.window.createWebviewPanel(TIMELINE_VIEW_TYPE, 'Timeline', { viewColumn: column, preserveFocus }, this.options());
    this.setUp(panel, uri.toString(), undefined);
  }

  /** The serializer: VS Code restores a timeline after a window reload with the page's saved state. */
  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
    const saved = asViewState(state);
    this.current?.panel.dispose();
    this.setUp(panel, saved?.uri, saved);
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableFindWidget: true,
      // Only the bundles: the page loads nothing else.
      localResourceRoots: [vscode.Uri.joinPath(this.ctx.extensionContext.extensionUri, 'dist')],
    };
  }

  private setUp(panel: vscode.WebviewPanel, uri: string | undefined, saved: ReturnType<typeof asViewState>): void {
    const webview = panel.webview;
    webview.options = this.options();
    const dist = vscode.Uri.joinPath(this.ctx.extensionContext.extensionUri, 'dist');
    const host = this.host(panel);
    const controller = new TimelineController(host, { uri, locked: saved?.locked, overrides: saved?.overrides });
    const disposables: vscode.Disposable[] = [
      webview.onDidReceiveMessage((message: unknown) => void controller.onPageMessage(message)),
      vscode.window.onDidChangeActiveTextEditor((editor) => {
        if (editor && isRunbook(editor.document)) controller.onActiveRunbook(editor.document.uri.toString());
      }),
      vscode.workspace.onDidChangeTextDocument((e) => controller.onDocumentChanged(e.document.uri.toString())),
      vscode.window.onDidChangeTextEditorSelection((e) => {
        const document = e.textEditor.document;
        if (!isRunbook(document)) return;
        const position = e.selections[0]?.active;
        if (!position) return;
        const range = document.getWordRangeAtPosition(position, /[^\s:,[\]{}#'"]+/);
        controller.onCursor(document.uri.toString(), position.line, range ? document.getText(range) : undefined);
      }),
    ];
    panel.onDidDispose(() => {
      controller.dispose();
      for (const d of disposables) d.dispose();
      if (this.current?.panel === panel) this.current = undefined;
    });
    this.current = { panel, controller, disposables };
    webview.html = timelineHtml({
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.css')).toString(),
    });
  }

  private host(panel: vscode.WebviewPanel): TimelineHost {
    const ctx = this.ctx;
    return {
      async whatIf(uri, overrides): Promise<WhatIfResult | null> {
        const client = await ctx.readyClient();
        if (!client) return null;
        const params: WhatIfParams = { uri, overrides };
        return client.sendRequest(whatIfRequest, params);
      },
      async apply(uri, version, overrides) {
        const client = await ctx.readyClient();
        if (!client) return { ok: false, message: 'The runbook language server is not running.' };
        const params: WhatIfApplyParams = { uri, version, overrides };
        let result: WhatIfApplyResult | null;
        try {
          result = await client.sendRequest(whatIfApplyRequest, params);
        } catch (error) {
          return { ok: false, message: `Could not compute the edit: ${errorMessage(error)}` };
        }
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
        if (!result || !document) return { ok: false, message: 'The runbook is not open any more.' };
        if (result.edits.length === 0) return { ok: false, message: ['Nothing to write: the runbook already says this.', ...result.problems].join(' ') };
        if (document.version !== result.version || result.version !== version) {
          return { ok: false, message: 'The runbook changed while the edit was computed; try Apply again.' };
        }
        const edit = new vscode.WorkspaceEdit();
        for (const e of result.edits) {
          edit.replace(document.uri, new vscode.Range(e.range.start.line, e.range.start.character, e.range.end.line, e.range.end.character), e.newText);
        }
        // One WorkspaceEdit: one undo step in the editor.
        const applied = await vscode.workspace.applyEdit(edit);
        if (!applied) return { ok: false, message: 'VS Code refused the edit (is the file read-only?).' };
        return { ok: true, message: `Applied to the runbook (undo with Ctrl+Z): ${result.changes.join('; ')}.${result.problems.length ? ` Not written: ${result.problems.join('; ')}` : ''}` };
      },
      reveal(uri, line) {
        void revealLine(uri, line);
      },
      exportTimeline(uri) {
        void vscode.commands.executeCommand('runbook.exportTimeline', uri);
      },
      post(message: HostMessage) {
        void panel.webview.postMessage(message);
      },
      setTitle(title) {
        panel.title = title;
      },
      fileName(uri) {
        return vscode.Uri.parse(uri).path.split('/').pop() || uri;
      },
      schedule(callback, delayMs) {
        const handle = setTimeout(callback, delayMs);
        return { cancel: () => clearTimeout(handle) };
      },
      log(message) {
        ctx.outputChannel.warn(message);
      },
    };
  }

  dispose(): void {
    this.current?.panel.dispose();
    this.current = undefined;
  }
}

/** Shows the runbook with the cursor on `line`, in the editor that already shows it if there is one. */
async function revealLine(uri: string, line: number): Promise<void> {
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
  const document = visible?.document ?? (await vscode.workspace.openTextDocument(vscode.Uri.parse(uri)));
  const editor = await vscode.window.showTextDocument(document, { viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One, preserveFocus: false });
  const position = new vscode.Position(Math.min(line, document.lineCount - 1), 0);
  editor.selection = new vscode.Selection(position, position);
  editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
