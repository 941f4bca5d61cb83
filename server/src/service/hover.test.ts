/**
 * The VM hover as a planner reads it (issue 16): the total and whether it fits first; for a VM that
 * cannot converge, once and in order, what happens without SDPS, what SDPS does and what to do; the
 * throughput said once; the formula details last.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../../test/packaging/repoRoot';
import { analyze } from '../engine/analyze';
import { doHover } from './hover';

const text = readFileSync(join(repoRoot(), 'samples/infeasible.runbook.yaml'), 'utf8');
const analysis = analyze(text);

function hoverOf(vmId: string): string {
  const line = text.split('\n').findIndex((l) => l.startsWith(`  ${vmId}:`));
  const hover = doHover(analysis, { line, character: 3 });
  return String((hover?.contents as { value: string }).value).replace(/\\(.)/g, '$1'); // drop Markdown escapes
}

/** Index of the first match, failing when absent. */
function at(body: string, pattern: RegExp): number {
  const i = body.search(pattern);
  assert.ok(i >= 0, `${pattern} not in:\n${body}`);
  return i;
}

test('non-converging VM: total and fit first, then without SDPS / what SDPS does / what to do, each once, details last', () => {
  const body = hoverOf('hot01');
  const lines = body.split('\n').filter((l) => l.trim() !== '');
  assert.match(lines[1], /^\*\*Total ≈ .+\*\* \(likely \d+ min\) · fits wave 1's window \(ends \d\d:\d\d, the window closes 06:00\)$/);
  const order = [/\*\*Without SDPS:\*\*/, /\*\*What SDPS does:\*\*/, /\*\*What to do:\*\*/, /\| Estimate \| Value \|/, /How it is computed:/].map((p) => at(body, p));
  assert.deepEqual([...order].sort((a, b) => a - b), order, 'in this order');
  // vSphere 8.0 at both ends: SDPS engages, and the estimate is the throttled migration that completes.
  assert.match(body, /Without SDPS:\*\* pre-copy would never converge \(dirty rate 400 MB\/s ≥ throughput/);
  assert.match(body, /What SDPS does:\*\* from vSphere 5\.0, ESX slows the guest's vCPUs until pre-copy converges: here the guest runs at about \d+ % of its speed/);
  // Each said once: what SDPS does, the range, the throughput.
  assert.equal(body.match(/slows the guest/g)?.length, 1, 'what SDPS does, once');
  assert.equal(body.match(/^- range:/gm), null, 'the range is said by its drivers, not again in the details');
  assert.equal(body.match(/link-share-limited/g)?.length, 1, 'the throughput line once');
  assert.doesNotMatch(body, /^Throughput: /m);
});

test('a VM that fails at the switchover says so before the figures, with what to do', () => {
  const body = hoverOf('stun01');
  const fails = at(body, /\*\*Fails:\*\* switchover 145 s exceeds ESX's 100 s limit: ESX fails the migration and keeps the VM on the source\./);
  assert.ok(fails < at(body, /\*\*What to do:\*\* cut the dirty rate/));
  assert.ok(at(body, /\*\*Total ≈/) < fails);
  assert.ok(at(body, /\*\*What to do:\*\*/) < at(body, /\| Estimate \| Value \|/));
  assert.equal(body.match(/100 s/g)?.length, 1);
});

test('a VM past its window: "does not fit" and by how much, on the first line after the name', () => {
  const body = hoverOf('big01');
  assert.match(body.split('\n').filter((l) => l.trim() !== '')[1], /^\*\*Total ≈ .+\*\* \(likely 10 h \d+ min\) · \*\*does not fit\*\*: ends 8 h \d+ min after wave 4's window closes \(00:00\)$/);
  assert.doesNotMatch(body, /Without SDPS|Fails:/);
});
