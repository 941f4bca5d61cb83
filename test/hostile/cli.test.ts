/**
 * The CLI under bad input: each case gives one clear `runbook: ...` line on stderr, exit code 2, no
 * stack trace (unless --debug), and nothing on stdout that pretends files were checked.
 */
import { strict as assert } from 'node:assert';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { decodeUtf8, fileSystemIo, type CliIo } from '../../cli/src/io';
import { main } from '../../cli/src/main';
import { VALID, workspace, type RunResult } from '../cli/harness';

/** The CLI in-process, with parts of the file system replaceable (to make it fail on purpose). */
function runIn(cwd: string, argv: readonly string[], override: Partial<Pick<CliIo, 'readFile' | 'listDirectory'>> = {}): RunResult {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    ...fileSystemIo(cwd),
    ...override,
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    isTTY: false,
    env: {},
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

const STACK = /\n\s+at .+\(.*:\d+:\d+\)/;

function assertOneLine(r: RunResult, pattern: RegExp): void {
  assert.equal(r.code, 2, r.stderr);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^runbook: [^\n]+\n$/);
  assert.match(r.stderr, pattern);
  assert.doesNotMatch(r.stderr, STACK);
}

describe('runbook CLI under bad input', () => {
  let dir = '';
  let cleanup = (): void => {};
  before(() => {
    ({ dir, cleanup } = workspace({ 'valid.runbook.yaml': VALID, 'empty.runbook.yaml': '', 'blank.runbook.yaml': ' \n\t\n' }));
    mkdirSync(join(dir, 'folder.runbook.yaml'));
    writeFileSync(join(dir, 'latin1.runbook.yaml'), Buffer.concat([Buffer.from('runbook: 1\nname: Caf'), Buffer.from([0xe9]), Buffer.from(' move\n')]));
    writeFileSync(join(dir, 'utf16.runbook.yaml'), Buffer.from('\ufeffrunbook: 1\n', 'utf16le'));
    writeFileSync(join(dir, 'locked.runbook.yaml'), VALID);
  });
  after(() => cleanup());

  it('a missing file', () => assertOneLine(runIn(dir, ['check', 'nope.runbook.yaml']), /cannot read 'nope\.runbook\.yaml': no such file/));
  it('a directory', () => assertOneLine(runIn(dir, ['check', 'folder.runbook.yaml']), /is a directory/));
  it('an empty file', () => assertOneLine(runIn(dir, ['check', 'empty.runbook.yaml']), /'empty\.runbook\.yaml' is empty/));
  it('a file of only whitespace', () => assertOneLine(runIn(dir, ['estimate', 'blank.runbook.yaml']), /is empty/));
  it('non-UTF-8 bytes: the place of the first bad byte', () => assertOneLine(runIn(dir, ['check', 'latin1.runbook.yaml']), /not UTF-8 text \(byte 0xe9 at line 2, byte 10 of the line\); save the file as UTF-8/));
  it('UTF-16 text', () => assertOneLine(runIn(dir, ['check', 'utf16.runbook.yaml']), /UTF-16/));
  it('a pattern that matches nothing', () => assertOneLine(runIn(dir, ['check', 'plans/**/*.runbook.yaml']), /no files match 'plans\/\*\*\/\*\.runbook\.yaml'/));
  it('a file above --max-bytes', () => assertOneLine(runIn(dir, ['check', '--max-bytes', '100', 'valid.runbook.yaml']), /above the limit of 100 bytes.*--max-bytes.*runbook\.maxDocumentBytes/));

  it('an unknown option: the error line and the usual hint, exit 2', () => {
    const r = runIn(dir, ['check', '--frobnicate', 'valid.runbook.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^runbook: unknown option '--frobnicate'\nTry 'runbook --help'\.\n$/i);
  });

  it('--max-bytes must be a whole number', () => {
    const r = runIn(dir, ['check', '--max-bytes', '1.5', 'valid.runbook.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--max-bytes takes a whole number/);
  });

  it('an unreadable file (chmod 000; as root, where chmod does not stop reading, an EACCES from the file system stands in)', (t) => {
    const path = join(dir, 'locked.runbook.yaml');
    chmodSync(path, 0o000);
    let readable = true;
    try {
      readFileSync(path);
    } catch {
      readable = false;
    }
    if (!readable) {
      assertOneLine(runIn(dir, ['check', 'locked.runbook.yaml']), /cannot read 'locked\.runbook\.yaml': permission denied/);
      return;
    }
    t.diagnostic('running as root: chmod 000 does not prevent reading, so the EACCES comes from a stand-in file system');
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const r = runIn(dir, ['check', 'locked.runbook.yaml'], { readFile: () => { throw denied; } });
    assertOneLine(r, /cannot read 'locked\.runbook\.yaml': permission denied/);
  });

  it('the good files still run next to a bad one (exit 2 for the bad one)', () => {
    const r = runIn(dir, ['check', 'valid.runbook.yaml', 'empty.runbook.yaml']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^runbook: 'empty\.runbook\.yaml' is empty[^\n]*\n$/);
    assert.match(r.stdout, /in 1 file/);
  });

  it('an internal error: one line without --debug, the stack trace with it', () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    // A crash outside the per-file guard: the file system itself throws something unexpected.
    const plain = runIn(dir, ['check', 'plans/*.yaml'], { listDirectory: boom });
    assert.equal(plain.code, 2);
    assert.match(plain.stderr, /^runbook: internal error: boom \(run with --debug for the stack trace\)\n$/);
    const debug = runIn(dir, ['--debug', 'check', 'plans/*.yaml'], { listDirectory: boom });
    assert.equal(debug.code, 2);
    assert.match(debug.stderr, /^runbook: internal error: boom\nError: boom\n\s+at /);
  });

  it('decodeUtf8 rejects overlong forms, surrogates and truncated sequences, and keeps valid text', () => {
    assert.equal(decodeUtf8(Buffer.from('a é 😀 \ufeff', 'utf8')), 'a é 😀 \ufeff');
    for (const bytes of [[0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf0, 0x9f, 0x98], [0xf4, 0x90, 0x80, 0x80], [0x61, 0x80]]) {
      assert.throws(() => decodeUtf8(Uint8Array.from(bytes)), /not UTF-8 text/, JSON.stringify(bytes));
    }
  });
});
