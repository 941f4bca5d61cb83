/**
 * What the .vsix would hold, as `vsce ls` reports it (the same file list `vsce package` uses):
 * only the bundles and the files VS Code loads, nothing from node_modules, out/, sources or tests.
 * Needs a build (dist/); `npm test` builds first.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './repoRoot';

const root = repoRoot();

function vsceScript(): string | undefined {
  try {
    return join(dirname(createRequire(join(root, 'package.json')).resolve('@vscode/vsce/package.json')), 'vsce');
  } catch {
    return undefined;
  }
}

const vsce = vsceScript();

const REQUIRED = [
  'package.json',
  'README.md',
  'LICENSE',
  'language-configuration.json',
  'dist/client.js',
  'dist/import.js',
  'dist/server.js',
  'dist/webview.js',
  'dist/webview.css',
  'schemas/runbook.schema.json',
  'syntaxes/runbook.tmLanguage.json',
  'snippets/runbook.json',
  'samples/templates/new.runbook.yaml',
];

test('vsce ls: the package holds exactly the runtime files', { skip: vsce ? false : '@vscode/vsce is not installed (npm install); cannot list the package contents' }, () => {
  const out = execFileSync(process.execPath, [vsce as string, 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  const files = out.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '');
  for (const f of REQUIRED) assert.ok(files.includes(f), `${f} is in the package (run 'npm run build' if dist/ is missing)\n${files.join('\n')}`);
  const forbidden = files.filter((f) => /^(node_modules|out|test|\.git|\.ci|docs|scripts|bin)\//.test(f) || /(^|\/)src\//.test(f) || /\.(ts|map|vsix)$/.test(f));
  assert.deepEqual(forbidden, [], 'no sources, tests, build output or dependencies in the package');
  // Anything else that turns up must be added to REQUIRED on purpose.
  assert.deepEqual(files.filter((f) => !REQUIRED.includes(f)), []);
});
