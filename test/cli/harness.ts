/** Runs the CLI in-process against a temporary directory, capturing stdout and stderr. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Analysis } from '../../server/src/engine/analyze';
import { fileSystemIo, type CliIo } from '../../cli/src/io';
import { main } from '../../cli/src/main';

export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly isTTY?: boolean;
  readonly env?: Record<string, string | undefined>;
  readonly analyze?: (text: string) => Analysis;
}

export function runIn(cwd: string, argv: readonly string[], options: RunOptions = {}): RunResult {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    ...fileSystemIo(cwd),
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: options.isTTY ?? false,
    env: options.env ?? {},
    analyze: options.analyze,
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

/** A temporary directory with the given files; remove it with `cleanup`. */
export function workspace(files: Record<string, string>): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-cli-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A small valid runbook (no findings from the engine's own layers). */
export const VALID = `runbook: 1
name: Small move
sites:
  a: { name: Site A, vsphere: "8.0" }
  b: { name: Site B, vsphere: "8.0" }
links:
  a-b: { from: a, to: b, bandwidth: 10 Gbps, rtt: 5 ms }
vms:
  web01: { memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s }
waves:
  - name: Wave 1
    link: a-b
    window: { start: "2026-12-05T22:00:00-05:00", duration: 4h }
    vms: [web01]
`;

/** A unit typo on line 9 (`GiBB`): RB010 at 1-based line 9, column of the unit. */
export const UNIT_TYPO = VALID.replace('memory: 8 GiB,', 'memory: 8 GiBB,');

/** Broken YAML: an unclosed flow sequence. */
export const SYNTAX_ERROR = `runbook: 1
vms: [web01
waves:
  - name: x
`;

/** The repository root: tests run from it (npm test, scripts/run-tests.mjs). */
export const REPO_ROOT = process.cwd();
