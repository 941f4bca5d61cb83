import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze';

const plan = (secondStart: string) => `runbook: 1
name: o
links:
  wan: { bandwidth: 1 Gbps, rtt: 5 ms }
storage: { strategy: shared }
vms:
  a: { memory: 64 GiB, active_memory: 64 GiB, workload: idle }
  b: { memory: 64 GiB, active_memory: 64 GiB, workload: idle }
waves:
  - name: A
    link: wan
    window: { start: "2026-06-01T00:00:00Z", duration: 4 h }
    vms: [a]
  - name: B
    link: wan
    window: { start: "${secondStart}", duration: 4 h }
    vms: [b]
`;

test('RB252 names two waves whose migrations overlap on one link', () => {
  // Each VM: 68.7 GB / 118.75 MB/s = ~10 min; B starts 5 min after A.
  const f = analyze(plan('2026-06-01T00:05:00Z')).findings.filter((x) => x.code === 'RB252');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.match(f[0].message, /^Wave 'B' \(migrations\) and Wave 'A' \(migrations\) use link 'wan' at the same time for about \d+ min/);
});

test('RB252 stays silent when the waves follow each other', () => {
  assert.deepEqual(analyze(plan('2026-06-01T02:00:00Z')).findings.filter((x) => x.code === 'RB252'), []);
});
