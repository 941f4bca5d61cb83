import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel } from '../model';
import { parseYaml } from '../parse';
import { vmEstimate } from '../../../../test/support/rules';
import { schedulePlan } from './schedule';
import type { VmEstimate, WaveSchedule } from './types';

const START = Date.parse('2026-12-06T03:00:00Z'); // 22:00 at -05:00
const MIN = 60_000;

function wave(steps: string, opts: { vms?: Record<string, number>; concurrency?: number; window?: string; reverse?: Record<string, number> } = {}): WaveSchedule {
  const vms = opts.vms ?? { db01: 600, app01: 300 };
  const yaml = `vms:\n${Object.keys(vms).map((id) => `  ${id}: { memory: 8 GiB }`).join('\n')}\nwaves:\n  - name: W\n    window: { start: "2026-12-05T22:00:00-05:00", duration: ${opts.window ?? '6h'} }\n    concurrency: ${opts.concurrency ?? 1}\n    vms: [${Object.keys(vms).join(', ')}]\n${steps}`;
  const parsed = parseYaml(yaml);
  assert.deepEqual(parsed.findings, []);
  const { model, findings } = buildModel(parsed.document);
  assert.deepEqual(findings, []);
  const estimates = new Map<string, VmEstimate>(Object.entries(vms).map(([id, s]) => [id, vmEstimate(id, { totalSeconds: s })]));
  const reverse = opts.reverse ? new Map<string, VmEstimate>(Object.entries(opts.reverse).map(([id, s]) => [id, vmEstimate(id, { totalSeconds: s })])) : undefined;
  return schedulePlan(model, estimates, reverse).waves[0];
}

const minutes = (ms: number): number => (ms - START) / MIN;

test('before steps run in list order and gate the migrations; ranges give best and worst', () => {
  const w = wave(`    before:
      - { id: freeze, duration: 10-20 min }
      - { id: backup, duration: 30 min }
`);
  const [freeze, backup] = w.steps ?? [];
  assert.deepEqual([freeze.bestStartEpochMs, freeze.bestEndEpochMs, freeze.worstEndEpochMs].map(minutes), [0, 10, 20]);
  assert.deepEqual([backup.bestStartEpochMs, backup.bestEndEpochMs, backup.worstStartEpochMs, backup.worstEndEpochMs].map(minutes), [10, 40, 20, 50]);
  assert.deepEqual(backup.waitsFor, ['freeze']);
  assert.deepEqual(freeze.waitsFor, ['the wave start']);
  // db01 10 min, then app01 5 min (concurrency 1), from the best-case gate at 40.
  assert.deepEqual(w.vms.map((v) => [v.vmId, minutes(v.startEpochMs), minutes(v.endEpochMs)]), [['db01', 40, 50], ['app01', 50, 55]]);
  assert.equal(w.vms[0].startReason, 'after the before steps');
  assert.equal(minutes(w.migrationsStartEpochMs ?? 0), 40);
  assert.equal(minutes(w.endEpochMs), 55);
  assert.equal(minutes(w.worstEndEpochMs ?? 0), 65); // the worst-case gate is 10 min later
  assert.equal(w.durationSeconds, 55 * 60);
  assert.equal(w.worstDurationSeconds, 65 * 60);
});

test('an after step naming a VM starts at its switchover; the next follows it; the first without depends_on waits for every migration', () => {
  const w = wave(`    after:
      - { id: dns, duration: 5 min, depends_on: [db01] }
      - { id: smoke, duration: 10-15 min }
`);
  const byId = new Map((w.steps ?? []).map((s) => [s.stepId, s]));
  const dns = byId.get('dns');
  const smoke = byId.get('smoke');
  assert.ok(dns && smoke);
  assert.deepEqual([dns.bestStartEpochMs, dns.bestEndEpochMs].map(minutes), [10, 15]); // db01 ends at 10
  assert.deepEqual([smoke.bestStartEpochMs, smoke.bestEndEpochMs, smoke.worstEndEpochMs].map(minutes), [15, 25, 30]);
  assert.equal(minutes(w.endEpochMs), 25);
  assert.equal(minutes(w.worstEndEpochMs ?? 0), 30);

  const gated = wave(`    after:
      - { id: handback, duration: 5 min }
`);
  const [handback] = gated.steps ?? [];
  assert.equal(minutes(handback.bestStartEpochMs), 15); // after app01 (10 + 5)
  assert.deepEqual(handback.waitsFor, ['every migration of the wave']);
});

test('depends_on: [] starts a step at once; explicit dependencies replace list order', () => {
  const w = wave(`    before:
      - { id: a, duration: 20 min }
      - { id: b, duration: 5 min, depends_on: [] }
      - { id: c, duration: 5 min, depends_on: [b] }
`);
  const [a, b, c] = w.steps ?? [];
  assert.deepEqual([a, b, c].map((s) => [minutes(s.bestStartEpochMs), minutes(s.bestEndEpochMs)]), [[0, 20], [0, 5], [5, 10]]);
  assert.equal(minutes(w.migrationsStartEpochMs ?? 0), 20); // the gate waits for every before step
});

test('per_vm after steps: one copy per VM as each switches over, concurrency at a time', () => {
  // concurrency 2: db01 0-10, app01 0-5, web01 5-9 (4 min).
  const w = wave(`    after:
      - { id: validate, duration: 10 min, per_vm: true }
`, { vms: { db01: 600, app01: 300, web01: 240 }, concurrency: 2 });
  const [validate] = w.steps ?? [];
  // Copies ready at 5 (app01), 9 (web01), 10 (db01) on 2 slots: 5-15, 9-19, 15-25.
  assert.equal(validate.instances, 3);
  assert.deepEqual([minutes(validate.bestStartEpochMs), minutes(validate.bestEndEpochMs)], [5, 25]);
  assert.deepEqual(validate.waitsFor, ["its VM's switchover"]);
});

test('per_vm before steps run all copies from the start, concurrency at a time', () => {
  const w = wave(`    before:
      - { id: snapshot, duration: 3-4 min, per_vm: true }
`, { vms: { a: 60, b: 60, c: 60 }, concurrency: 2 });
  const [snapshot] = w.steps ?? [];
  // 3 copies on 2 slots: two rounds.
  assert.deepEqual([minutes(snapshot.bestEndEpochMs), minutes(snapshot.worstEndEpochMs)], [6, 8]);
  assert.equal(minutes(w.migrationsStartEpochMs ?? 0), 6);
});

test('the window fit is judged on the worst case; overrunSeconds stays the best case', () => {
  const w = wave(`    before:
      - { id: freeze, duration: 20-40 min }
`, { window: '30 min' }); // best: 20 + 15 = 35 min; worst: 40 + 15 = 55 min
  assert.equal(w.fits, false);
  assert.equal(w.overrunSeconds, 5 * 60);
  assert.equal(w.worstOverrunSeconds, 25 * 60);
  const fitsBest = wave(`    before:
      - { id: freeze, duration: 5-20 min }
`, { window: '30 min' }); // best 20 min, worst 35 min
  assert.equal(fitsBest.overrunSeconds, 0);
  assert.equal(fitsBest.worstOverrunSeconds, 5 * 60);
  assert.equal(fitsBest.fits, false);
});

test('a wave without steps keeps its schedule: worst case = best case', () => {
  const w = wave('');
  assert.deepEqual(w.steps, []);
  assert.equal(w.worstEndEpochMs, w.endEpochMs);
  assert.equal(minutes(w.endEpochMs), 15);
  assert.equal(w.fits, true);
});

test('rollback: reverse migration of what has moved plus the rollback steps, from each point', () => {
  const w = wave(`    after:
      - { id: smoke, duration: 10 min }
    rollback:
      - { id: revert-dns, duration: 5 min }
      - { id: restart, duration: 10-20 min }
`, { reverse: { db01: 700, app01: 400 }, window: '1h' });
  const r = w.rollback;
  assert.ok(r);
  // Forward: db01 0-10, app01 10-15, smoke 15-25. Reverse one at a time: 700 + 400 s; steps 5 + 20 (worst).
  assert.equal(r.reverseMigrationSeconds, 1100);
  assert.equal(r.stepsSeconds, 25 * 60);
  assert.equal(r.seconds, 1100 + 1500);
  assert.equal(minutes(r.fromEpochMs), 25);
  assert.deepEqual(r.points.map((p) => [minutes(p.atEpochMs), p.seconds]), [[0, 1500], [10, 2200], [15, 2600], [25, 2600]]);
  // Window ends at 60: from 25 rolling back takes 43 min 20 s, so it ends at 68:20, too late;
  // the latest point that still makes it is 60 - 43:20 = 16:40.
  assert.equal(r.endEpochMs - START, 25 * MIN + 2600_000);
  assert.equal((r.pointOfNoReturnEpochMs ?? 0) - START, 60 * MIN - 2600_000);
  assert.deepEqual(r.steps, [{ stepId: 'revert-dns', startSeconds: 0, endSeconds: 300 }, { stepId: 'restart', startSeconds: 300, endSeconds: 1500 }]);
});

test('unknown dependencies and cycles never hang the scheduler; they are noted', () => {
  const w = wave(`    before:
      - { id: a, duration: 5 min, depends_on: [b] }
      - { id: b, duration: 5 min, depends_on: [a, ghost, db01] }
`);
  assert.equal(w.steps?.length, 2);
  assert.ok(w.notes?.some((n) => n.includes("'ghost'")));
  assert.ok(w.notes?.some((n) => n.includes("'db01'")));
});

test('defaults.steps apply to every wave unless dropped or redefined by id', () => {
  const yaml = `defaults:
  steps:
    before:
      - { id: announce, duration: 5 min }
      - { id: freeze, duration: 10 min }
waves:
  - vms: []
  - vms: []
    drop_steps: [announce]
    before:
      - { id: freeze, duration: 30 min }
`;
  const { model } = buildModel(parseYaml(yaml).document);
  assert.deepEqual(model.waves[0].steps.before.map((s) => [s.id.value, s.duration?.value.bestSeconds, s.fromDefaults]), [['announce', 300, true], ['freeze', 600, true]]);
  assert.deepEqual(model.waves[1].steps.before.map((s) => [s.id.value, s.duration?.value.bestSeconds, s.fromDefaults]), [['freeze', 1800, false]]);
});

test('step durations: ranges with and without a unit on each end; bad ones are RB010', () => {
  const yaml = `waves:
  - vms: []
    before:
      - { id: a, duration: 10-20 min }
      - { id: b, duration: 45 min - 2 h }
      - { id: c, duration: 1.5 h }
      - { id: d, duration: 10-20 mins }
      - { id: e, duration: 10-20 parsecs }
`;
  const { model, findings } = buildModel(parseYaml(yaml).document);
  const d = model.waves[0].steps.before.map((s) => s.duration && [s.duration.value.bestSeconds, s.duration.value.worstSeconds, s.duration.value.range]);
  assert.deepEqual(d, [[600, 1200, true], [2700, 7200, true], [5400, 5400, false], [600, 1200, true], undefined]);
  assert.equal(findings.length, 1);
  assert.equal(findings[0].code, 'RB010');
  assert.match(findings[0].message, /^duration: '10-20 parsecs' is not a duration or a range such as '10-20 min'/);
  assert.equal(yaml.slice(findings[0].span.start, findings[0].span.end), '10-20 parsecs');
});
