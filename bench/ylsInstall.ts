/**
 * yaml-language-server for `npm run bench` only: installed on demand into a cache folder
 * (RUNBOOK_TOOLS_DIR, default ~/.cache/runbook-tools, as code-server is), never into the project's
 * node_modules, so a plain `npm ci` stays free of its Node >= 22 engine warning on Node 20.
 * The version is pinned: the comparison in docs/performance.md was measured with it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const YLS_VERSION = '2.0.0';

/** Where the pinned version lives: `<tools>/yaml-language-server-<version>`. */
export function ylsDir(env: NodeJS.ProcessEnv = process.env): string {
  const tools = env.RUNBOOK_TOOLS_DIR || join(homedir(), '.cache', 'runbook-tools');
  return join(tools, `yaml-language-server-${YLS_VERSION}`);
}

/** The server's entry script (may not exist yet). */
export function ylsBin(dir = ylsDir()): string {
  return join(dir, 'node_modules', 'yaml-language-server', 'bin', 'yaml-language-server');
}

/** Installs the pinned version into its cache folder unless it is there; returns the entry script. */
export function ensureYls(log: (line: string) => void = (line) => console.error(line), dir = ylsDir()): string {
  const bin = ylsBin(dir);
  if (existsSync(bin)) return bin;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'runbook-bench-yls', private: true })}\n`);
  log(`bench: installing yaml-language-server ${YLS_VERSION} into ${dir} (once) …`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['install', '--no-audit', '--no-fund', '--no-save', '--engine-strict=false', `yaml-language-server@${YLS_VERSION}`], { cwd: dir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0 || !existsSync(bin)) throw new Error(`could not install yaml-language-server ${YLS_VERSION} into ${dir} (npm exit ${r.status})`);
  return bin;
}

/** The installed version (for the docs line), or '?'. */
export function ylsInstalledVersion(dir = ylsDir()): string {
  try {
    return (JSON.parse(readFileSync(join(dir, 'node_modules', 'yaml-language-server', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}
