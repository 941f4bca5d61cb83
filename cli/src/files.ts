/**
 * Turns FILES arguments into paths and reads them with one-line, human error messages. Patterns
 * with `*`, `?` or `**` are expanded here too, because not every shell does it (cmd.exe,
 * PowerShell, or a quoted pattern in a CI step).
 */
import { posix } from 'node:path';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import { nearest } from '../../shared/src/text/nearest';
import type { CliIo } from './io';

export class UsageError extends Error {}

/**
 * A `parseArgs` failure as a UsageError: its messages carry advice after the first sentence; one line
 * is enough. Node's messages start with a capital ("Unknown option '--fromat'"); ours are lowercase
 * like every other message, and an unknown option names the nearest known one (`options`: the
 * command's parseArgs options) as "did you mean '--format'?".
 */
export function usageErrorFrom(error: unknown, options: Readonly<Record<string, unknown>> = {}): UsageError {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split(/\.\s|\n/)[0].replace(/\.$/, '');
  const sentence = first.charAt(0).toLowerCase() + first.slice(1);
  const unknown = /^unknown option '(--?[^']*)'/.exec(sentence);
  if (unknown) {
    const given = unknown[1].replace(/^-+/, '').split('=')[0];
    const guess = nearest(given, Object.keys(options));
    if (guess !== undefined) return new UsageError(`${sentence}; did you mean '--${guess}'?`);
  }
  return new UsageError(sentence);
}

/** A problem reading input: reported on stderr, exit code 2, other files still run. */
export class InputError extends Error {}

export function isPattern(arg: string): boolean {
  return /[*?]/.test(arg);
}

/** Expands one argument: a plain path is returned as is; a pattern yields its matches, sorted. */
export function expandArgument(arg: string, io: CliIo): string[] {
  if (!isPattern(arg)) return [arg];
  const normalized = arg.replace(/\\/g, '/');
  const segments = normalized.split('/');
  const firstPattern = segments.findIndex(isPattern);
  const base = segments.slice(0, firstPattern).join('/');
  const rest = segments.slice(firstPattern);
  const matches: string[] = [];
  const budget = { directories: MAX_DIRECTORIES };
  walk(base, rest, io, matches, 0, budget);
  if (budget.directories < 0) throw new InputError(`the pattern '${arg}' searches more than ${MAX_DIRECTORIES} folders; narrow it`);
  return [...new Set(matches)].sort();
}

const MAX_DEPTH = 40;
/** Bounds a `**` walk (symbolic-link loops, or a pattern rooted too high). */
const MAX_DIRECTORIES = 10_000;

function walk(dir: string, rest: string[], io: CliIo, out: string[], depth: number, budget: { directories: number }): void {
  if (rest.length === 0 || depth > MAX_DEPTH || --budget.directories < 0) return;
  const [segment, ...tail] = rest;
  const listing = dir === '' ? '.' : dir;
  if (segment === '**') {
    // `**` matches zero or more directories.
    walk(dir, tail, io, out, depth + 1, budget);
    for (const name of io.listDirectory(listing)) {
      if (name.startsWith('.') || name === 'node_modules') continue;
      const child = dir === '' ? name : posix.join(dir, name);
      if (io.isDirectory(child)) walk(child, rest, io, out, depth + 1, budget);
    }
    return;
  }
  if (!isPattern(segment)) {
    const child = dir === '' ? segment : posix.join(dir, segment);
    if (tail.length === 0) {
      if (!io.isDirectory(child)) out.push(child);
    } else if (io.isDirectory(child)) walk(child, tail, io, out, depth + 1, budget);
    return;
  }
  const re = segmentRegExp(segment);
  for (const name of io.listDirectory(listing)) {
    if (name.startsWith('.') && !segment.startsWith('.')) continue;
    if (!re.test(name)) continue;
    const child = dir === '' ? name : posix.join(dir, name);
    if (tail.length === 0) {
      if (!io.isDirectory(child)) out.push(child);
    } else if (io.isDirectory(child)) walk(child, tail, io, out, depth + 1, budget);
  }
}

function segmentRegExp(segment: string): RegExp {
  const body = segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]');
  return new RegExp(`^${body}$`);
}

/** The CLI's default size limit: the same as the editor's `runbook.maxDocumentBytes` default (8 MiB). */
export const DEFAULT_MAX_BYTES = DEFAULT_SETTINGS.maxDocumentBytes;

/** Reads a runbook as text, or throws an InputError whose message is one line. */
export function readRunbook(path: string, io: CliIo, maxBytes: number = DEFAULT_MAX_BYTES): string {
  if (io.isDirectory(path)) throw new InputError(`cannot read '${path}': is a directory (give runbook files, or a pattern such as '${trimSlash(path)}/*.runbook.yaml')`);
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw new InputError(`cannot read '${path}': ${describeErrno(error)}`);
  }
  const bytes = text.length * 3 > maxBytes ? Buffer.byteLength(text, 'utf8') : text.length;
  if (bytes > maxBytes) {
    throw new InputError(`'${path}' is ${bytes} bytes, above the limit of ${maxBytes} bytes, so it was not checked; raise the limit with --max-bytes (the editor's is the runbook.maxDocumentBytes setting)`);
  }
  // A UTF-8 byte order mark is not part of the YAML text.
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (body.trim() === '') throw new InputError(`'${path}' is empty: there is no runbook in it to check`);
  return body;
}

function trimSlash(path: string): string {
  return path.replace(/[\\/]+$/, '') || '.';
}

function describeErrno(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENAMETOOLONG':
      return 'the name is too long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too many open files';
    default:
      return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}
