// `npm run test:e2e` (also the last part of `npm test`): packages the extension, installs the .vsix
// into code-server (installing code-server itself on first use), starts it on loopback with a
// scratch copy of samples/, and runs out/test/e2e/editor.e2e.js against it in headless Chromium.
// Expects a finished build (out/ and dist/). Screenshots and code-server's log: test-results/e2e/.
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ensureCodeServer, onInterrupt, startCodeServer } from '../../scripts/code-server.mjs';

const root = resolve(import.meta.dirname, '../..');
const resultsDir = join(root, 'test-results', 'e2e');
const testFile = resolve(root, process.env.OUT_DIR ?? 'out', 'test', 'e2e', 'editor.e2e.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const log = (line) => console.log(`[e2e] ${line}`);

function fail(message) {
  console.error(`[e2e] FAILED: ${message}`);
  process.exit(1);
}

/** Runs a command, keeping its output unless it fails (then prints it). */
function runQuiet(command, args) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code) => resolvePromise({ code: code ?? 1, output }));
  });
}

if (!existsSync(testFile)) fail(`${testFile} is missing: run \`npm run build\` first (npm test and npm run test:e2e do).`);
if (!existsSync(join(root, 'dist', 'client.js'))) fail('dist/client.js is missing: run `npm run build` first.');
if (!existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath}: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH.`);

const startedMs = Date.now();
const scratch = mkdtempSync(join(tmpdir(), 'runbook-e2e-'));
let server;
let testChild;
const cleanup = async () => {
  testChild?.kill('SIGTERM');
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
};
onInterrupt(cleanup);

let exitCode = 1;
try {
  mkdirSync(resultsDir, { recursive: true });
  for (const name of readdirSync(resultsDir)) if (name.endsWith('.png') || name.endsWith('.log')) unlinkSync(join(resultsDir, name));

  try {
    await ensureCodeServer(log);
  } catch (err) {
    throw new Error(`code-server is not installed and could not be installed: ${err instanceof Error ? err.message : err}`);
  }

  const vsix = join(scratch, 'migration-runbooks.vsix');
  log('npm run package (vsce) …');
  const packaged = await runQuiet('npm', ['run', 'package', '--', '--out', vsix]);
  if (packaged.code !== 0 || !existsSync(vsix)) throw new Error(`npm run package failed:\n${packaged.output}`);

  const workspace = join(scratch, 'samples');
  cpSync(join(root, 'samples'), workspace, { recursive: true });
  log('starting code-server …');
  server = await startCodeServer({ workspace, vsix, baseDir: join(scratch, 'code-server'), log });
  log(`code-server ready at ${server.url} (${Math.round((Date.now() - startedMs) / 1000)} s); running the editor steps in Chromium`);

  exitCode = await new Promise((resolvePromise) => {
    testChild = spawn(process.execPath, ['--test', '--test-reporter=spec', '--test-concurrency=1', testFile], {
      cwd: root,
      stdio: 'inherit',
      // NODE_PATH: an out-of-tree OUT_DIR build still resolves this repo's packages.
      env: { ...process.env, NODE_PATH: join(root, 'node_modules'), RUNBOOK_E2E_URL: server.url, RUNBOOK_E2E_WORKSPACE: workspace, RUNBOOK_E2E_RESULTS: resultsDir, CHROMIUM_PATH: chromiumPath },
    });
    testChild.on('exit', (code) => resolvePromise(code ?? 1));
  });
} catch (err) {
  console.error(`[e2e] FAILED: ${err instanceof Error ? err.message : err}`);
  exitCode = 1;
} finally {
  if (server) writeFileSync(join(resultsDir, 'code-server.log'), server.output());
  await cleanup();
}
log(`${exitCode === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - startedMs) / 1000)} s; screenshots in ${resultsDir}`);
process.exit(exitCode);
