/**
 * The project carries its own sources: every "docs/sources.md N.N" (or "sources.md N.N" in docs/)
 * cited in code, messages, hovers, schemas, samples and docs names a section that docs/sources.md
 * has, and nothing cites the old out-of-repository domain.md any more (scripts/cite-sources.mjs
 * rewrites such citations mechanically).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../packaging/repoRoot';

const root = repoRoot();
const SKIP_DIRS = new Set(['node_modules', 'out', 'dist', '.git', 'test-results', '.bench', '.vscode-test']);

function sourceFiles(): string[] {
  const out: string[] = [];
  (function walk(dir: string): void {
    for (const name of readdirSync(dir)) {
      if (SKIP_DIRS.has(name)) continue;
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(ts|mjs|js|md|json|ya?ml)$/.test(name) && name !== 'package-lock.json') out.push(path);
    }
  })(root);
  return out;
}

/** Section numbers docs/sources.md defines: `## N.` and `### N.N` headings, and "Units". */
function sections(): Set<string> {
  const text = readFileSync(join(root, 'docs/sources.md'), 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(/^##+ (\d+(?:\.\d+)?)[. ]/gm)) found.add(m[1]);
  if (/^## Units$/m.test(text)) found.add('Units');
  return found;
}

test('every section cited as sources.md N.N exists in docs/sources.md', () => {
  const known = sections();
  for (const n of ['0', '1.1', '1.6', '2.2', '3.3', '4.1', '4.4', '5.2', '7.5', '9']) assert.ok(known.has(n), `docs/sources.md lacks section ${n}`);
  const missing: string[] = [];
  let cited = 0;
  for (const file of sourceFiles()) {
    if (file.endsWith(join('docs', 'sources.md'))) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/sources\.md[)\]`"]*[ ,]*(?:section |§)?(\d+(?:\.\d+)?(?:(?:, | and )\d+(?:\.\d+)?)*)/g)) {
      for (const n of m[1].split(/, | and /)) {
        cited++;
        if (!known.has(n)) missing.push(`${relative(root, file)}: sources.md ${n}`);
      }
    }
    for (const m of text.matchAll(/sources\.md[)\]`"]*[ ,(]*"([A-Z][a-z]+)"/g)) {
      cited++;
      if (!known.has(m[1])) missing.push(`${relative(root, file)}: sources.md "${m[1]}"`);
    }
  }
  assert.ok(cited > 100, `only ${cited} citations found: is the pattern still right?`);
  assert.deepEqual(missing, []);
});

test('nothing cites domain.md (a file outside the repository) any more', () => {
  const left: string[] = [];
  for (const file of sourceFiles()) {
    if (file.endsWith(join('scripts', 'cite-sources.mjs')) || file.endsWith(join('architecture', 'sources.test.ts'))) continue;
    const text = readFileSync(file, 'utf8');
    if (/domain\.md|domain\\\.md/.test(text)) left.push(relative(root, file));
  }
  assert.deepEqual(left, [], 'run `node scripts/cite-sources.mjs`');
});
