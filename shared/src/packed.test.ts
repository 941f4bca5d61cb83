import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../test/packaging/repoRoot';
import { generateRunbook } from '../../test/support/generateRunbook';
import { PLAN, STEP_PLAN, hostileIdPlan, updateOf, whatIfOf } from '../../test/webview/fixtures';
import { isPackedVms, packUpdate, unpackUpdate, type PackedVms } from './packed';

const plain = (v: unknown): unknown => JSON.parse(JSON.stringify(v));

test('packed updates unpack to the same VMs, details and everything else', () => {
  for (const text of [PLAN, STEP_PLAN, hostileIdPlan(), generateRunbook({ vms: 300 })]) {
    const message = updateOf(whatIfOf(text, 3), 2);
    const packed = packUpdate(message);
    assert.deepEqual(packed.result.schedule.vms, []);
    assert.deepEqual(packed.result.details, {});
    // It survives the trip a postMessage makes (JSON in VS Code).
    const back = unpackUpdate(plain(packed) as typeof packed);
    assert.ok(back);
    assert.deepEqual(plain(back), plain(message));
    for (const vm of message.result.schedule.vms) {
      assert.deepEqual(back.result.details[vm.id], message.result.details[vm.id], vm.id);
    }
    assert.equal(back.result.details['no such vm'], undefined);
    assert.equal(back.result.details.constructor, undefined, 'no prototype keys');
  }
});

test("VM problems (the Problems panel's errors and warnings) survive packing; malformed ones are refused", () => {
  const infeasible = readFileSync(join(repoRoot(), 'samples/infeasible.runbook.yaml'), 'utf8');
  const message = updateOf(whatIfOf(infeasible));
  const withProblems = message.result.schedule.vms.filter((v) => v.problems);
  assert.ok(withProblems.some((v) => v.id === 'stun01' && v.problems?.[0].code === 'RB205'));
  const packed = plain(packUpdate(message)) as ReturnType<typeof packUpdate>;
  const back = unpackUpdate(packed);
  assert.deepEqual(plain(back?.result.schedule.vms), plain(message.result.schedule.vms));
  const bad = { ...packed.packed, problemVm: [999], problems: [{ code: 'RB1', severity: 'error', message: 'x' }] };
  assert.equal(isPackedVms(bad), false, 'a problem of a VM that does not exist');
  const badSeverity = { ...packed.packed, problemVm: [0], problems: [{ code: 'RB1', severity: 'fatal', message: 'x' }] };
  assert.equal(isPackedVms(badSeverity), false);
});

test('recorded actuals and forecasts (issue 14) survive packing; malformed ones are refused', () => {
  const message = updateOf(whatIfOf(readFileSync(join(repoRoot(), 'samples/infeasible.runbook.yaml'), 'utf8')));
  const [first, second] = message.result.schedule.vms;
  const vms = message.result.schedule.vms.map((v) => v === first ? { ...v, actual: { startEpochMs: 1, endEpochMs: 2, status: 'failed' as const }, forecast: { startEpochMs: 3, endEpochMs: 4 } }
    : v === second ? { ...v, actual: { startEpochMs: 5, status: 'running' as const } } : v);
  const withActuals = { ...message, result: { ...message.result, schedule: { ...message.result.schedule, vms } } };
  const packed = plain(packUpdate(withActuals)) as ReturnType<typeof packUpdate>;
  const back = unpackUpdate(packed);
  assert.deepEqual(plain(back?.result.schedule.vms), plain(vms));
  assert.equal(isPackedVms({ ...packed.packed, actualVm: [0], actuals: [{ startEpochMs: 1, status: 'exploded' }] }), false);
  assert.equal(isPackedVms({ ...packed.packed, forecastVm: [999], forecasts: [{ startEpochMs: 1, endEpochMs: 2 }] }), false);
});

test('the packed message is much smaller than the object-per-VM one', () => {
  const message = updateOf(whatIfOf(generateRunbook({ vms: 500 })));
  assert.ok(JSON.stringify(packUpdate(message)).length < JSON.stringify(message).length * 0.6);
});

test('malformed packed VMs are refused, an unpacked update passes through', () => {
  const message = updateOf(whatIfOf(PLAN));
  assert.equal(unpackUpdate(message), message);
  const good = plain(packUpdate(message).packed) as PackedVms;
  assert.ok(isPackedVms(good));
  const broken: Record<string, unknown>[] = [
    { ...good, count: good.count + 1 },
    { ...good, startEpochMs: good.startEpochMs.slice(1) },
    { ...good, phaseOffset: [...good.phaseOffset.slice(0, -1), 999] },
    { ...good, depOffset: good.depOffset.map((x, i) => (i === 1 ? 99 : x)) },
    { ...good, ids: good.ids.map((x, i) => (i === 0 ? 7 : x)) },
    { ...good, totalSeconds: good.totalSeconds.map(() => 'x') },
  ];
  for (const b of broken) {
    assert.equal(isPackedVms(b), false, JSON.stringify(Object.keys(b)));
    assert.equal(unpackUpdate({ ...message, packed: b }), undefined);
  }
  assert.equal(unpackUpdate({ ...message, packed: null }), undefined);
});
