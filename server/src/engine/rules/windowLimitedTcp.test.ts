import { test } from 'node:test';
import assert from 'node:assert/strict';
import { windowLimitedTcp } from './windowLimitedTcp';
import { linkEstimate, run, spanOf, throughput } from '../../../../test/support/rules';

const yaml = (transport: string): string => `links:
  ewr-lon: { from: ewr, to: lon, rtt: 72 ms, transport: ${transport} }
`;
const estimate = linkEstimate('ewr-lon', {
  perStream: {
    tcp: throughput(58e6, { limitedBy: 'window', explanation: 'window-limited: 4 MiB / 72 ms RTT = 58 MB/s' }),
    'wan-optimized': throughput(950e6),
  },
});

test('RB213 suggests a WAN optimizer on a window-limited TCP link, on its transport', () => {
  const text = yaml('tcp');
  const [f, ...rest] = run(windowLimitedTcp, text, { links: [estimate] });
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB213');
  assert.equal(f.severity, 'information');
  assert.deepEqual(f.span, spanOf(text, 'tcp'));
  assert.equal(f.message, "Link 'ewr-lon': plain TCP is window-limited to 58 MB/s per migration; a WAN optimizer would reach about 950 MB/s. Consider transport: wan-optimized (its gains do not count toward the 250 Mbps support requirement). (Throughput: window-limited: 4 MiB / 72 ms RTT = 58 MB/s)");
  assert.deepEqual(f.fix, { fix: 'set-transport', linkId: 'ewr-lon', transport: 'wan-optimized' });
});

test('RB213 stays silent with a WAN optimizer or when TCP is not window-limited', () => {
  assert.deepEqual(run(windowLimitedTcp, yaml('wan-optimized'), { links: [estimate] }), []);
  const linkLimited = linkEstimate('ewr-lon', { perStream: { tcp: throughput(100e6), 'wan-optimized': throughput(100e6) } });
  assert.deepEqual(run(windowLimitedTcp, yaml('tcp'), { links: [linkLimited] }), []);
});

test('RB213 also fires on a loss-limited TCP link (30 ms, 0.01 %): more bandwidth does not help', () => {
  const text = `links:\n  wan: { from: a, to: b, rtt: 30 ms, loss: 0.01 % }\n`;
  const tcp = throughput(5.96e6, { limitedBy: 'loss', explanation: 'loss-limited (Mathis) = 5.96 MB/s' });
  const [f] = run(windowLimitedTcp, text, { links: [linkEstimate('wan', { perStream: { tcp, 'wan-optimized': throughput(119e6) } })] });
  assert.equal(f.code, 'RB213');
  assert.match(f.message, /^Link 'wan': plain TCP is loss-limited to 5\.96 MB\/s per migration, whatever the bandwidth; a WAN optimizer would reach about 119 MB\/s\. Reduce the loss.*\(Throughput: loss-limited/);
});
