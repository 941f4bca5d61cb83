/**
 * End to end through analyze(): the rules against the real estimator on the shipped samples.
 * samples/infeasible.runbook.yaml marks each planted problem with `# expect: RB###` on its line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../analyze';
import { runRules } from './index';
import { contextOf } from '../../../../test/support/rules';

// Tests run from the repository root; an in-tree build (out/server/src/engine/rules) also finds it.
const root = join(process.cwd(), 'samples');
const samples = join(__dirname, '..', '..', '..', '..', '..', 'samples');
function read(name: string): string {
  for (const dir of [root, samples]) {
    try {
      return readFileSync(join(dir, name), 'utf8');
    } catch {
      // try the next candidate
    }
  }
  throw new Error(`sample ${name} not found`);
}

function checkExpectations(name: string, minimum: number): void {
  const text = read(name);
  const analysis = analyze(text);
  const lines = text.split(/\r?\n/);
  let checked = 0;
  lines.forEach((line, index) => {
    const m = /#\s*expect:\s*((?:RB\d{3}\s*)+)/.exec(line);
    if (!m) return;
    for (const code of m[1].trim().split(/\s+/)) {
      checked++;
      const hit = analysis.findings.some((f) => f.code === code && f.range.start.line === index);
      assert.ok(hit, `line ${index + 1}: expected ${code}; got ${analysis.findings.filter((f) => f.range.start.line === index).map((f) => f.code).join(', ') || 'nothing'}`);
    }
  });
  assert.ok(checked >= minimum, `only ${checked} expectations found`);
  // Pinned both ways: every error and warning the sample produces is one it expects.
  const expected = new Set<string>();
  lines.forEach((line, index) => {
    const m = /#\s*expect:\s*((?:RB\d{3}\s*)+)/.exec(line);
    for (const code of m ? m[1].trim().split(/\s+/) : []) expected.add(`${code}@${index + 1}`);
  });
  const produced = analysis.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code}@${f.range.start.line + 1}`);
  assert.deepEqual([...new Set(produced)].sort(), [...expected].sort());
}

test('every `# expect:` code in infeasible.runbook.yaml is reported on its line', () => {
  checkExpectations('infeasible.runbook.yaml', 10);
});

test('every `# expect:` code in eligibility-and-methods.runbook.yaml (issue 17) is reported on its line', () => {
  checkExpectations('eligibility-and-methods.runbook.yaml', 7);
});

test('the realistic samples pass clean: no finding of any severity', () => {
  for (const name of ['metro-stretched-vlan.runbook.yaml', 'storage-heavy-replication.runbook.yaml', 'wan-optimized-2000-miles.runbook.yaml']) {
    const findings = analyze(read(name)).findings.map((f) => `${f.code}@${f.range.start.line + 1}: ${f.message}`);
    assert.deepEqual(findings, [], name);
  }
});

// Speed is measured by `npm run bench`, not by timed unit tests.
test('a 5,000-VM plan runs all rules', () => {
  const lines = ['purpose: planned-move', 'sites:', '  a: { vsphere: "7.0" }', '  b: { vsphere: "7.0" }', 'links:', '  ab: { from: a, to: b, rtt: 20 ms, bandwidth: 10 Gbps }', 'vms:'];
  for (let i = 0; i < 5000; i++) lines.push(`  vm${i}: { memory: 8 GiB${i > 0 ? `, depends_on: [vm${i - 1}]` : ''} }`);
  lines.push('waves:');
  for (let w = 0; w < 100; w++) {
    lines.push(`  - name: W${w}`, '    link: ab', '    concurrency: 4', `    vms: [${Array.from({ length: 50 }, (_, k) => `vm${w * 50 + k}`).join(', ')}]`);
  }
  const ctx = contextOf(lines.join('\n') + '\n');
  const findings = runRules(ctx);
  assert.equal(findings.filter((f) => f.code === 'RB301').length, 5000);
  assert.equal(findings.filter((f) => f.severity === 'error').length, 0);
});
