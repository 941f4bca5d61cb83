/**
 * The short, fixed-seed fuzz run inside `npm test`: every hostile special, every truncation of a
 * small runbook, some mutations, and a few hundred messages to the live server. The long run is
 * `npm run fuzz -- --long` (docs/robustness.md).
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { runEngineFuzz } from './engineRun';
import { runServerFuzz } from './serverFuzz';

const summarize = (failures: readonly { kind: string; what: string; error: string }[]): string =>
  failures.slice(0, 5).map((f) => `${f.what} on ${f.kind}: ${f.error.split('\n').slice(0, 3).join(' | ')}`).join('\n');

describe('fuzz (short, seed 1)', () => {
  it('the engine and the editor features end every hostile input in diagnostics, never an exception', () => {
    const r = runEngineFuzz({ seed: 1, mutations: 40, tenMegabytes: false, repoRoot: process.cwd() });
    assert.ok(r.inputs > 500, `only ${r.inputs} inputs ran`);
    assert.deepEqual(r.failures.length, 0, summarize(r.failures));
  });

  it('the live server answers every request, never exits, and a plain hover still answers afterwards', async () => {
    const r = await runServerFuzz({ seed: 1, messages: 300, repoRoot: process.cwd() });
    assert.deepEqual(r.failures, []);
    assert.equal(r.exitedEarly, false);
    assert.ok(r.requests > 100, `only ${r.requests} requests`);
  });
});
