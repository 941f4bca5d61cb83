import { test } from 'node:test';
import assert from 'node:assert/strict';
import { endOfSupport } from './endOfSupport';
import { run, spanOf } from '../../../../test/support/rules';

const text = `sites:
  a: { vsphere: "6.7" }
  b: { vsphere: "7.0 U3" }
  c: { vsphere: "8.0" }
`;

test('RB303: a release past its end of general support is information, dated; judged at the plan start, else now', () => {
  const at = (iso: string) => ({ nowEpochMs: Date.parse(iso) });
  const findings = run(endOfSupport, text, {}, at('2026-01-01T00:00:00Z'));
  assert.deepEqual(findings.map((f) => text.slice(f.span.start, f.span.end)), ['"6.7"', '"7.0 U3"']);
  assert.equal(findings[0].severity, 'information');
  assert.equal(findings[0].message, 'Site a runs vSphere 6.7, past its end of general support on 2022-10-15: no more patches or security fixes. Plan the upgrade, or move onto a supported release.');
  assert.match(findings[1].message, /past its end of general support on 2025-10-02/);
  assert.deepEqual(run(endOfSupport, text, {}, at('2024-01-01T00:00:00Z')).map((f) => f.span), [spanOf(text, '"6.7"')]);
});
