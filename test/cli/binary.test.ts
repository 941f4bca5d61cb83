/**
 * The real command: the CLI bundled by esbuild (as scripts/bundle.mjs does for dist/cli.js) and
 * run as a child process, so exit codes, stdout/stderr and stream flushing are the shipped ones.
 */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { build } from 'esbuild';
import { REPO_ROOT, UNIT_TYPO, VALID, workspace } from './harness';

describe('bundled runbook binary', () => {
  let bundleDir = '';
  let cli = '';
  let dir = '';
  let cleanup = (): void => {};

  before(async () => {
    bundleDir = mkdtempSync(join(tmpdir(), 'runbook-bundle-'));
    await build({
      entryPoints: { cli: join(REPO_ROOT, 'cli/src/index.ts') },
      outdir: bundleDir,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      external: ['vscode'],
      logLevel: 'error',
    });
    cli = join(bundleDir, 'cli.js');
    ({ dir, cleanup } = workspace({ 'valid.runbook.yaml': VALID, 'typo.runbook.yaml': UNIT_TYPO }));
  });
  after(() => {
    cleanup();
    rmSync(bundleDir, { recursive: true, force: true });
  });

  function run(args: string[], env: Record<string, string> = {}) {
    const r = spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, ...env }, timeout: 30_000 });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  it('--version prints the manifest version', () => {
    const r = run(['--version']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^runbook \d+\.\d+\.\d+\n$/);
  });

  it('check: 0 for a valid runbook, 1 with an error finding, 2 for a missing file', () => {
    const ok = run(['check', 'valid.runbook.yaml']);
    assert.equal(ok.code, 0, ok.stderr);
    assert.equal(ok.stdout, '0 errors, 0 warnings in 1 file\n');
    const bad = run(['check', 'typo.runbook.yaml']);
    assert.equal(bad.code, 1);
    assert.match(bad.stdout, /^typo\.runbook\.yaml:9:22 error RB010 /m);
    assert.equal(bad.stderr, '');
    const missing = run(['check', 'nope.runbook.yaml']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "runbook: cannot read 'nope.runbook.yaml': no such file\n");
  });

  it('usage errors: 2 with one line on stderr and no stack trace', () => {
    for (const args of [['check', '--format', 'xml', 'valid.runbook.yaml'], ['bogus']]) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.stderr, /^runbook: [^\n]+\nTry 'runbook --help'\.\n$/);
      assert.equal(r.stdout, '');
    }
  });

  it("bin/runbook.js before a build: one line saying to run `npm run build` first, exit 2 (not 1, 'error findings')", () => {
    const fresh = mkdtempSync(join(tmpdir(), 'runbook-unbuilt-'));
    try {
      mkdirSync(join(fresh, 'bin'));
      copyFileSync(join(REPO_ROOT, 'bin/runbook.js'), join(fresh, 'bin/runbook.js'));
      const r = spawnSync(process.execPath, [join(fresh, 'bin/runbook.js'), 'check', 'x.runbook.yaml'], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, 'runbook: the command is not built yet: run `npm run build` first\n');
      // Once built, the same launcher runs the CLI.
      mkdirSync(join(fresh, 'dist'));
      copyFileSync(cli, join(fresh, 'dist/cli.js'));
      const built = spawnSync(process.execPath, [join(fresh, 'bin/runbook.js'), '--version'], { encoding: 'utf8', timeout: 30_000 });
      assert.equal(built.status, 0, built.stderr);
      assert.match(built.stdout, /^runbook \d+\.\d+\.\d+\n$/);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("an unknown option: lowercase like the other messages, with \"did you mean\" (check, estimate, timeline, import)", () => {
    const cases: [string[], string][] = [
      [['check', '--fromat', 'json', 'valid.runbook.yaml'], "runbook: unknown option '--fromat'; did you mean '--format'?\n"],
      [['estimate', '--max-byte', '10', 'valid.runbook.yaml'], "runbook: unknown option '--max-byte'; did you mean '--max-bytes'?\n"],
      [['timeline', 'valid.runbook.yaml', '--outt', 'x.svg'], "runbook: unknown option '--outt'; did you mean '--out'?\n"],
      [['import', 'rvtools', 'x.xlsx', '--dryrun'], "runbook: unknown option '--dryrun'; did you mean '--dry-run'?\n"],
      [['check', '--zzzzzzzz', 'valid.runbook.yaml'], "runbook: unknown option '--zzzzzzzz'\n"],
    ];
    for (const [args, first] of cases) {
      const r = run(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.stderr.split('\n')[0] + '\n', first, args.join(' '));
      assert.match(r.stderr, /\nTry 'runbook (import )?--help'\.\n$/);
    }
  });

  it('timeline --out says on stderr what it wrote (file, waves, VMs); stdout stays empty', () => {
    const r = run(['timeline', 'valid.runbook.yaml', '--out', 'plan.svg']);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, 'wrote plan.svg (1 wave, 1 VM)\n');
    assert.match(readFileSync(join(dir, 'plan.svg'), 'utf8'), /<svg /);
    const sample = run(['timeline', join(REPO_ROOT, 'samples/infeasible.runbook.yaml'), '--out', 'infeasible.csv']);
    assert.equal(sample.code, 1);
    assert.match(sample.stderr, /\nwrote infeasible\.csv \(\d+ waves, \d+ VMs\)\n$/);
  });

  it('pipes are not terminals: no colour even without NO_COLOR', () => {
    const env: Record<string, string> = {};
    const r = run(['check', 'typo.runbook.yaml'], env);
    assert.doesNotMatch(r.stdout, /\u001b/);
  });

  it('estimate --format json writes the whole JSON before exiting', () => {
    const r = run(['estimate', '--format', 'json', join(REPO_ROOT, 'samples/metro-stretched-vlan.runbook.yaml')]);
    assert.ok(r.code === 0 || r.code === 1, r.stderr);
    const json = JSON.parse(r.stdout) as { waves: unknown[] };
    assert.ok(json.waves.length > 0);
  });

  it('lsp --stdio answers initialize over stdin/stdout', async () => {
    const hasServer = existsSync(join(REPO_ROOT, 'server/src/server.ts'));
    const child = spawn(process.execPath, [cli, 'lsp', '--stdio'], { cwd: dir, stdio: ['pipe', 'pipe', 'pipe'] });
    const send = (message: object): void => {
      const body = JSON.stringify({ jsonrpc: '2.0', ...message });
      child.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    };
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    if (!hasServer) {
      child.stdin.end();
      assert.equal(await exited, 2);
      assert.match(stderr, /^runbook: the language server is not part of this build\n$/);
      return;
    }
    const initialized = new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no initialize response; stderr: ${stderr}`)), 20_000);
      child.stdout.on('data', (d: Buffer) => {
        stdout += d.toString();
        if (/"id":1\b/.test(stdout) && stdout.includes('capabilities')) {
          clearTimeout(timer);
          resolve(stdout);
        }
      });
    });
    send({ id: 1, method: 'initialize', params: { processId: process.pid, rootUri: null, capabilities: {} } });
    const response = await initialized;
    assert.match(response, /"capabilities"/);
    send({ id: 2, method: 'shutdown' });
    send({ method: 'exit' });
    child.stdin.end();
    const code = await Promise.race([exited, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), 10_000))]);
    if (code === 'timeout') child.kill();
    assert.notEqual(code, 'timeout', 'the server exits after shutdown/exit');
  });
});
