import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateRunbook } from '../../../../test/support/generateRunbook';
import { analyze } from '../analyze';
import { buildModel } from '../model';
import { DEFAULT_OPTIONS } from '../options';
import { parseYaml } from '../parse';
import { estimatePlan } from './index';
import type { ScheduledVm } from './types';

const T0 = Date.UTC(2026, 0, 1, 0, 0, 0);
const close = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 1e-6, `${what}: ${actual} != ${expected}`);

/** LAN link with round numbers: 1 Gbps, 0 ms RTT, 100 % efficiency; no disk, no dirtying, memory
 * given as active_memory (sent in full), so each VM takes setup 3.5 s + memory / (125 MB/s / streams)
 * + 0.02 s switchover base + completion 1.5 s (fixedTime.ts), i.e. copy + 5.02 s. */
const head = `runbook: 1
links:
  lan: { bandwidth: 1 Gbps, rtt: 0 ms, efficiency: 100 % }
storage: { strategy: shared }
`;

function at(vms: readonly ScheduledVm[], id: string): ScheduledVm {
  const v = vms.find((x) => x.vmId === id);
  assert.ok(v, `${id} scheduled`);
  return v;
}

test('concurrency 2 with a dependency, a window overrun, and a follow-on wave without a window', () => {
  const a = analyze(`${head}vms:
  a: { active_memory: 625 MB, dirty_rate: 0 MB/s }
  b: { active_memory: 1250 MB, dirty_rate: 0 MB/s }
  c: { active_memory: 625 MB, dirty_rate: 0 MB/s, depends_on: [a] }
  d: { active_memory: 312.5 MB, dirty_rate: 0 MB/s }
  e: { active_memory: 1250 MB, dirty_rate: 0 MB/s, depends_on: [c] }
waves:
  - name: one
    link: lan
    window: { start: "2026-01-01T00:00:00Z", duration: 25 s }
    concurrency: 2
    vms: [a, b, c, d]
  - name: two
    link: lan
    vms: [e]
`);
  // Two streams share 125 MB/s: a 625 MB -> 10 s, b 20 s, c 10 s, d 5 s; each + 5.02 s.
  const [w1, w2] = a.estimate.schedule.waves;
  const ms = (s: number) => T0 + s * 1000;
  close(at(w1.vms, 'a').startEpochMs, ms(0), 'a start');
  close(at(w1.vms, 'a').endEpochMs, ms(15.02), 'a end');
  close(at(w1.vms, 'b').endEpochMs, ms(25.02), 'b end');
  // c waits for its dependency a; it takes a's slot before d (list order).
  close(at(w1.vms, 'c').startEpochMs, ms(15.02), 'c start');
  assert.equal(at(w1.vms, 'c').waitedFor, 'a');
  close(at(w1.vms, 'c').endEpochMs, ms(30.04), 'c end');
  // d waits for a free slot: b's.
  close(at(w1.vms, 'd').startEpochMs, ms(25.02), 'd start');
  assert.equal(at(w1.vms, 'd').waitedForSlotOf, 'b');
  close(at(w1.vms, 'd').endEpochMs, ms(35.04), 'd end');
  close(w1.endEpochMs, ms(35.04), 'wave 1 end');
  assert.equal(w1.fits, false);
  close(w1.overrunSeconds, 10.04, 'overrun');
  assert.equal(w1.utcOffsetMinutes, 0);
  // Wave two has no window: it starts when wave one ends; e alone gets 125 MB/s -> 10 s + 5.02 s.
  assert.equal(w2.startSource, 'previous-wave');
  close(w2.startEpochMs, ms(35.04), 'wave 2 start');
  close(at(w2.vms, 'e').endEpochMs, ms(50.06), 'e end');
  assert.equal(w2.fits, undefined);
  const plan = a.estimate.schedule;
  close(plan.totalSeconds, 50.06, 'plan total');
  assert.equal(plan.fits, false);
  assert.deepEqual(plan.criticalPath, ['b', 'd', 'e']);
  // Phases: memory (setup folded in) then switchover, ending with the VM.
  const phases = at(w1.vms, 'a').phases;
  assert.deepEqual(phases.map((p) => p.kind), ['memory', 'switchover']);
  // The switchover ends before the completion phase (1.5 s).
  close(phases[1].endEpochMs, ms(13.52), 'phase end');
});

test('the critical path follows a dependency chain', () => {
  const a = analyze(`${head}vms:
  p: { active_memory: 1250 MB, dirty_rate: 0 MB/s }
  q: { active_memory: 312.5 MB, dirty_rate: 0 MB/s }
  r: { active_memory: 1250 MB, dirty_rate: 0 MB/s, depends_on: [q] }
waves:
  - link: lan
    concurrency: 3
    vms: [p, q, r]
`);
  // Concurrency 3, but r waits for q: p and q start together (2 on the link, 62.5 MB/s each): p 20 s,
  // q 5 s; r starts when q ends, with p still running (2 again): 20 s. Each + 5.02 s.
  const w = a.estimate.schedule.waves[0];
  assert.equal(w.startSource, 'origin');
  close(at(w.vms, 'r').startEpochMs, 10020, 'r start');
  close(at(w.vms, 'r').endEpochMs, 35040, 'r end');
  assert.equal(at(w.vms, 'r').streamsAtStart, 2);
  assert.deepEqual(a.estimate.schedule.criticalPath, ['q', 'r']);
});

test('list order decides ties; cycles, unknown and later-wave dependencies terminate with notes', () => {
  const a = analyze(`${head}vms:
  a: { memory: 625 MB, dirty_rate: 0 MB/s, depends_on: [b] }
  b: { memory: 625 MB, dirty_rate: 0 MB/s, depends_on: [a] }
  c: { memory: 625 MB, dirty_rate: 0 MB/s, depends_on: [ghost, later] }
  later: { memory: 625 MB, dirty_rate: 0 MB/s }
waves:
  - link: lan
    vms: [c, b, a, nosuch, c]
  - link: lan
    vms: [later]
`);
  const w = a.estimate.schedule.waves[0];
  assert.deepEqual(w.vms.map((v) => v.vmId).sort(), ['a', 'b', 'c']);
  // c first (list order); then the a-b cycle is broken at b, the first-listed of the two.
  close(at(w.vms, 'c').startEpochMs, 0, 'c start');
  assert.ok(at(w.vms, 'b').startEpochMs < at(w.vms, 'a').startEpochMs);
  assert.ok(w.notes?.some((n) => /cycle/.test(n)));
  assert.ok(w.notes?.some((n) => /ghost/.test(n)));
  assert.ok(w.notes?.some((n) => /later/.test(n)));
  assert.deepEqual(w.skipped?.map((s) => s.vmId), ['nosuch', 'c']);
});

test('missing inputs never throw: no links, no memory, no bandwidth', () => {
  const a = analyze(`runbook: 1
vms:
  x: {}
  y: { memory: 4 GiB }
waves:
  - vms: [x, y]
`);
  const x = a.estimate.vms.get('x');
  assert.equal(x?.estimable, false);
  assert.equal(x?.usedDefaults, true);
  assert.ok(x?.explanation.some((l) => /memory not given/.test(l)));
  assert.ok(Number.isFinite(a.estimate.schedule.totalSeconds));
  const noBandwidth = analyze(`runbook: 1
links: { l: { rtt: 5 ms } }
vms: { v: { memory: 4 GiB } }
`);
  const v = noBandwidth.estimate.vms.get('v');
  assert.equal(v?.throughput.limitedBy, 'unknown');
  assert.ok(v?.explanation.some((l) => /not in any wave/.test(l)));
});

test('a window with a UTC offset keeps the offset and fits when the wave ends inside', () => {
  const a = analyze(`${head}vms:
  a: { memory: 625 MB, dirty_rate: 0 MB/s }
waves:
  - link: lan
    window: { start: "2026-01-01T01:00:00+01:00", duration: 1 h }
    vms: [a]
`);
  const w = a.estimate.schedule.waves[0];
  assert.equal(w.utcOffsetMinutes, 60);
  assert.equal(w.startEpochMs, T0);
  assert.equal(w.fits, true);
  assert.equal(w.overrunSeconds, 0);
});

// Speed is measured by `npm run bench`, not here: this checks that a big plan is handled whole.
test('5,000 VMs in 100 waves: every VM is estimated and scheduled', () => {
  const text = generateRunbook({ vms: 5000, seed: 7 });
  const model = buildModel(parseYaml(text).document).model;
  const plan = estimatePlan(model, DEFAULT_OPTIONS);
  assert.equal(plan.vms.size, 5000);
  assert.equal(plan.schedule.waves.reduce((n, w) => n + w.vms.length, 0), 5000);
});
