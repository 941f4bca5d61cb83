import { test } from 'node:test';
import assert from 'node:assert/strict';
import { impossibleValue } from './impossibleValue';
import { run, spanOf } from '../../../../test/support/rules';

test('RB012: the reviewer\'s impossible values are errors, each on its value', () => {
  const text = `links:
  ab: { from: a, to: b, bandwidth: 1 Gbps, loss: 100 %, efficiency: 150 %, migration_share: 0 % }
  aa: { from: a, to: a, bandwidth: 0 Mbps }
vms:
  v1: { memory: 1 GiB, disk: { provisioned: 100 GiB, used: 200 GiB } }
`;
  const findings = run(impossibleValue, text);
  assert.deepEqual(findings.map((f) => [f.severity, text.slice(f.span.start, f.span.end)]), [
    ['error', '100 %'],
    ['error', '150 %'],
    ['error', '0 %'],
    ['error', '0 Mbps'],
    ['error', 'a'],
    ['error', '200 GiB'],
  ]);
  assert.match(findings[0].message, /^Link 'ab': loss 100 % cannot be: at 100 % no packet arrives/);
  assert.match(findings[2].message, /^Link 'ab': migration_share 0 % cannot be: it leaves nothing for the migrations/);
  assert.deepEqual(findings[4].span, spanOf(text, 'a', text.indexOf('to: a') > 0 ? countBefore(text, 'to: a') : 0));
  assert.match(findings[5].message, /^VM 'v1': disk used 200 GiB is more than the 100 GiB provisioned/);
});

test('RB012 stays silent on plausible values', () => {
  assert.deepEqual(run(impossibleValue, `links:
  ab: { from: a, to: b, loss: 0.01 %, efficiency: 95 %, migration_share: 60 % }
vms:
  v1: { disk: { provisioned: 100 GiB, used: 60 GiB } }
  v2: { disk: 100 GiB }
`), []);
});

/** Which occurrence of 'a' is the value of `to: a`. */
function countBefore(text: string, marker: string): number {
  const at = text.indexOf(marker) + marker.length - 1;
  let n = 0;
  for (let i = text.indexOf('a'); i >= 0 && i < at; i = text.indexOf('a', i + 1)) n++;
  return n;
}
