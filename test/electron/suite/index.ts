/// <reference types="vscode" />
/**
 * Runs inside VS Code's extension host (loaded by runTest.ts). No mocha: a plain list of checks,
 * each waiting on events (diagnostics changing), never on sleeps.
 */
import assert from 'node:assert/strict';
import { join, resolve } from 'node:path';
import * as vscode from 'vscode';
import { LANGUAGE_ID } from '../../../shared/src/protocol';

const root = resolve(__dirname, '../../../..');
const EXTENSION_ID = 'migration-runbooks.migration-runbooks';

function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Resolves with the document's diagnostics once `accept` holds for them; rejects after timeoutMs. */
function diagnosticsFor(uri: vscode.Uri, accept: (ds: readonly vscode.Diagnostic[]) => boolean, timeoutMs = 30_000): Promise<readonly vscode.Diagnostic[]> {
  return new Promise((resolvePromise, reject) => {
    const check = (): boolean => {
      const ds = vscode.languages.getDiagnostics(uri);
      if (!accept(ds)) return false;
      cleanup();
      resolvePromise(ds);
      return true;
    };
    const listener = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`no matching diagnostics for ${uri.toString()} within ${timeoutMs} ms; got ${JSON.stringify(vscode.languages.getDiagnostics(uri).map(codeOf))}`));
    }, timeoutMs);
    function cleanup(): void {
      listener.dispose();
      clearTimeout(timer);
    }
    check();
  });
}

const checks: { name: string; run: () => Promise<void> }[] = [
  {
    name: 'a *.runbook.yaml file opens as migration-runbook and activates the extension',
    run: async () => {
      const doc = await vscode.workspace.openTextDocument(join(root, 'samples', 'metro-stretched-vlan.runbook.yaml'));
      await vscode.window.showTextDocument(doc);
      assert.equal(doc.languageId, LANGUAGE_ID);
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      assert.ok(ext, `extension ${EXTENSION_ID} is loaded`);
      await ext.activate();
      const commands = await vscode.commands.getCommands(true);
      for (const c of ['showTimeline', 'showTimelineToSide', 'restartServer', 'showOutput', 'newRunbook']) assert.ok(commands.includes(`runbook.${c}`), c);
    },
  },
  {
    name: 'a bad unit gets an RB010 diagnostic on its line',
    run: async () => {
      const content = 'runbook: 1\nname: e2e\nvms:\n  a:\n    memory: 8 GiBB\n';
      const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content });
      await vscode.window.showTextDocument(doc);
      const ds = await diagnosticsFor(doc.uri, (all) => all.some((d) => codeOf(d) === 'RB010'));
      const rb010 = ds.find((d) => codeOf(d) === 'RB010');
      assert.equal(rb010?.range.start.line, 4);
      assert.equal(rb010?.severity, vscode.DiagnosticSeverity.Error);
    },
  },
  {
    name: 'fixing the unit clears the diagnostic',
    run: async () => {
      const doc = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: 'runbook: 1\nvms:\n  a:\n    memory: 8 GiBB\n' });
      const editor = await vscode.window.showTextDocument(doc);
      await diagnosticsFor(doc.uri, (all) => all.some((d) => codeOf(d) === 'RB010'));
      await editor.edit((b) => b.replace(new vscode.Range(3, 14, 3, 18), 'GiB'));
      await diagnosticsFor(doc.uri, (all) => !all.some((d) => codeOf(d) === 'RB010'));
    },
  },
  {
    name: 'Runbook: New Runbook from Template opens an untitled runbook',
    run: async () => {
      await vscode.commands.executeCommand('runbook.newRunbook');
      const doc = vscode.window.activeTextEditor?.document;
      assert.equal(doc?.languageId, LANGUAGE_ID);
      assert.equal(doc?.isUntitled, true);
      assert.match(doc?.getText() ?? '', /^# migration-runbook/);
    },
  },
];

export async function run(): Promise<void> {
  const failures: string[] = [];
  for (const c of checks) {
    try {
      await c.run();
      console.log(`ok - ${c.name}`);
    } catch (err) {
      failures.push(c.name);
      console.error(`not ok - ${c.name}\n${err instanceof Error ? err.stack ?? err.message : String(err)}`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${checks.length} end-to-end checks failed: ${failures.join('; ')}`);
}
