// `npm start`, the main job on a fresh machine (after `npm ci`): builds, packages the extension
// (.vsix), installs code-server on first use (VS Code for the browser; about 5-6 minutes, with
// progress), installs the .vsix into it as a user would, and opens a scratch copy of samples/
// (or the folder given: `npm start -- path/to/runbooks`) on a loopback URL. Runs until Ctrl+C,
// then ends code-server's process group and removes the scratch folders.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { ensureCodeServer, onInterrupt, startCodeServer } from './code-server.mjs';

const root = resolve(import.meta.dirname, '..');
const log = (line) => console.log(line);
const step = (title, command, args) => {
  log(`\n$ ${[command, ...args].join(' ')}    # ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`\nnpm start: ${title} failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
};

const { name, version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const vsix = join(root, `${name}-${version}.vsix`);
const folderArg = process.argv[2];

step('build', 'npm', ['run', 'build']);
step('package the extension', 'npm', ['run', 'package', '--', '--out', vsix]);
try {
  await ensureCodeServer(log);
} catch (err) {
  console.error(`\nnpm start: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}

const scratch = mkdtempSync(join(tmpdir(), 'runbook-start-'));
let workspace;
if (folderArg) {
  workspace = resolve(folderArg);
  if (!existsSync(workspace)) {
    console.error(`npm start: no folder ${workspace}`);
    process.exit(1);
  }
} else {
  // A copy, so edits made while trying the editor never change the samples the tests rely on.
  workspace = join(scratch, 'samples');
  cpSync(join(root, 'samples'), workspace, { recursive: true });
}

let server;
onInterrupt(async () => {
  log('\nStopping code-server …');
  await server?.stop();
  rmSync(scratch, { recursive: true, force: true });
});
try {
  server = await startCodeServer({ workspace, vsix, baseDir: join(scratch, 'code-server'), log });
} catch (err) {
  console.error(`\nnpm start: ${err instanceof Error ? err.message : err}`);
  rmSync(scratch, { recursive: true, force: true });
  process.exit(1);
}

const hasCode = (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'code')));
log(`
Migration Runbooks is running in VS Code (code-server ${server.url.replace(/\/$/, '')}, loopback only, no password).

  Open ${server.url} in a browser on this machine.
  Workspace: ${workspace}${folderArg ? '' : ' (a scratch copy of samples/: edits are discarded on exit)'}
  Try: open infeasible.runbook.yaml (Problems panel, hover a VM id, the light bulb on '10 Gbs'),
       then "Runbook: Show Timeline to the Side" from the command palette (F1).
  The packaged extension: ${vsix}${hasCode ? `
  With VS Code here you can also run: code --extensionDevelopmentPath=${root} ${join(root, 'samples')}
  or install the package: code --install-extension ${vsix}` : ''}

Press Ctrl+C to stop.`);
// Stay alive until Ctrl+C (onInterrupt cleans up); if code-server dies, say so and exit.
const exitCheck = setInterval(async () => {
  try {
    await fetch(`${server.url}healthz`, { signal: AbortSignal.timeout(5_000) });
  } catch {
    clearInterval(exitCheck);
    console.error(`code-server stopped answering on ${server.url}. Its last output:\n${server.output().slice(-4000)}`);
    await server.stop();
    rmSync(scratch, { recursive: true, force: true });
    process.exit(1);
  }
}, 10_000);
