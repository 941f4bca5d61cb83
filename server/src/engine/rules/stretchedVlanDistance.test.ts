import { test } from 'node:test';
import assert from 'node:assert/strict';
import { stretchedVlanDistance } from './stretchedVlanDistance';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (strategy: string, distance: string): string => `network: { strategy: ${strategy} }
links:
  ewr-ord: { from: ewr, to: ord, distance: ${distance} }
`;

test('RB208 warns on the distance of a stretched VLAN beyond 200 km and says the 500 miles is unverified', () => {
  const text = yaml('stretched-vlan', '500 mi');
  const [f, ...rest] = run(stretchedVlanDistance, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB208');
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, '500 mi'));
  assert.equal(f.message, "Link 'ewr-ord' spans 805 km, beyond the 200 km (125 mi) Cisco/VMware reference design for stretching a VLAN between data centres; the often-quoted ~500 miles could not be verified. Consider l2-extension (OTV, HCX Network Extension), wan-proxy, or re-ip.");
  assert.deepEqual(f.related, [{ span: spanOf(text, 'stretched-vlan'), message: 'network strategy: stretched-vlan' }]);
});

test('RB208 stays silent within 200 km or with another network strategy', () => {
  assert.deepEqual(run(stretchedVlanDistance, yaml('stretched-vlan', '120 mi')), []);
  assert.deepEqual(run(stretchedVlanDistance, yaml('l2-extension', '500 mi')), []);
});

test('RB208 derives the distance bound from rtt when no distance is given (12 ms: up to ~800 km)', () => {
  const text = `network: { strategy: stretched-vlan }
links:
  ab: { from: a, to: b, rtt: 12 ms }
`;
  const [f, ...rest] = run(stretchedVlanDistance, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, '12 ms'));
  assert.match(f.message, /^Link 'ab' may span up to about 800 km, beyond the 200 km \(125 mi\) Cisco\/VMware reference design/);
  assert.match(f.message, /RTT 12 ms allows 1200 km of fibre/);
  // 2.5 ms: at most 167 km in straight line, inside the design.
  assert.deepEqual(run(stretchedVlanDistance, text.replace('12 ms', '2.5 ms')), []);
});
