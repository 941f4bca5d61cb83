import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bandwidthPerVmotion } from './bandwidthPerVmotion';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (link: string, concurrency: number): string => `links:
  wan: { from: a, to: b, ${link} }
waves:
  - name: One
    link: wan
    concurrency: ${concurrency}
    vms: []
`;

test('RB202 fires on the concurrency when sessions would get under 250 Mbps each, with a fix', () => {
  const text = yaml('bandwidth: 1 Gbps, migration_share: 50 %', 4);
  const [f, ...rest] = run(bandwidthPerVmotion, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB202');
  assert.equal(f.severity, 'error');
  const key = spanOf(text, 'concurrency: 4');
  assert.deepEqual(f.span, { start: key.end - 1, end: key.end });
  assert.equal(f.message, "125 Mbps per vMotion is under the 250 Mbps each concurrent session needs: Wave 'One' runs 4 migrations at once over 500 Mbps (50 % of 1 Gbps) on 'wan'; lower concurrency to 2.");
  assert.deepEqual(f.fix, { fix: 'set-concurrency', waveIndex: 0, concurrency: 2 });
});

test('RB202 fires once on a link too small for even one vMotion; WAN-optimizer gains do not count', () => {
  const text = yaml('bandwidth: 200 Mbps, transport: wan-optimized, compression: 3', 2);
  const [f, ...rest] = run(bandwidthPerVmotion, text);
  assert.equal(rest.length, 0);
  assert.deepEqual(f.span, spanOf(text, '200 Mbps'));
  assert.equal(f.message, "Link 'wan' gives migrations 200 Mbps, under the 250 Mbps vMotion needs per concurrent session (WAN-optimizer gains do not count toward it); raise the bandwidth or the migration share, or VMware does not support vMotion over it.");
});

test('RB202 points at the migration share when the share is what starves it', () => {
  const text = yaml('bandwidth: 1 Gbps, migration_share: 20 %', 1);
  const [f] = run(bandwidthPerVmotion, text);
  assert.deepEqual(f.span, spanOf(text, '20 %'));
});

test('RB202 stays silent at 250 Mbps per session and without a bandwidth', () => {
  assert.deepEqual(run(bandwidthPerVmotion, yaml('bandwidth: 1 Gbps', 4)), []);
  assert.deepEqual(run(bandwidthPerVmotion, yaml('rtt: 5 ms', 16)), []);
});
