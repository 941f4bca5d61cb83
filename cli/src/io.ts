/**
 * Everything the CLI touches outside itself, passed in so tests can run `main` in-process with
 * captured streams and a temporary working directory.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { resolve as resolvePath } from 'node:path';
import type { Analysis } from '../../server/src/engine/analyze';

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

/** Thrown for a file that is not UTF-8 text (`code` lets files.ts tell it from errno errors). */
export class EncodingError extends Error {
  readonly code = 'ENOTUTF8';
}

/**
 * Strict UTF-8: bytes that are not UTF-8 (a Latin-1 or UTF-16 export) are an input problem named by
 * its place, not text silently turned into U+FFFD replacement characters.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new EncodingError('the file is UTF-16 text; save it as UTF-8');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at; i++) if (bytes[i] === 0x0a) { line++; lineStart = i + 1; }
    throw new EncodingError(`not UTF-8 text (byte 0x${bytes[at].toString(16).padStart(2, '0')} at line ${line}, byte ${at - lineStart + 1} of the line); save the file as UTF-8`);
  }
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence (RFC 3629). */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length === 0) return i;
    for (let k = 1; k < length; k++) if (i + k >= bytes.length || (bytes[i + k] & 0xc0) !== 0x80) return i;
    // Overlong 3/4-byte forms, UTF-16 surrogates and code points above U+10FFFF.
    const c1 = bytes[i + 1];
    if ((b === 0xe0 && c1 < 0xa0) || (b === 0xed && c1 > 0x9f) || (b === 0xf0 && c1 < 0x90) || (b === 0xf4 && c1 > 0x8f)) return i;
    i += length;
  }
  return Math.max(0, bytes.length - 1);
}

/** The real file system, with relative paths resolved against `cwd`. */
export function fileSystemIo(cwd: string): FileSystemIo {
  const resolve = (p: string): string => resolvePath(cwd, p);
  return {
    readFile: (p) => decodeUtf8(readFileSync(resolve(p))),
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
