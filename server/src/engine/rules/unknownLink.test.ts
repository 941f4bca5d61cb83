import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownLink } from './unknownLink';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (link: string): string => `runbook: 1
links:
  ewr-phl: { from: ewr, to: phl, rtt: 5 ms }
waves:
  - name: First
    link: ${link}
    vms: []
`;

test('RB102 fires on an unknown wave link', () => {
  const text = yaml('ewr-ph1');
  const [f, ...rest] = run(unknownLink, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB102');
  assert.deepEqual(f.span, spanOf(text, 'ewr-ph1'));
  assert.equal(f.message, "Wave 'First': link 'ewr-ph1' is not defined under 'links' (known links: ewr-phl); did you mean 'ewr-phl'?");
  assert.deepEqual(f.fix, { fix: 'replace-value', replacement: 'ewr-phl' });
});

test('RB102 stays silent on a defined link', () => {
  assert.deepEqual(run(unknownLink, yaml('ewr-phl')), []);
});
