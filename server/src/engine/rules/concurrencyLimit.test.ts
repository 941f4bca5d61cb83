import { test } from 'node:test';
import assert from 'node:assert/strict';
import { concurrencyLimit } from './concurrencyLimit';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (storage: string, wave: string, nic = '1 Gbps'): string => `sites:
  a: { vmotion_nic: ${nic} }
  b: { vmotion_nic: 10 Gbps }
links:
  wan: { from: a, to: b }
storage: { strategy: ${storage} }
vms:
  v1: {}
  v2: {}
waves:
  - name: One
    link: wan
    ${wave}
    vms: [v1, v2]
`;

test('RB207 caps Storage vMotion at 2 per host, on the concurrency, with a fix', () => {
  const text = yaml('storage-vmotion', 'concurrency: 3');
  const [f, ...rest] = run(concurrencyLimit, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB207');
  assert.equal(f.severity, 'warning');
  const key = spanOf(text, 'concurrency: 3');
  assert.deepEqual(f.span, { start: key.end - 1, end: key.end });
  assert.equal(f.message, "Concurrency 3 exceeds vCenter's Storage vMotion limit of 2 in Wave 'One': vCenter queues the rest, so the wave takes longer than estimated. Set concurrency to 2 or spread the wave over more hosts/datastores. (Limit: 2 Storage vMotions per host x 1 host assumed (set 'hosts:' on the wave if it spans more))");
  assert.deepEqual(f.fix, { fix: 'set-concurrency', waveIndex: 0, concurrency: 2 });
});

test('RB207 uses the slower vMotion NIC for the network limit and multiplies by hosts', () => {
  const text = yaml('shared', 'concurrency: 10\n    hosts: 2');
  const [f] = run(concurrencyLimit, text);
  assert.match(f.message, /limit of 8 in .*\(Limit: 4 per host on 1 Gbps vMotion NICs x hosts: 2\)$/);
  assert.deepEqual(f.fix, { fix: 'set-concurrency', waveIndex: 0, concurrency: 8 });
});

test('RB207 stays silent within the limits', () => {
  assert.deepEqual(run(concurrencyLimit, yaml('storage-vmotion', 'concurrency: 4\n    hosts: 2')), []);
  assert.deepEqual(run(concurrencyLimit, yaml('shared', 'concurrency: 8', '10 Gbps')), []);
  assert.deepEqual(run(concurrencyLimit, yaml('storage-vmotion', 'hosts: 1')), []);
});
