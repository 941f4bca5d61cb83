// Runs every compiled *.test.js under out/ with node's test runner (which prints the summary).
// Usage: node scripts/run-tests.mjs [filter-substring...]
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawnSync } from 'node:child_process';

const filters = process.argv.slice(2);
const files = [];
(function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => p.includes(f)))) files.push(p);
  }
})(process.env.OUT_DIR ?? 'out');
files.sort();
if (files.length === 0) {
  console.error(`run-tests: no test files found under ${process.env.OUT_DIR ?? 'out'}/ (did the build run?)`);
  process.exit(1);
}
// NODE_PATH lets tests compiled to an out-of-tree OUT_DIR still resolve this repo's packages.
const env = { ...process.env, NODE_PATH: resolve('node_modules') };
const result = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
