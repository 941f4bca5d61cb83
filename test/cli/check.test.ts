import { strict as assert } from 'node:assert';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadServer } from '../../cli/src/lsp';
import { toJsonReport } from '../../cli/src/formatJson';
import { analyze } from '../../server/src/engine/analyze';
import { runIn, SYNTAX_ERROR, UNIT_TYPO, VALID, workspace } from './harness';

describe('runbook check', () => {
  let dir = '';
  let cleanup = (): void => {};
  before(() => {
    ({ dir, cleanup } = workspace({
      'valid.runbook.yaml': VALID,
      'typo.runbook.yaml': UNIT_TYPO,
      'syntax.runbook.yaml': SYNTAX_ERROR,
      'plans/a.runbook.yaml': VALID,
      'plans/deep/b.runbook.yaml': VALID,
      'plans/notes.txt': 'not a runbook',
    }));
  });
  after(() => cleanup());

  describe('exit codes', () => {
    const cases: { name: string; argv: string[]; code: number; stderr?: RegExp }[] = [
      { name: 'a valid runbook', argv: ['check', 'valid.runbook.yaml'], code: 0 },
      { name: 'a unit typo (error finding)', argv: ['check', 'typo.runbook.yaml'], code: 1 },
      { name: 'a YAML syntax error', argv: ['check', 'syntax.runbook.yaml'], code: 1 },
      { name: 'valid and invalid together', argv: ['check', 'valid.runbook.yaml', 'typo.runbook.yaml'], code: 1 },
      { name: 'a missing file', argv: ['check', 'missing.runbook.yaml'], code: 2, stderr: /^runbook: cannot read 'missing\.runbook\.yaml': no such file\n$/ },
      { name: 'a directory', argv: ['check', 'plans'], code: 2, stderr: /^runbook: cannot read 'plans': is a directory/ },
      { name: 'a pattern matching nothing', argv: ['check', 'nothing/*.runbook.yaml'], code: 2, stderr: /^runbook: no files match 'nothing\/\*\.runbook\.yaml'\n$/ },
      { name: 'an unknown option', argv: ['check', '--frobnicate', 'valid.runbook.yaml'], code: 2, stderr: /^runbook: unknown option '--frobnicate'\n/ },
      { name: 'an unknown format', argv: ['check', '--format', 'xml', 'valid.runbook.yaml'], code: 2, stderr: /^runbook: unknown format 'xml' \(formats: text, json, sarif\)\n/ },
      { name: 'no FILES', argv: ['check'], code: 2, stderr: /^runbook: check needs at least one FILE\n/ },
      { name: 'an unknown command', argv: ['frobnicate'], code: 2, stderr: /^runbook: unknown command 'frobnicate'/ },
      { name: 'no command', argv: [], code: 2, stderr: /^Usage: runbook/ },
      { name: '--help', argv: ['--help'], code: 0 },
      { name: 'check --help', argv: ['check', '--help'], code: 0 },
      { name: '--version', argv: ['--version'], code: 0 },
    ];
    for (const c of cases) {
      it(`${c.name} -> ${c.code}`, () => {
        const r = runIn(dir, c.argv);
        assert.equal(r.code, c.code, `stdout: ${r.stdout}\nstderr: ${r.stderr}`);
        if (c.stderr) assert.match(r.stderr, c.stderr);
        assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
      });
    }

    it('a missing file does not stop the other files', () => {
      const r = runIn(dir, ['check', 'missing.runbook.yaml', 'typo.runbook.yaml']);
      assert.equal(r.code, 2);
      assert.match(r.stdout, /^typo\.runbook\.yaml:9:22 error RB010 /m);
      assert.match(r.stdout, /1 error, 0 warnings in 1 file\n$/);
    });

    it('reports input problems in argument order, once per file', () => {
      const r = runIn(dir, ['check', 'missing.runbook.yaml', 'nothing/*.yaml', 'valid.runbook.yaml', 'valid.runbook.yaml']);
      assert.equal(r.code, 2);
      assert.equal(r.stderr, "runbook: cannot read 'missing.runbook.yaml': no such file\nrunbook: no files match 'nothing/*.yaml'\n");
      assert.equal(r.stdout, '0 errors, 0 warnings in 1 file\n');
    });

    it('an engine crash on one file is a finding for that file, exit 2, and the others still run', () => {
      const flaky = (text: string) => {
        if (text.includes('GiBB')) throw new Error('boom\n    at somewhere');
        return analyze(text);
      };
      const r = runIn(dir, ['check', 'typo.runbook.yaml', 'syntax.runbook.yaml'], { analyze: flaky });
      assert.equal(r.code, 2);
      assert.match(r.stdout, /^typo\.runbook\.yaml:1:1 error RB000 internal error while analysing this file \(boom\)/m);
      assert.match(r.stdout, /^syntax\.runbook\.yaml:\d+:\d+ error RB001 /m);
      assert.doesNotMatch(r.stdout + r.stderr, /somewhere/);
    });
  });

  describe('text format', () => {
    it('prints file:line:col severity code message with 1-based positions', () => {
      const r = runIn(dir, ['check', 'typo.runbook.yaml']);
      const lines = r.stdout.trimEnd().split('\n');
      // `  web01: { memory: 8 GiBB, ...` is line 9; the unit `GiBB` starts at column 22.
      assert.equal(lines[0], "typo.runbook.yaml:9:22 error RB010 memory: '8 GiBB': unknown size unit 'GiBB'; did you mean 'GiB'?");
      assert.equal(lines[lines.length - 1], '1 error, 0 warnings in 1 file');
    });

    it('accepts options after the files and the short -f', () => {
      const r = runIn(dir, ['check', 'typo.runbook.yaml', '-f', 'json']);
      assert.equal(r.code, 1);
      assert.equal((JSON.parse(r.stdout) as { files: unknown[] }).files.length, 1);
    });

    it('reports a syntax error at its line', () => {
      const r = runIn(dir, ['check', 'syntax.runbook.yaml']);
      assert.match(r.stdout, /^syntax\.runbook\.yaml:\d+:\d+ error RB001 YAML syntax error: /m);
    });

    it('summarises across files, plural and singular', () => {
      const r = runIn(dir, ['check', 'valid.runbook.yaml', 'typo.runbook.yaml', 'plans/a.runbook.yaml']);
      assert.match(r.stdout, /\n1 error, 0 warnings in 3 files\n$/);
      assert.equal(runIn(dir, ['check', 'valid.runbook.yaml']).stdout, '0 errors, 0 warnings in 1 file\n');
    });

    it('expands patterns itself, including **, in sorted order', () => {
      const r = runIn(dir, ['check', '--format', 'json', 'plans/**/*.runbook.yaml']);
      assert.equal(r.code, 0, r.stderr);
      const paths = (JSON.parse(r.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
      assert.deepEqual(paths, ['plans/a.runbook.yaml', 'plans/deep/b.runbook.yaml']);
    });

    it('stops a ** walk caught in a symbolic-link loop with a clear input error', () => {
      const loop = workspace({ 'a/x.runbook.yaml': VALID });
      try {
        symlinkSync(loop.dir, join(loop.dir, 'a', 'up'));
        symlinkSync(loop.dir, join(loop.dir, 'a', 'up2'));
        const r = runIn(loop.dir, ['check', '**/*.runbook.yaml']);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /^runbook: the pattern '\*\*\/\*\.runbook\.yaml' searches more than 10000 folders; narrow it\n$/);
      } finally {
        loop.cleanup();
      }
    });

    it('uses colour only on a terminal without NO_COLOR', () => {
      const esc = /\u001b\[/;
      assert.doesNotMatch(runIn(dir, ['check', 'typo.runbook.yaml']).stdout, esc);
      assert.match(runIn(dir, ['check', 'typo.runbook.yaml'], { isTTY: true }).stdout, esc);
      assert.doesNotMatch(runIn(dir, ['check', 'typo.runbook.yaml'], { isTTY: true, env: { NO_COLOR: '1' } }).stdout, esc);
    });
  });

  describe('lsp', () => {
    it('needs --stdio and takes no files', () => {
      assert.match(runIn(dir, ['lsp']).stderr, /^runbook: lsp needs --stdio/);
      assert.equal(runIn(dir, ['lsp', '--stdio', 'x.yaml']).code, 2);
    });

    it('explains a missing or broken server module in one line', () => {
      const missing = Object.assign(new Error("Cannot find module '../server'\nRequire stack: ..."), { code: 'MODULE_NOT_FOUND' });
      assert.equal(loadServer(() => { throw missing; }), 'the language server is not part of this build');
      assert.equal(loadServer(() => { throw new Error('bad\nstack'); }), 'the language server failed to load: bad');
      assert.equal(loadServer(() => ({})), 'the language server module has no startServer()');
      const server = { startServer: () => undefined };
      assert.equal(loadServer(() => server), server);
    });
  });

  describe('json format', () => {
    it('has files[].diagnostics[] with 0-based LSP ranges, severity, code and message', () => {
      const r = runIn(dir, ['check', '--format', 'json', 'typo.runbook.yaml', 'valid.runbook.yaml']);
      assert.equal(r.code, 1);
      const json = JSON.parse(r.stdout) as { files: { path: string; diagnostics: Record<string, unknown>[] }[] };
      assert.deepEqual(json.files.map((f) => f.path), ['typo.runbook.yaml', 'valid.runbook.yaml']);
      assert.deepEqual(json.files[1].diagnostics, []);
      const [d] = json.files[0].diagnostics;
      assert.deepEqual(d.range, { start: { line: 8, character: 21 }, end: { line: 8, character: 25 } });
      assert.equal(d.severity, 'error');
      assert.equal(d.code, 'RB010');
      assert.equal(typeof d.message, 'string');
    });

    it('maps every severity onto error, warning or information', () => {
      const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } };
      const report = toJsonReport([
        {
          path: 'x.runbook.yaml',
          internalError: false,
          findings: (['error', 'warning', 'information', 'hint'] as const).map((severity) => ({ code: 'RB300', severity, message: 'm', range, related: [] })),
        },
      ]);
      assert.deepEqual(report.files[0].diagnostics.map((d) => d.severity), ['error', 'warning', 'information', 'information']);
    });
  });
});
