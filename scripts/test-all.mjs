// `npm test` after the build: every suite under out/ (node's test runner), then the end-to-end run
// in code-server. Each prints its own summary; this closes with one line totalling both,
// `N passed, N failed, N skipped`, and fails if either part failed. A skipped test is never silent:
// it is counted, and under CI (CI=true, as .ci/run sets it) any skip fails the run.
import { spawn } from 'node:child_process';
import { closingLine, isCi } from './test-summary.mjs';

// TEST_ALL_PARTS (JSON `[[name, [node args...]], ...]`) replaces the two parts: the script's own test uses it.
const parts = process.env.TEST_ALL_PARTS ? JSON.parse(process.env.TEST_ALL_PARTS) : [
  ['suites', ['scripts/run-tests.mjs']],
  ['e2e', ['test/e2e/run.mjs']],
];

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let pass = 0;
    let fail = 0;
    let skipped = 0;
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // Node's reporter ends with `ℹ pass N` / `ℹ fail N`; the last ones of a run are its totals.
        const m = /^ℹ (pass|fail|skipped) (\d+)\s*$/.exec(line);
        if (m && m[1] === 'pass') pass = Number(m[2]);
        if (m && m[1] === 'fail') fail = Number(m[2]);
        if (m && m[1] === 'skipped') skipped = Number(m[2]);
      }
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, pass, fail, skipped }));
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
let ok = true;
for (const [name, args] of parts) {
  const result = await run(args);
  passed += result.pass;
  skipped += result.skipped;
  // A part that failed before any test could report (e.g. code-server could not start) counts once.
  failed += result.fail > 0 || result.code === 0 ? result.fail : 1;
  if (result.code !== 0) {
    ok = false;
    console.error(`test-all: ${name} failed (exit ${result.code})`);
  }
}
console.log(closingLine(passed, failed, skipped));
if (skipped > 0 && isCi(process.env)) {
  console.error(`test-all: ${skipped} test${skipped === 1 ? ' was' : 's were'} skipped; CI runs every test (install what the skip reasons name)`);
  ok = false;
}
process.exit(ok ? 0 : 1);
