// `npm test` after the build: every suite under out/ (node's test runner), then the end-to-end run
// in code-server. Each prints its own summary; this closes with one line totalling both,
// `N passed, N failed`, and fails if either part failed.
import { spawn } from 'node:child_process';

const parts = [
  ['suites', ['scripts/run-tests.mjs']],
  ['e2e', ['test/e2e/run.mjs']],
];

function run(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let pass = 0;
    let fail = 0;
    let pending = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        // Node's reporter ends with `ℹ pass N` / `ℹ fail N`; the last ones of a run are its totals.
        const m = /^ℹ (pass|fail) (\d+)\s*$/.exec(line);
        if (m && m[1] === 'pass') pass = Number(m[2]);
        if (m && m[1] === 'fail') fail = Number(m[2]);
      }
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, pass, fail }));
  });
}

let passed = 0;
let failed = 0;
let ok = true;
for (const [name, args] of parts) {
  const result = await run(args);
  passed += result.pass;
  // A part that failed before any test could report (e.g. code-server could not start) counts once.
  failed += result.fail > 0 || result.code === 0 ? result.fail : 1;
  if (result.code !== 0) {
    ok = false;
    console.error(`test-all: ${name} failed (exit ${result.code})`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
