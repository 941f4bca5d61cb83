// code-server (VS Code 1.139 in the browser) for `npm start` and the end-to-end test: installs it
// once into a tools folder outside the repo, installs the packaged .vsix into it exactly as a user
// would, and starts it on loopback in its own process group.
//
// code-server 4.139 needs Node 24 while this project stays on Node 20, so Node 24 is installed from
// npm (the `node-linux-<arch>` package holds the binary and the headers) into the same tools folder
// and put first on PATH for code-server only. Its native modules build from source against those
// headers (`npm_config_nodedir`); Debian needs `libkrb5-dev` and `pkg-config` for that.
//
// Both installs go to a temporary folder that is renamed into place when complete, so an
// interrupted install is never taken for a finished one. Override the tools folder with
// RUNBOOK_TOOLS_DIR (default ~/.cache/runbook-tools).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE_VERSION = '24.21.0';

export function toolsDir() {
  return process.env.RUNBOOK_TOOLS_DIR || join(homedir(), '.cache', 'runbook-tools');
}

/** The environment without the calling npm's `npm_*` variables (they would steer a nested npm). */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(key) && key !== 'NODE_OPTIONS' && value !== undefined) env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command; resolves with its exit code. Output goes to the terminal unless `quiet`. */
function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: options.quiet ? 'ignore' : 'inherit', env: options.env, cwd: options.cwd });
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}

/** Prints "still installing" every 30 s: npm is silent for minutes while native modules build. */
function ticker(log, what) {
  const startMs = Date.now();
  const timer = setInterval(() => log(`  … still installing ${what} (${Math.round((Date.now() - startMs) / 1000)} s)`), 30_000);
  return () => clearInterval(timer);
}

/** `npm install <spec>` into a fresh temp folder, renamed to `finalDir` once complete. */
async function installInto(finalDir, specs, { env, log, what }) {
  const partial = `${finalDir}.partial-${process.pid}`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(partial, { recursive: true });
  writeFileSync(join(partial, 'package.json'), JSON.stringify({ name: 'runbook-tools', private: true }) + '\n');
  const stop = ticker(log, what);
  let code;
  try {
    code = await run('npm', ['install', ...specs, '--no-audit', '--no-fund', '--no-save', '--loglevel=warn', '--prefix', partial], { env, cwd: partial });
  } catch (err) {
    code = -1;
    log(`  npm could not be started: ${err instanceof Error ? err.message : err}`);
  } finally {
    stop();
  }
  if (code !== 0) {
    rmSync(partial, { recursive: true, force: true });
    throw new Error(`installing ${what} failed (npm exited with ${code}). It needs the npm registry` +
      ' (and, for code-server, Debian packages libkrb5-dev and pkg-config to build native modules).');
  }
  rmSync(finalDir, { recursive: true, force: true });
  renameSync(partial, finalDir);
}

/** Node 24 for code-server: `{ binDir, nodeDir }` (nodeDir holds include/node for native builds). */
export async function ensureNode24(log = console.log) {
  const pkg = `node-${process.platform}-${process.arch}`;
  const dir = join(toolsDir(), `node-${NODE_VERSION}`);
  const nodeDir = join(dir, 'node_modules', pkg);
  const binDir = join(nodeDir, 'bin');
  if (!existsSync(join(binDir, 'node'))) {
    log(`Installing Node ${NODE_VERSION} for code-server into ${dir} (npm package ${pkg}, first run only) …`);
    mkdirSync(toolsDir(), { recursive: true });
    await installInto(dir, [`${pkg}@${NODE_VERSION}`], { env: cleanEnv(), log, what: `Node ${NODE_VERSION}` });
    if (!existsSync(join(binDir, 'node'))) throw new Error(`the npm package ${pkg}@${NODE_VERSION} did not contain bin/node`);
  }
  return { binDir, nodeDir };
}

/** The environment code-server (and npm building it) runs in: Node 24 first on PATH. */
function codeServerEnv(node) {
  return cleanEnv({ PATH: `${node.binDir}${delimiter}${process.env.PATH ?? ''}`, npm_config_nodedir: node.nodeDir });
}

/** Installs code-server when missing; returns `{ bin, env }` to run it with. */
export async function ensureCodeServer(log = console.log) {
  const node = await ensureNode24(log);
  const dir = join(toolsDir(), `code-server-${CODE_SERVER_VERSION}`);
  const bin = join(dir, 'node_modules', '.bin', 'code-server');
  const env = codeServerEnv(node);
  if (!existsSync(bin)) {
    log(`Installing code-server ${CODE_SERVER_VERSION} into ${dir} (first run only; about 5-6 minutes on 2 cores: it builds native modules) …`);
    // npm 11 runs no dependency install scripts unless allowed; code-server's postinstall and its
    // native modules need them.
    await installInto(dir, [`code-server@${CODE_SERVER_VERSION}`, '--dangerously-allow-all-scripts'], { env: { ...env, npm_config_nodedir: node.nodeDir }, log, what: `code-server ${CODE_SERVER_VERSION}` });
    if (!existsSync(bin)) throw new Error(`code-server ${CODE_SERVER_VERSION} installed without its bin script ${bin}`);
    log('code-server installed.');
  }
  return { bin, env };
}

/** Installs a .vsix into an extensions folder with code-server's own CLI, as a user would. */
export async function installExtension(codeServer, vsixPath, extensionsDir, log = console.log) {
  log(`code-server --install-extension ${vsixPath}`);
  const code = await run(codeServer.bin, ['--install-extension', vsixPath, '--extensions-dir', extensionsDir, '--force'], { env: codeServer.env, quiet: false });
  if (code !== 0) throw new Error(`code-server --install-extension ${vsixPath} exited with ${code}`);
}

/** A free TCP port on loopback (asked from the OS, then released for code-server to take). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** User settings for a quiet, trusting, telemetry-free editor. */
export const USER_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'chat.disableAIFeatures': true,
  'editor.inlayHints.enabled': 'on',
  'editor.codeLens': true,
  'editor.lightbulb.enabled': 'on',
  'workbench.editor.enablePreview': false,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

/**
 * Installs the .vsix and starts code-server on `workspace`. Resolves, once the HTTP port answers,
 * with `{ url, port, stop }`; `stop()` ends code-server's whole process group and removes the
 * temporary data folders. `baseDir` is a folder this call may fill (user data, extensions).
 */
export async function startCodeServer({ workspace, vsix, baseDir, log = console.log, port, readyTimeoutMs = 60_000 }) {
  const codeServer = await ensureCodeServer(log);
  const userDataDir = join(baseDir, 'user-data');
  const extensionsDir = join(baseDir, 'extensions');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  mkdirSync(extensionsDir, { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(USER_SETTINGS, null, 2) + '\n');
  const configFile = join(baseDir, 'config.yaml');
  writeFileSync(configFile, 'auth: none\n');
  await installExtension(codeServer, vsix, extensionsDir, log);

  const chosenPort = port ?? (await freePort());
  const args = [
    '--config', configFile,
    '--auth', 'none',
    '--bind-addr', `127.0.0.1:${chosenPort}`,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
    workspace,
  ];
  // detached: its own process group, so stop() ends code-server and every child it forked.
  const child = spawn(codeServer.bin, args, { env: codeServer.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output = [];
  const keep = (chunk) => {
    output.push(String(chunk));
    if (output.length > 200) output.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = false;
  const exitPromise = new Promise((resolve) => child.on('exit', () => {
    exited = true;
    resolve();
  }));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killTimer = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5_000);
      await exitPromise;
      clearTimeout(killTimer);
    }
    rmSync(baseDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${chosenPort}/`;
  const deadline = Date.now() + readyTimeoutMs;
  for (;;) {
    if (exited) {
      await stop();
      throw new Error(`code-server exited before it answered on ${url}. Its output:\n${output.join('')}`);
    }
    try {
      const response = await fetch(`${url}healthz`, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`code-server did not answer on ${url} within ${readyTimeoutMs / 1000} s. Its output:\n${output.join('')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { url, port: chosenPort, stop, output: () => output.join(''), pid: child.pid };
}

/** Runs `cleanup` once on Ctrl+C / SIGTERM / SIGHUP, then exits with the signal's status. */
export function onInterrupt(cleanup) {
  let done = false;
  const handler = (signal) => {
    if (done) return;
    done = true;
    Promise.resolve(cleanup()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, handler);
}
