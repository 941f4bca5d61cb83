/** docs/diagnostics.md must document every code the rules can report, with its severity policy. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RULES } from './index';
import { SEVERITY_POLICY } from './support/severity';

function docs(): string {
  for (const dir of [process.cwd(), join(__dirname, '..', '..', '..', '..')]) {
    try {
      return readFileSync(join(dir, 'docs', 'diagnostics.md'), 'utf8');
    } catch {
      // try the next candidate
    }
  }
  throw new Error('docs/diagnostics.md not found');
}

test('every rule in the registry has a row in docs/diagnostics.md', () => {
  const text = docs();
  for (const rule of RULES) assert.match(text, new RegExp(`^\\| ${rule.code} \\|`, 'm'), `${rule.code} (${rule.title}) is not documented`);
});

test('the engine codes before the rules are documented too', () => {
  const text = docs();
  for (const code of ['RB000', 'RB001', 'RB002', 'RB003', 'RB004', 'RB005', 'RB010', 'RB011']) assert.match(text, new RegExp(`^\\| ${code} \\|`, 'm'), code);
});

test('registry codes are unique, each has a source and a severity policy', () => {
  const codes = RULES.map((r) => r.code);
  assert.equal(new Set(codes).size, codes.length);
  for (const rule of RULES) {
    assert.ok(rule.source.length > 0, rule.code);
    assert.ok(SEVERITY_POLICY[rule.code], `${rule.code} has no severity policy`);
    // docs/sources.md, or a VMware document named so it can be found (a KB number or a docs GUID): the
    // eligibility rules cite VMware pages that docs/sources.md does not (yet) record.
    assert.ok(rule.source === 'reference integrity' || rule.source === 'runbook structure' || /sources\.md|\bKB \d{4,}|GUID-[0-9A-F]{8}/.test(rule.source), `${rule.code} source must point into docs/sources.md or name a VMware KB or docs page`);
  }
});

test('documented severities match the policy', () => {
  const text = docs();
  for (const rule of RULES) {
    const row = new RegExp(`^\\| ${rule.code} \\| ([^|]*)\\|`, 'm').exec(text);
    assert.ok(row, rule.code);
    for (const severity of new Set(Object.values(SEVERITY_POLICY[rule.code]))) assert.ok(row[1].includes(severity), `${rule.code}: docs say '${row[1].trim()}', policy has ${severity}`);
  }
});
