import { test } from 'node:test';
import assert from 'node:assert/strict';
import { unknownStepDependency } from './unknownStepDependency';
import { run, spanOf } from '../../../../test/support/rules';

const text = `vms: { db01: {}, app01: {}, far01: {} }
waves:
  - name: W
    vms: [db01, app01]
    before:
      - { id: freeze, duration: 5 min }
    after:
      - { id: dns, duration: 5 min, depends_on: [db02, freeze, app01, far01] }
  - name: X
    vms: [far01]
`;

test('RB120 flags unknown ids and VMs of other waves in a step depends_on, with a suggestion', () => {
  const findings = run(unknownStepDependency, text);
  assert.deepEqual(findings.map((f) => f.code), ['RB120', 'RB120']);
  const [typo, other] = findings;
  assert.equal(typo.severity, 'error');
  assert.deepEqual(typo.span, spanOf(text, 'db02'));
  assert.equal(typo.message, "Wave 'W': after step 'dns' depends on 'db02', which is neither a step of this wave nor one of its VMs; did you mean 'db01'?");
  assert.deepEqual(typo.fix, { fix: 'replace-value', replacement: 'db01' });
  assert.deepEqual(other.span, spanOf(text, 'far01', 1));
  assert.match(other.message, /'far01' is a VM of another wave: a step can wait only for VMs of its own wave/);
});

test('RB120 stays silent when every dependency is a step or VM of the wave', () => {
  assert.deepEqual(run(unknownStepDependency, text.replace('db02, ', '').replace(', far01]', ']')), []);
});

test('RB120 reports a default step once, on the defaults', () => {
  const t = `defaults:\n  steps:\n    after:\n      - { id: smoke, duration: 5 min, depends_on: [ghost] }\nwaves:\n  - vms: []\n  - vms: []\n`;
  const findings = run(unknownStepDependency, t);
  assert.equal(findings.length, 1);
  assert.deepEqual(findings[0].span, spanOf(t, 'ghost'));
  assert.match(findings[0].message, /^Wave 1: after step 'smoke' \(from defaults.steps\) depends on 'ghost'/);
});
