import { test } from 'node:test';
import assert from 'node:assert/strict';
import { replicationRpoRange } from './replicationRpoRange';
import { replicaCannotCatchUp } from './replicaCannotCatchUp';
import { sharedNothingVersion } from './sharedNothingVersion';
import { run, spanOf, throughput, vmEstimate } from '../../../../test/support/rules';

const plan = (rpo: string, method = 'vmotion'): string => `method: ${method}
storage: { strategy: replication-async, rpo: ${rpo} }
vms:
  db01: { memory: 8 GiB, disk_change_rate: 40 MB/s }
waves:
  - vms: [db01]
`;

test('RB216: an RPO of 2 min or 48 h is outside vSphere Replication\'s 5 min-24 h', () => {
  const [low] = run(replicationRpoRange, plan('2 min'));
  assert.equal(low.severity, 'warning');
  assert.deepEqual(low.span, spanOf(plan('2 min'), '2 min'));
  assert.match(low.message, /^RPO 2 min is below its 5 min minimum for vSphere Replication \(5 min to 24 h\)/);
  const [high] = run(replicationRpoRange, plan('48 h'));
  assert.match(high.message, /^RPO 2 d is above its 24 h maximum|^RPO 48 h is above its 24 h maximum/);
  assert.deepEqual(run(replicationRpoRange, plan('15 min')), []);
});

test('RB216 is an error when HCX Bulk replicates (it uses vSphere Replication)', () => {
  const [f] = run(replicationRpoRange, plan('2 min', 'hcx-bulk'));
  assert.equal(f.severity, 'error');
  assert.match(f.message, /HCX Bulk and Replication Assisted vMotion replicate with vSphere Replication/);
});

test('RB217: a disk changing faster than the replica\'s bandwidth can never catch up', () => {
  const text = plan('15 min');
  const e = vmEstimate('db01', { waveIndex: 0, storage: 'replication-async', throughput: throughput(25e6, { explanation: 'link share 25 MB/s' }) });
  const [f, ...rest] = run(replicaCannotCatchUp, text, { vms: [e] });
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, '40 MB/s'));
  assert.match(f.message, /^VM 'db01': the replica can never catch up: the disk changes at 40 MB\/s \(given\), at or above the 25 MB\/s the link gives its replication/);
  assert.deepEqual(run(replicaCannotCatchUp, text, { vms: [vmEstimate('db01', { waveIndex: 0, throughput: throughput(100e6) })] }), []);
});

test('RB218: shared-nothing vMotion (storage-vmotion) on vSphere 4.1 is an error; 5.1 is fine', () => {
  const text = (v: string): string => `sites:
  a: { vsphere: "${v}" }
  b: { vsphere: "5.5" }
links:
  ab: { from: a, to: b }
vms:
  v1: { memory: 4 GiB, storage: storage-vmotion }
waves:
  - { link: ab, vms: [v1] }
`;
  const [f] = run(sharedNothingVersion, text('4.1'));
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text('4.1'), 'storage-vmotion'));
  assert.match(f.message, /^VM 'v1' cannot move its disks with vMotion over link 'ab': site a runs vSphere 4\.1, and shared-nothing vMotion \(compute and storage together\) arrived with 5\.1/);
  assert.deepEqual(run(sharedNothingVersion, text('5.1')), []);
  assert.deepEqual(run(sharedNothingVersion, text('4.1').replace('storage: storage-vmotion', 'storage: shared')), []);
});
