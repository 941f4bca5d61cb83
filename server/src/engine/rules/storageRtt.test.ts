import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sharedStorageRtt } from './sharedStorageRtt';
import { syncReplicationRtt } from './syncReplicationRtt';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (strategy: string, rtt: string, vmStorage = ''): string => `storage: { strategy: ${strategy} }
links:
  wan: { from: a, to: b, rtt: ${rtt} }
vms:
  v1: { memory: 8 GiB${vmStorage} }
waves:
  - link: wan
    vms: [v1]
`;

test('RB209 errors on the RTT of a link carrying synchronous replication beyond 10 ms', () => {
  const text = yaml('replication-sync', '18 ms');
  const [f, ...rest] = run(syncReplicationRtt, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB209');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, '18 ms'));
  assert.equal(f.message, "Synchronous replication cannot run over link 'wan': its RTT 18 ms is beyond the 10 ms metro limit (vMSC, VPLEX Metro), and every write would wait a round trip. Use replication-async or storage-vmotion over this link.");
  assert.deepEqual(f.related, [{ span: spanOf(text, 'replication-sync'), message: 'storage strategy: replication-sync' }]);
});

test('RB209 follows a per-VM strategy and stays silent at metro RTT or for other strategies', () => {
  assert.equal(run(syncReplicationRtt, yaml('storage-vmotion', '18 ms', ', storage: replication-sync')).length, 1);
  assert.deepEqual(run(syncReplicationRtt, yaml('replication-sync', '8 ms')), []);
  assert.deepEqual(run(syncReplicationRtt, yaml('replication-async', '80 ms')), []);
});

test('RB210 warns on shared storage across more than ~7 ms', () => {
  const text = yaml('shared', '12 ms');
  const [f] = run(sharedStorageRtt, text);
  assert.equal(f.code, 'RB210');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, '12 ms'));
  assert.equal(f.message, "Shared storage reached across link 'wan' with RTT 12 ms, above the ~7 ms IBM guidance for iSCSI; every disk I/O of the moved VMs would cross the WAN. Move the disks (storage-vmotion) or replicate them (replication-async).");
});

test('RB210 stays silent within 7 ms or when disks move', () => {
  assert.deepEqual(run(sharedStorageRtt, yaml('shared', '5 ms')), []);
  assert.deepEqual(run(sharedStorageRtt, yaml('storage-vmotion', '50 ms')), []);
});
