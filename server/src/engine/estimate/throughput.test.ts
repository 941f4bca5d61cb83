import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze';
import { mathisBytesPerSecond, streamThroughput, type StreamInput } from './throughput';

const base: StreamInput = {
  transport: 'tcp',
  bandwidthBytesPerSecond: 125e6, // 1 Gbps
  migrationShare: 1,
  concurrentStreams: 1,
  rttSeconds: 0.01,
  lossFraction: 0,
  efficiency: 0.95,
  compressionRatio: 1,
};

const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) <= 1e-9 * Math.max(1, Math.abs(expected)), `${what}: ${actual} != ${expected}`);

test('window-limited: 0.5 MB over 10 ms is 50 MB/s (yellow-bricks, docs/sources.md 1.2)', () => {
  const t = streamThroughput({ ...base, windowBytes: 0.5e6 });
  assert.equal(t.limitedBy, 'window');
  close(t.bytesPerSecond, 50e6, 'rate');
  assert.match(t.explanation, /^window-limited: .* \/ 10 ms RTT = 50 MB\/s/);
});

test('link-share-limited: 1 Gbps x 50 % / 4 streams x 95 % = 14.84 MB/s', () => {
  const t = streamThroughput({ ...base, migrationShare: 0.5, concurrentStreams: 4 });
  assert.equal(t.limitedBy, 'link-share');
  close(t.bytesPerSecond, ((125e6 * 0.5) / 4) * 0.95, 'rate');
  close(t.linkShareBytesPerSecond ?? NaN, 15.625e6, 'share');
});

test('loss-limited: Mathis 1460 B x sqrt(1.5) / (50 ms x sqrt(1e-4)) = 3.576 MB/s', () => {
  const t = streamThroughput({ ...base, bandwidthBytesPerSecond: 1.25e9, rttSeconds: 0.05, lossFraction: 1e-4 });
  assert.equal(t.limitedBy, 'loss');
  close(t.bytesPerSecond, (1460 * 1.224744871391589) / (0.05 * 0.01), 'rate');
  assert.equal(mathisBytesPerSecond(0.05, 0), Infinity);
});

test('stream-cap-limited: 100 Gbps LAN on one 18 Gbps vMotion stream', () => {
  const t = streamThroughput({ ...base, bandwidthBytesPerSecond: 12.5e9, rttSeconds: 0.0005, streamCapBytesPerSecond: 2.25e9 });
  assert.equal(t.limitedBy, 'stream-cap');
  close(t.bytesPerSecond, 2.25e9, 'rate');
});

test('wan-optimized: no window or loss limit on the WAN leg, compression multiplies the payload', () => {
  const t = streamThroughput({ ...base, transport: 'wan-optimized', rttSeconds: 0.1, lossFraction: 1e-3, windowBytes: 0.5e6, efficiency: 0.9, compressionRatio: 2 });
  assert.equal(t.limitedBy, 'link-share');
  close(t.bytesPerSecond, 125e6 * 0.9 * 2, 'rate');
  assert.equal(t.windowBytesPerSecond, undefined);
  assert.equal(t.lossBytesPerSecond, undefined);
});

test('no bandwidth: unknown, zero rate, says what to add', () => {
  const t = streamThroughput({ ...base, bandwidthBytesPerSecond: undefined });
  assert.equal(t.limitedBy, 'unknown');
  assert.equal(t.bytesPerSecond, 0);
  assert.match(t.explanation, /bandwidth/);
});

const linkYaml = (site: string, link: string) => `runbook: 1
sites:
  a: { vsphere: "${site}", license: enterprise }
  b: { vsphere: "7.0" }
links:
  ab:
    from: a
    to: b
${link}
`;

test('vSphere 5.5 below Enterprise Plus keeps the fixed 0.5 MB buffer: 0.5 MB / 72 ms = 6.94 MB/s', () => {
  const a = analyze(linkYaml('5.5', '    bandwidth: 1 Gbps\n    rtt: 72 ms'));
  const l = a.estimate.links.get('ab');
  assert.ok(l);
  assert.equal(l.perStream.tcp.limitedBy, 'window');
  close(l.perStream.tcp.bytesPerSecond, 0.5e6 / 0.072, 'tcp');
  // Through a WAN optimizer the window does not apply: 125 MB/s x 0.95.
  close(l.perStream['wan-optimized'].bytesPerSecond, 125e6 * 0.95, 'wan-optimized');
  close(l.bandwidthDelayProductBytes ?? NaN, 125e6 * 0.072, 'BDP');
});

test('vSphere 6.5 Enterprise Plus: dynamic buffers, no window limit', () => {
  const a = analyze(linkYaml('6.5', '    bandwidth: 1 Gbps\n    rtt: 72 ms').replace('license: enterprise', 'license: enterprise-plus'));
  assert.equal(a.estimate.links.get('ab')?.perStream.tcp.limitedBy, 'link-share');
});

test('socket_buffer overrides vSphere: 4 MiB / 40 ms', () => {
  const a = analyze(linkYaml('7.0', '    bandwidth: 10 Gbps\n    rtt: 40 ms\n    socket_buffer: 4 MiB').replace('license: enterprise', 'license: enterprise-plus'));
  const t = a.estimate.links.get('ab')?.perStream.tcp;
  assert.equal(t?.limitedBy, 'window');
  close(t?.bytesPerSecond ?? NaN, (4 * 2 ** 20) / 0.04, 'rate');
});

test('RTT: given, derived from distance (default and given route factor), or the LAN default', () => {
  const given = analyze(linkYaml('7.0', '    bandwidth: 1 Gbps\n    rtt: 18 ms')).estimate.links.get('ab');
  close(given?.rttSeconds ?? NaN, 0.018, 'given');
  assert.equal(given?.rttDerived, false);
  const derived = analyze(linkYaml('7.0', '    bandwidth: 1 Gbps\n    distance: 1000 km')).estimate.links.get('ab');
  close(derived?.rttSeconds ?? NaN, 1000 * 1.5 * 1e-5, 'derived 1.5');
  assert.equal(derived?.rttDerived, true);
  assert.match(derived?.rttSource ?? '', /route factor 1.5 \(default\)/);
  const factor = analyze(linkYaml('7.0', '    bandwidth: 1 Gbps\n    distance: 1000 km\n    route_factor: 1.2')).estimate.links.get('ab');
  close(factor?.rttSeconds ?? NaN, 0.012, 'derived 1.2');
  const lan = analyze(linkYaml('7.0', '    bandwidth: 1 Gbps')).estimate.links.get('ab');
  close(lan?.rttSeconds ?? NaN, 0.0005, 'LAN');
  assert.match(lan?.rttSource ?? '', /assumed/);
});
