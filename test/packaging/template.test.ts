/**
 * The "new runbook" template and the snippets must produce valid runbooks: a user who starts from
 * them should see no error diagnostics until they type their own values.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { TEMPLATE_RELATIVE_PATH } from '../../client/src/template';
import { analyze } from '../../server/src/engine/analyze';
import { repoRoot } from './repoRoot';

const root = repoRoot();
const template = readFileSync(join(root, TEMPLATE_RELATIVE_PATH), 'utf8');
const snippets = JSON.parse(readFileSync(join(root, 'snippets/runbook.json'), 'utf8')) as Record<string, { prefix: string[]; body: string[]; description: string }>;

/** Errors, or with `formatOnly` only those about the text itself (syntax, schema, units, references: below RB200). */
function errorsOf(text: string, formatOnly = false): string[] {
  return analyze(text).findings.filter((f) => f.severity === 'error' && (!formatOnly || Number(f.code.slice(2)) < 200)).map((f) => `${f.code} line ${f.range.start.line + 1}: ${f.message}`);
}

/**
 * Expands a snippet body as VS Code would with every placeholder left at its default, choice
 * number `choice` (clamped) picked, and `overrides` typed into the given tab stops.
 */
export function expandSnippet(body: readonly string[], choice: number, overrides: Record<number, string> = {}): string {
  let text = body.join('\n')
    .replace(/\$\{CURRENT_YEAR\}/g, '2030')
    .replace(/\$\{CURRENT_MONTH\}/g, '01')
    .replace(/\$\{CURRENT_DATE\}/g, '05');
  text = text.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_m, n: string, list: string) => {
    const options = list.split(',');
    return overrides[Number(n)] ?? options[Math.min(choice, options.length - 1)];
  });
  for (let guard = 0; /\$\{\d+:[^{}]*\}/.test(text) && guard < 10; guard++) {
    text = text.replace(/\$\{(\d+):([^{}]*)\}/g, (_m, n: string, value: string) => overrides[Number(n)] ?? value);
  }
  return text.replace(/\$0/g, '');
}

function maxChoices(body: readonly string[]): number {
  return Math.max(1, ...[...body.join('\n').matchAll(/\$\{\d+\|([^|]*)\|\}/g)].map((m) => m[1].split(',').length));
}

function indent(text: string, spaces: number): string {
  return text.split('\n').map((l) => (l.trim() === '' ? '' : ' '.repeat(spaces) + l)).join('\n');
}

/** Inserts `entry` as the first item of top-level `section` of the template. */
function insertInto(text: string, section: string, entry: string): string {
  const header = `\n${section}:\n`;
  const at = text.indexOf(header);
  assert.ok(at >= 0, `template has a ${section} section`);
  return text.slice(0, at + header.length) + indent(entry, 2) + '\n' + text.slice(at + header.length);
}

test('the template is a runbook without errors', () => {
  assert.match(template.split('\n')[0], /^#\s*migration-runbook/);
  assert.deepEqual(errorsOf(template), []);
});

test('every snippet has a prefix, a description, tab stops and a final $0', () => {
  assert.deepEqual(Object.keys(snippets).sort(), ['Link', 'Site', 'VM', 'Wave']);
  for (const [name, s] of Object.entries(snippets)) {
    assert.ok(s.prefix.length > 0 && s.description.endsWith('.'), name);
    assert.match(s.body.join('\n'), /\$\{1[:|]/, `${name} starts with tab stop 1`);
    assert.match(s.body.join('\n'), /\$0/, name);
  }
  assert.match(snippets.Link.body.join('\n'), /\$\{\d+\|tcp,wan-optimized\|\}/);
});

// Feasibility (RB2xx) may rightly fail for some choices (a `heavy` workload may not converge over the
// template's link), so choices other than the default are held to the format rules only.
test('each snippet inserted into the template: no errors by default, no format errors for any choice', () => {
  // The wave needs a VM of its own: one VM migrates in one wave.
  const withVm = insertInto(template, 'vms', expandSnippet(snippets.VM.body, 0, { 1: 'db01' }));
  const cases: { snippet: string; section: string; overrides: Record<number, string>; base?: string }[] = [
    { snippet: 'Site', section: 'sites', overrides: { 1: 'third' } },
    { snippet: 'Link', section: 'links', overrides: { 1: 'src-third', 2: 'src', 3: 'dst' } },
    { snippet: 'VM', section: 'vms', overrides: { 1: 'db01' } },
    { snippet: 'Wave', section: 'waves', overrides: { 2: 'src-dst', 6: 'db01' }, base: withVm },
  ];
  for (const c of cases) {
    const body = snippets[c.snippet].body;
    for (let choice = 0; choice < maxChoices(body); choice++) {
      const text = insertInto(c.base ?? template, c.section, expandSnippet(body, choice, c.overrides));
      assert.deepEqual(errorsOf(text, choice > 0), [], `${c.snippet} choice ${choice}:\n${text}`);
    }
  }
});
