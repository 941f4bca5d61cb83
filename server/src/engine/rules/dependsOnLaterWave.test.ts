import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dependsOnLaterWave } from './dependsOnLaterWave';
import { run, spanOf } from '../../../../test/support/rules';

const yaml = (first: string, second: string): string => `vms:
  app01: { depends_on: [db01] }
  db01: {}
waves:
  - name: One
    vms: [${first}]
  - name: Two
    vms: [${second}]
`;

test('RB108 fires when a dependency migrates in a later wave', () => {
  const text = yaml('app01', 'db01');
  const [f, ...rest] = run(dependsOnLaterWave, text);
  assert.equal(rest.length, 0);
  assert.equal(f.code, 'RB108');
  assert.deepEqual(f.span, spanOf(text, 'db01'));
  assert.equal(f.message, "VM 'app01' (Wave 'One') depends on 'db01', which migrates later in Wave 'Two'; move 'db01' to the same or an earlier wave, or 'app01' to a later one.");
  assert.deepEqual(f.related, [{ span: spanOf(text, 'db01', 2), message: "'db01' is listed in Wave 'Two'" }]);
});

test('RB108 stays silent when the dependency goes first or in the same wave', () => {
  assert.deepEqual(run(dependsOnLaterWave, yaml('db01', 'app01')), []);
  assert.deepEqual(run(dependsOnLaterWave, yaml('db01, app01', '')), []);
});
