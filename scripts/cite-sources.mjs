// Points every citation of the old, out-of-repository reference (`domain.md N.N`, `../shared/domain.md`)
// at the project's own docs/sources.md, which keeps the same section numbers. Mechanical and
// idempotent: run it after merging work that still cites domain.md (`node scripts/cite-sources.mjs`);
// test/architecture/sources.test.ts fails while any such citation is left.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const files = execFileSync('git', ['ls-files', '-z'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean)
  .filter((f) => /\.(ts|mjs|js|md|json|ya?ml)$/.test(f) && f !== 'docs/sources.md' && f !== 'package-lock.json' && f !== 'scripts/cite-sources.mjs' && f !== 'test/architecture/sources.test.ts');

let changed = 0;
for (const file of files) {
  const path = resolve(root, file);
  const before = readFileSync(path, 'utf8');
  if (!before.includes('domain')) continue;
  const inDocs = file.startsWith('docs/');
  const target = inDocs ? 'sources.md' : 'docs/sources.md';
  const link = inDocs ? '[`sources.md`](sources.md)' : '[`docs/sources.md`](docs/sources.md)';
  let text = before
    .replace(/\[`\.\.\/shared\/domain\.md`\]\(\.\.\/shared\/domain\.md\)/g, link)
    .replace(/`\.\.\/shared\/domain\.md`/g, file.endsWith('.md') ? link : `\`${target}\``)
    .replace(/(?:\.\.\/)+shared\/domain\.md/g, target)
    .replace(/domain\\\.md/g, inDocs ? 'sources\\.md' : 'docs\\/sources\\.md')
    .replace(/(?<![\w/.-])domain\.md\b/g, target);
  if (text !== before) {
    writeFileSync(path, text);
    changed++;
    console.log(`cite-sources: ${file}`);
  }
}
console.log(`cite-sources: ${changed} file${changed === 1 ? '' : 's'} changed`);
