import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependencyCycle } from './dependencyCycle';
import { cycleText } from './support/cycles';
import { contextOf, run, spanOf } from '../../../../test/support/rules';

test('RB107 names the cycle and sits on the edge that closes it', () => {
  const text = 'vms:\n  a: { depends_on: [b] }\n  b: { depends_on: [x, c] }\n  c: { depends_on: [a] }\n  x: {}\n';
  const [f, ...rest] = run(dependencyCycle, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB107');
  assert.equal(f.severity, 'error');
  assert.equal(f.message, 'Dependency cycle: a -> b -> c -> a; no VM in it can migrate first. Remove one of these dependencies (this one closes the cycle).');
  const closing = spanOf(text, 'c: { depends_on: [a] }');
  assert.deepEqual(f.span, { start: closing.end - 4, end: closing.end - 3 }); // the `a` in [a]
  assert.deepEqual(f.fix, { fix: 'break-cycle', vmId: 'c', dependencyIndex: 0 });
  assert.deepEqual(f.related?.map((r) => r.message), ['a depends on b', 'b depends on c']);
});

test('RB107 reports a self-dependency and each independent cycle once', () => {
  const text = 'vms:\n  a: { depends_on: [a] }\n  p: { depends_on: [q] }\n  q: { depends_on: [p] }\n';
  const findings = run(dependencyCycle, text);
  assert.deepEqual(findings.map((f) => f.message.split(';')[0]), ['Dependency cycle: a -> a', 'Dependency cycle: p -> q -> p']);
});

test('RB107 stays silent on a DAG (diamond) and unknown ids', () => {
  const text = 'vms:\n  a: { depends_on: [b, c] }\n  b: { depends_on: [d] }\n  c: { depends_on: [d, ghost] }\n  d: {}\n';
  assert.deepEqual(run(dependencyCycle, text), []);
});

test('RB107 handles a 5,000-VM chain closed into a ring without recursion', () => {
  const n = 5000;
  const lines = ['vms:'];
  for (let i = 0; i < n; i++) lines.push(`  vm${i}: { depends_on: [vm${(i + 1) % n}] }`);
  const ctx = contextOf(lines.join('\n') + '\n'); // parsing is not the rule's time
  const findings = dependencyCycle.check(ctx);
  assert.equal(findings.length, 1);
  assert.match(findings[0].message, /^Dependency cycle: vm0 -> vm1 -> .* -> \.\.\. \(4989 more\) -> .* -> vm4999 -> vm0;/);
  assert.deepEqual(findings[0].fix, { fix: 'break-cycle', vmId: 'vm4999', dependencyIndex: 0 });
});

test('cycleText elides long cycles', () => {
  assert.equal(cycleText(['a', 'b']), 'a -> b -> a');
});
