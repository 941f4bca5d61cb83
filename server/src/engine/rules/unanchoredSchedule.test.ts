import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../analyze';
import { spanOf } from '../../../../test/support/rules';

// The reviewer's plan: disaster avoidance, a deadline, no windows, two 8 TiB VMs over 200 Mb/s.
const plan = (extra = ''): string => `runbook: 1
name: Storm
purpose: disaster-avoidance
deadline: "2026-12-07T06:00:00-05:00"
${extra}sites: { a: { vsphere: "7.0" }, b: { vsphere: "7.0" } }
links:
  ab: { from: a, to: b, bandwidth: 200 Mbps, rtt: 10 ms }
vms:
  big1: { memory: 64 GiB, disk: 8 TiB, workload: light }
  big2: { memory: 64 GiB, disk: 8 TiB, workload: light }
waves:
  - name: Only
    link: ab
    vms: [big1, big2]
`;

test('RB214: a deadline with nothing anchoring the schedule is an error, and never "fits"', () => {
  const text = plan();
  const a = analyze(text);
  const f = a.findings.filter((x) => x.code === 'RB214');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'error');
  assert.deepEqual(f[0].span, spanOf(text, '"2026-12-07T06:00:00-05:00"'));
  assert.match(f[0].message, /^The deadline cannot be checked: the plan has no start/);
  assert.equal(a.estimate.schedule.anchored, false);
  assert.equal(a.estimate.schedule.meetsDeadline, undefined);
  assert.equal(a.estimate.schedule.fits, false);
  assert.equal(a.findings.some((x) => x.code === 'RB212'), false);
});

test('start: a date anchors the schedule; the deadline check then runs (RB212)', () => {
  const a = analyze(plan('start: "2026-12-05T00:00:00-05:00"\n'));
  assert.equal(a.findings.some((x) => x.code === 'RB214'), false);
  assert.equal(a.estimate.schedule.anchored, true);
  assert.equal(a.estimate.schedule.startEpochMs, Date.parse('2026-12-05T05:00:00Z'));
  assert.equal(a.estimate.schedule.waves[0].startSource, 'plan-start');
  assert.equal(a.estimate.schedule.meetsDeadline, false);
  assert.equal(a.findings.filter((x) => x.code === 'RB212').length, 1);
});

test('start: now and the CLI option startNow start the plan at the given clock', () => {
  const now = Date.parse('2026-12-06T00:00:00Z');
  assert.equal(analyze(plan('start: now\n'), { nowEpochMs: now }).estimate.schedule.startEpochMs, now);
  assert.equal(analyze(plan('start: "2020-01-01T00:00:00Z"\n'), { startNow: true, nowEpochMs: now }).estimate.schedule.startEpochMs, now);
});

test('RB214 without a deadline is a warning on the waves key', () => {
  const text = plan().replace(/^deadline:.*\n/m, '').replace('disaster-avoidance', 'load-balancing');
  const f = analyze(text).findings.filter((x) => x.code === 'RB214');
  assert.equal(f.length, 1);
  assert.equal(f[0].severity, 'warning');
  assert.deepEqual(f[0].span, spanOf(text, 'waves'));
});

test('a wave window anchors the schedule', () => {
  const text = plan().replace('    link: ab\n', '    link: ab\n    window: { start: "2026-12-05T22:00:00-05:00", duration: 6h }\n');
  assert.equal(analyze(text).findings.some((x) => x.code === 'RB214'), false);
});
