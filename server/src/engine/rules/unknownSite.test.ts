import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownSite } from './unknownSite';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (to: string): string => `runbook: 1
sites:
  ewr: { vsphere: "7.0" }
  phl: { vsphere: "7.0" }
links:
  ewr-phl: { from: ewr, to: ${to}, rtt: 5 ms }
`;

test('RB101 fires on an unknown link end, with a did-you-mean fix', () => {
  const text = yaml('phk');
  const [f, ...rest] = run(unknownSite, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB101');
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, 'phk'));
  assert.equal(f.message, "Link 'ewr-phl' to: site 'phk' is not defined under 'sites' (known sites: ewr, phl); did you mean 'phl'?");
  assert.deepEqual(f.fix, { fix: 'replace-value', replacement: 'phl' });
});

test('RB101 without a close match asks to add the site', () => {
  const [f] = run(unknownSite, yaml('frankfurt'));
  assert.match(f.message, /add the site or correct the id/);
  assert.equal(f.fix, undefined);
});

test('RB101 stays silent when both ends are defined', () => {
  assert.deepEqual(run(unknownSite, yaml('phl')), []);
});
