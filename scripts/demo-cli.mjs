// `npm run demo:cli`: builds the bundles, then shows what
// the engine says about every sample: `runbook check` (findings like a compiler) and
// `runbook estimate` (the timed plan) for each clean sample.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

const run = (args) => {
  console.log(`\n$ runbook ${args.join(' ')}`);
  return spawnSync(process.execPath, ['bin/runbook.js', ...args], { stdio: 'inherit' }).status;
};

const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const samples = readdirSync('samples').filter((f) => /\.runbook\.ya?ml$/.test(f)).map((f) => `samples/${f}`);
run(['check', ...samples]);
for (const sample of samples.filter((s) => !s.includes('infeasible'))) run(['estimate', sample]);
console.log('\nThe infeasible sample reports errors on purpose (see docs/diagnostics.md).');
