/**
 * docs/cli.md's examples are the real command's output. A block after `<!-- output: ARGS -->` must be
 * `$ runbook ARGS` followed by exactly what `runbook ARGS` prints on stdout (run from the checkout);
 * a JSON block after `<!-- shape: ARGS -->` may abridge, but every field it shows must exist in the
 * real output with the same type; one after `<!-- excerpt: ARGS -->` must be part of the real output
 * (values equal, each array item shown matching one real item, a string ending in `...` a prefix). `UPDATE_DOCS=1` rewrites the output blocks instead of failing
 * (`npm run docs:cli`).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../packaging/repoRoot';
import { runIn } from './harness';

const root = repoRoot();
const docPath = join(root, 'docs/cli.md');

/** Splits `check samples/*.runbook.yaml --format json` into argv (no quoting needed in the docs). */
function argvOf(args: string): string[] {
  return args.trim().split(/\s+/);
}

test('docs/cli.md: every output example is what the command prints now', () => {
  const doc = readFileSync(docPath, 'utf8');
  const blocks = [...doc.matchAll(/<!-- output: (.+?) -->\n```[a-z]*\n([\s\S]*?)```/g)];
  assert.ok(blocks.length >= 2, 'docs/cli.md has output examples');
  let updated = doc;
  const stale: string[] = [];
  for (const [whole, args, body] of blocks) {
    const run = runIn(root, argvOf(args));
    const expected = `$ runbook ${args}\n${run.stdout}`;
    if (body !== expected) {
      stale.push(args);
      updated = updated.replace(whole, whole.replace(body, () => expected));
    }
  }
  if (process.env.UPDATE_DOCS === '1') {
    writeFileSync(docPath, updated);
    return;
  }
  assert.deepEqual(stale, [], 'stale examples in docs/cli.md: run `npm run docs:cli` (UPDATE_DOCS=1) after a build');
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path of `shown` exists in `real` with the same JSON type (arrays: each shown item against the first real one). */
function shapeProblems(shown: Json, real: Json, path: string, out: string[]): void {
  const kind = (v: Json) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);
  if (kind(shown) !== kind(real) && !(kind(real) === 'null' || kind(shown) === 'null')) {
    out.push(`${path}: ${kind(shown)} in the docs, ${kind(real)} in the output`);
    return;
  }
  if (Array.isArray(shown) && Array.isArray(real)) {
    if (real.length > 0) for (const item of shown) shapeProblems(item, real[0], `${path}[]`, out);
    return;
  }
  if (shown && typeof shown === 'object' && !Array.isArray(shown) && real && typeof real === 'object' && !Array.isArray(real)) {
    for (const [k, v] of Object.entries(shown)) {
      if (!(k in real)) out.push(`${path}.${k}: not in the output`);
      else shapeProblems(v, real[k], `${path}.${k}`, out);
    }
  }
}

test('docs/cli.md: every JSON example has the real output\'s fields and types', () => {
  const doc = readFileSync(docPath, 'utf8');
  const blocks = [...doc.matchAll(/<!-- shape: (.+?) -->\n```json\n([\s\S]*?)```/g)];
  assert.ok(blocks.length >= 1, 'docs/cli.md has JSON examples checked against the real output');
  for (const [, args, body] of blocks) {
    const run = runIn(root, argvOf(args));
    const problems: string[] = [];
    shapeProblems(JSON.parse(body) as Json, JSON.parse(run.stdout) as Json, '', problems);
    assert.deepEqual(problems, [], `runbook ${args}`);
  }
});

/** Whether `shown` is part of `real`: equal values, objects by their shown keys, each shown array item matching some real one. */
function isExcerpt(shown: Json, real: Json): boolean {
  if (typeof shown === 'string' && shown.endsWith('...')) return typeof real === 'string' && real.startsWith(shown.slice(0, -3).trimEnd());
  if (Array.isArray(shown)) return Array.isArray(real) && shown.every((item) => real.some((r) => isExcerpt(item, r)));
  if (shown !== null && typeof shown === 'object') {
    return real !== null && typeof real === 'object' && !Array.isArray(real) && Object.entries(shown).every(([k, v]) => k in real && isExcerpt(v, real[k]));
  }
  return shown === real;
}

test('docs/cli.md: every JSON excerpt is part of the real output', () => {
  const doc = readFileSync(docPath, 'utf8');
  const blocks = [...doc.matchAll(/<!-- excerpt: (.+?) -->\n```json\n([\s\S]*?)```/g)];
  assert.ok(blocks.length >= 1, 'docs/cli.md has a JSON excerpt');
  for (const [, args, body] of blocks) {
    const run = runIn(root, argvOf(args));
    assert.ok(isExcerpt(JSON.parse(body) as Json, JSON.parse(run.stdout) as Json), `the example after <!-- excerpt: ${args} --> is not in its output`);
  }
});
