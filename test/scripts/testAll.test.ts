/**
 * `npm test`'s closing line counts skipped tests (`N passed, N failed, N skipped`), and under CI a
 * skip fails the run: scripts/test-all.mjs run as a process over two small suites of its own.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../packaging/repoRoot';

const root = repoRoot();

function runTestAll(files: readonly string[], env: Record<string, string>): { code: number | null; last: string; stderr: string } {
  const parts = files.map((f, i) => [`part${i}`, ['--test', '--test-reporter=spec', f]]);
  const environment: Record<string, string | undefined> = { ...process.env, ...env, TEST_ALL_PARTS: JSON.stringify(parts) };
  if (env.CI === undefined) delete environment.CI;
  // Inside node --test, children would report to this runner instead of printing their summary.
  delete environment.NODE_TEST_CONTEXT;
  const r = spawnSync(process.execPath, [join(root, 'scripts/test-all.mjs')], { cwd: root, encoding: 'utf8', env: environment, timeout: 60_000 });
  const lines = r.stdout.trim().split('\n');
  return { code: r.status, last: lines[lines.length - 1], stderr: r.stderr };
}

test('npm test closes with "N passed, N failed, N skipped"; under CI a skipped test fails the run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'test-all-'));
  try {
    const skipping = join(dir, 'skipping.test.mjs');
    writeFileSync(skipping, "import { test } from 'node:test';\ntest('runs', () => {});\ntest('needs chromium', { skip: 'no chromium' }, () => {});\n");
    const clean = join(dir, 'clean.test.mjs');
    writeFileSync(clean, "import { test } from 'node:test';\ntest('a', () => {});\ntest('b', () => {});\n");
    const local = runTestAll([skipping, clean], {});
    assert.equal(local.last, '3 passed, 0 failed, 1 skipped');
    assert.equal(local.code, 0, 'a skip is counted but does not fail a local run');
    const ci = runTestAll([skipping, clean], { CI: 'true' });
    assert.equal(ci.last, '3 passed, 0 failed, 1 skipped');
    assert.equal(ci.code, 1);
    assert.match(ci.stderr, /1 test was skipped; CI runs every test/);
    const none = runTestAll([clean], { CI: 'true' });
    assert.equal(none.last, '2 passed, 0 failed, 0 skipped');
    assert.equal(none.code, 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
