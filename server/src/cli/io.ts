/**
 * Everything the CLI touches outside itself, passed in so tests can run `main` in-process with
 * captured streams and a temporary working directory.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Analysis } from '../engine/analyze';

export interface OutputStream {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: OutputStream;
  readonly stderr: OutputStream;
  /** Reads a file (path as given, resolved against `cwd`) as UTF-8; throws a Node errno error. */
  readFile(path: string): string;
  /** Whether `path` names a directory (false when it does not exist). */
  isDirectory(path: string): boolean;
  /** Entry names of a directory, or [] when it cannot be listed. */
  listDirectory(path: string): string[];
  readonly cwd: string;
  /** Whether stdout is a terminal (colour is used only then). */
  readonly isTTY: boolean;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The engine facade; replaceable so tests can make the engine fail on one file. */
  readonly analyze?: (text: string) => Analysis;
}

export type FileSystemIo = Pick<CliIo, 'readFile' | 'isDirectory' | 'listDirectory' | 'cwd'>;

/** The real file system, with relative paths resolved against `cwd`. */
export function fileSystemIo(cwd: string): FileSystemIo {
  const resolve = (p: string): string => resolvePath(cwd, p);
  return {
    readFile: (p) => readFileSync(resolve(p), 'utf8'),
    isDirectory: (p) => {
      try {
        return statSync(resolve(p)).isDirectory();
      } catch {
        return false;
      }
    },
    listDirectory: (p) => {
      try {
        return readdirSync(resolve(p));
      } catch {
        return [];
      }
    },
    cwd,
  };
}

/** The real process: streams, file system and environment. */
export function processIo(): CliIo {
  return {
    ...fileSystemIo(process.cwd()),
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stdout.isTTY === true,
    env: process.env,
  };
}
