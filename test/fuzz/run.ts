/**
 * `npm run fuzz`: the engine fuzzer and the live-server fuzzer, with a report of inputs, crashes,
 * the slowest input and peak memory. Options:
 *   --seed S        seed of the run (default 1; a failure is reproduced by its seed)
 *   --seconds N     run each fuzzer for N seconds instead of a fixed count
 *   --long          a long run: 300 s each, the 10 MB runbook, 20,000-VM specials
 *   --engine-only / --server-only
 * Failing inputs are written to $FUZZ_OUT (default /tmp/runbook-fuzz-failures). Exit code 1 on any failure.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runEngineFuzz } from './engineRun';
import { runServerFuzz } from './serverFuzz';

function mb(bytes: number | undefined): string {
  return bytes === undefined ? 'unknown' : `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      seed: { type: 'string' },
      seconds: { type: 'string' },
      long: { type: 'boolean' },
      'engine-only': { type: 'boolean' },
      'server-only': { type: 'boolean' },
    },
  });
  const seed = Number(values.seed ?? 1);
  const long = values.long === true;
  const seconds = values.seconds !== undefined ? Number(values.seconds) : long ? 300 : undefined;
  if (!Number.isInteger(seed) || (seconds !== undefined && !(seconds > 0))) {
    console.error('fuzz: --seed takes an integer and --seconds a positive number');
    return 2;
  }
  const repoRoot = process.cwd();
  const outDir = process.env.FUZZ_OUT ?? '/tmp/runbook-fuzz-failures';
  const log = (line: string): void => console.log(line);
  let failed = 0;

  if (values['server-only'] !== true) {
    const r = runEngineFuzz({ seed, mutations: 2000, seconds, tenMegabytes: long, repoRoot, log });
    console.log(`engine: ${r.inputs} inputs, ${r.featureCalls} feature calls, ${r.failures.length} failures in ${(r.elapsedMs / 1000).toFixed(1)} s`);
    console.log(`engine: slowest input ${r.slowest.ms.toFixed(0)} ms (${r.slowest.kind}, ${r.slowest.bytes} chars); peak RSS ${mb(r.peakRssBytes)}`);
    if (r.failures.length > 0) {
      mkdirSync(outDir, { recursive: true });
      r.failures.slice(0, 50).forEach((f, i) => {
        const file = join(outDir, `engine-seed${seed}-${i}.runbook.yaml`);
        writeFileSync(file, f.text);
        console.log(`FAIL ${f.what} on ${f.kind}: ${f.error.split('\n').slice(0, 4).join(' | ')}\n  input: ${file}`);
      });
    }
    failed += r.failures.length;
  }
  if (values['engine-only'] !== true) {
    const r = await runServerFuzz({ seed, messages: 5000, seconds, repoRoot, log });
    console.log(`server: ${r.messages} messages (${r.requests} requests, ${r.errorsAnswered} answered with an LSP error), ${r.failures.length} failures in ${(r.elapsedMs / 1000).toFixed(1)} s`);
    console.log(`server: slowest request ${r.slowestRequest.ms.toFixed(0)} ms (${r.slowestRequest.method}); plain hover ${r.hoverBeforeMs.toFixed(0)} ms before, ${r.hoverAfterMs.toFixed(0)} ms after; server peak RSS ${mb(r.serverPeakRssBytes)}`);
    for (const f of r.failures.slice(0, 50)) console.log(`FAIL server: ${f}`);
    failed += r.failures.length;
  }
  console.log(failed === 0 ? 'fuzz: no failures' : `fuzz: ${failed} failures`);
  return failed === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
