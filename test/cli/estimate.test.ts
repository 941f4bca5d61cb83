import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { formatEstimateText, toEstimateJson, type EstimateJson } from '../../cli/src/estimate';
import { NO_COUNTS } from '../../cli/src/report';
import { painter } from '../../cli/src/terminal';
import { clockText, isoWithOffset } from '../../shared/src/units/time';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import type { PlanEstimate, VmEstimate } from '../../server/src/engine/estimate/types';
import { REPO_ROOT, runIn, SYNTAX_ERROR, UNIT_TYPO, VALID, workspace } from './harness';

// Issue 13 added lowSeconds / highSeconds (the range) beside every total; the old fields keep their meaning (likely).
const PLAN_KEYS = ['criticalPath', 'endIso', 'fits', 'highSeconds', 'lowSeconds', 'startIso', 'totalSeconds'];
const WAVE_KEYS = [
  'concurrency', 'durationSeconds', 'endIso', 'fits', 'highOverrunSeconds', 'highSeconds', 'link', 'lowOverrunSeconds', 'lowSeconds', 'name', 'overrunSeconds',
  'rollbackSeconds', 'startIso', 'windowSeconds', 'windowStartIso', 'worstEndIso',
];
const VM_KEYS = [
  'bytesSent', 'converges', 'diskSeconds', 'endIso', 'highSeconds', 'id', 'limitedBy', 'lowSeconds', 'memorySeconds', 'rangeDrivers', 'rounds', 'startIso',
  'switchoverHighSeconds', 'switchoverLowSeconds', 'switchoverSeconds', 'throughputBytesPerSecond', 'throughputLimitedBy', 'totalSeconds', 'waitedFor', 'wave',
];
const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$/;

describe('time in the window offset', () => {
  it('formats instants as ISO 8601 with the given offset', () => {
    const epochMs = Date.parse('2026-12-06T03:00:00Z');
    assert.equal(isoWithOffset(epochMs, -300), '2026-12-05T22:00:00-05:00');
    assert.equal(isoWithOffset(epochMs, 330), '2026-12-06T08:30:00+05:30');
    assert.equal(isoWithOffset(epochMs, 0), '2026-12-06T03:00:00Z');
    assert.equal(isoWithOffset(epochMs + 499, -300), '2026-12-05T22:00:00-05:00', 'rounded to the second');
  });

  it('marks clock times on a later day', () => {
    const start = Date.parse('2026-12-06T03:00:00Z'); // 22:00 at -05:00
    assert.equal(clockText(start + 3_600_000, -300, start), '23:00');
    assert.equal(clockText(start + 3 * 3_600_000, -300, start), '01:00 +1d');
  });
});

describe('runbook estimate', () => {
  let dir = '';
  let cleanup = (): void => {};
  before(() => {
    ({ dir, cleanup } = workspace({ 'valid.runbook.yaml': VALID, 'typo.runbook.yaml': UNIT_TYPO, 'syntax.runbook.yaml': SYNTAX_ERROR }));
  });
  after(() => cleanup());

  const usage: { name: string; argv: string[]; stderr: RegExp }[] = [
    { name: 'no FILE', argv: ['estimate'], stderr: /^runbook: estimate needs exactly one FILE \(got 0\)\n/ },
    { name: 'two FILEs', argv: ['estimate', 'valid.runbook.yaml', 'typo.runbook.yaml'], stderr: /^runbook: estimate needs exactly one FILE \(got 2\)\n/ },
    { name: 'a missing FILE', argv: ['estimate', 'missing.runbook.yaml'], stderr: /^runbook: cannot read 'missing\.runbook\.yaml': no such file\n$/ },
    { name: 'a directory', argv: ['estimate', '.'], stderr: /^runbook: cannot read '\.': is a directory/ },
    { name: 'the sarif format (check only)', argv: ['estimate', '--format', 'sarif', 'valid.runbook.yaml'], stderr: /^runbook: unknown format 'sarif' \(formats: text, json\)\n/ },
  ];
  for (const c of usage) {
    it(`${c.name} -> 2`, () => {
      const r = runIn(dir, c.argv);
      assert.equal(r.code, 2);
      assert.match(r.stderr, c.stderr);
      assert.equal(r.stdout, '');
    });
  }

  it('a valid runbook -> 0, JSON with the contract shape, times in the window offset', () => {
    const r = runIn(dir, ['estimate', '--format', 'json', 'valid.runbook.yaml']);
    assert.equal(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as EstimateJson;
    assert.deepEqual(Object.keys(json.plan).sort(), PLAN_KEYS);
    assert.equal(typeof json.plan.totalSeconds, 'number');
    assert.equal(typeof json.plan.fits, 'boolean');
    assert.ok(Array.isArray(json.plan.criticalPath));
    assert.equal(json.waves.length, 1);
    const [wave] = json.waves;
    assert.deepEqual(Object.keys(wave).sort(), WAVE_KEYS);
    assert.equal(wave.name, 'Wave 1');
    assert.equal(wave.startIso, '2026-12-05T22:00:00-05:00');
    assert.match(wave.endIso, /-05:00$/);
    assert.equal(wave.windowSeconds, 4 * 3600);
    assert.equal(wave.fits, true);
    assert.equal(json.vms.length, 1);
    const [vm] = json.vms;
    assert.deepEqual(Object.keys(vm).sort(), VM_KEYS);
    assert.equal(vm.id, 'web01');
    assert.equal(vm.wave, 'Wave 1');
    assert.match(vm.startIso ?? '', ISO_WITH_OFFSET);
    for (const key of ['memorySeconds', 'diskSeconds', 'switchoverSeconds', 'totalSeconds', 'rounds', 'bytesSent', 'throughputBytesPerSecond'] as const) {
      assert.equal(typeof vm[key], 'number', key);
    }
    assert.equal(typeof vm.converges, 'boolean');
    assert.equal(typeof vm.limitedBy, 'string');
    assert.deepEqual(json.findings, { errors: 0, warnings: 0, information: 0 });
  });

  it('a runbook with errors -> 1, the estimate still printed, findings on stderr', () => {
    const r = runIn(dir, ['estimate', '--format', 'json', 'typo.runbook.yaml']);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout) as EstimateJson;
    assert.ok(json.findings.errors >= 1);
    assert.equal(json.waves[0]?.name, 'Wave 1');
    assert.match(r.stderr, /^typo\.runbook\.yaml:9:22 error RB010 /m);
    assert.equal(runIn(dir, ['estimate', 'syntax.runbook.yaml']).code, 1);
  });

  it('text: a table per wave with window, fit, plan total and critical path', () => {
    const r = runIn(dir, ['estimate', 'valid.runbook.yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^Wave 1 {2}\(link a-b, concurrency \d+\)$/m);
    assert.match(r.stdout, /^ {2}window {2}2026-12-05 22:00 -05:00, 4 h$/m);
    assert.match(r.stdout, /^ {2}VM +start +end +disk +memory +switchover +total +range +limited by$/m);
    assert.match(r.stdout, /^ {2}web01 +22:00 +22:\d\d /m);
    assert.match(r.stdout, /^ {2}duration .* of the 4 h window: fits \(.* spare at the high end\)$/m);
    assert.match(r.stdout, /^Plan: .* from 2026-12-05 22:00 -05:00 to 2026-12-05 2\d:\d\d -05:00; every wave fits its window$/m);
    assert.match(r.stdout, /^Critical path: web01$/m);
  });

  it('the shipped samples estimate without usage errors and with JSON that parses', () => {
    for (const sample of ['samples/metro-stretched-vlan.runbook.yaml']) {
      const r = runIn(REPO_ROOT, ['estimate', '--format', 'json', sample]);
      const json = JSON.parse(r.stdout) as EstimateJson;
      assert.equal(r.code, json.findings.errors > 0 ? 1 : 0, r.stderr);
      for (const w of json.waves) assert.match(w.startIso, /-05:00$/);
    }
  });
});

describe('estimate output from a known schedule', () => {
  // A hand-made estimate, so the mapping is checked independently of the estimator's numbers.
  const t0 = Date.parse('2026-03-01T18:30:00Z'); // 00:00 on 2 March at +05:30
  function fixture(): Analysis {
    const base = analyze(VALID);
    const vm = (vmId: string, totalSeconds: number, converges: boolean): VmEstimate => ({
      vmId, waveIndex: 0, storage: 'storage-vmotion', memoryBytes: 1, dirtyRateBytesPerSecond: 1, dirtyRateSource: 'given',
      throughput: { bytesPerSecond: 117e6, limitedBy: 'loss', explanation: 'x', efficiency: 0.95, concurrentStreams: 1 },
      rounds: converges ? 4 : 30, converges, setupSeconds: 0, memorySeconds: 60, switchoverSeconds: converges ? 0.4 : Infinity,
      diskBytes: 1, diskSeconds: 600, seedSeconds: 0, totalSeconds, bytesSent: 5e9, limitedBy: 'loss-limited \u001b[31m',
      explanation: [], usedDefaults: false,
      completionSeconds: 0, lowSeconds: totalSeconds * 0.8, highSeconds: totalSeconds * 1.5, switchoverLowSeconds: 0.4, switchoverHighSeconds: 0.4,
      rangeDrivers: [], diskUnknown: false, encrypted: true, moveKind: 'same-vcenter', vgpuSeconds: 0,
    });
    const estimate: PlanEstimate = {
      links: new Map(),
      vms: new Map([['a', vm('a', 3600, true)], ['b', vm('b', 7200, false)], ['loose', vm('loose', 10, true)]]),
      schedule: {
        startEpochMs: t0, endEpochMs: t0 + 9000_000, totalSeconds: 9000, fits: false, criticalPath: ['a', 'b'],
        lowTotalSeconds: 7200, highTotalSeconds: 13500, lowEndEpochMs: t0 + 7200_000, highEndEpochMs: t0 + 13500_000,
        waves: [{
          index: 0, name: 'Night \u001b]0;x\u0007', linkId: 'l', startEpochMs: t0, endEpochMs: t0 + 9000_000, durationSeconds: 9000,
          windowStartEpochMs: t0, windowSeconds: 7200, utcOffsetMinutes: 330, fits: false, overrunSeconds: 1800, concurrency: 1,
          vms: [
            { vmId: 'a', waveIndex: 0, startEpochMs: t0, endEpochMs: t0 + 3600_000, phases: [] },
            { vmId: 'b', waveIndex: 0, startEpochMs: t0 + 3600_000, endEpochMs: t0 + 9000_000, phases: [], waitedFor: 'a' },
          ],
        }],
      },
    };
    return { ...base, estimate };
  }

  it('JSON: offsets, wave names, waitedFor, unscheduled VMs with null times, Infinity as null', () => {
    const json = toEstimateJson(fixture(), NO_COUNTS);
    assert.deepEqual(json.plan, { totalSeconds: 9000, lowSeconds: 7200, highSeconds: 13500, fits: false, criticalPath: ['a', 'b'], startIso: '2026-03-02T00:00:00+05:30', endIso: '2026-03-02T02:30:00+05:30' });
    assert.equal(json.waves[0].fits, false);
    assert.equal(json.waves[0].overrunSeconds, 1800);
    assert.deepEqual(json.vms.map((v) => [v.id, v.wave, v.startIso, v.endIso, v.waitedFor]), [
      ['a', 'Night \u001b]0;x\u0007', '2026-03-02T00:00:00+05:30', '2026-03-02T01:00:00+05:30', null],
      ['b', 'Night \u001b]0;x\u0007', '2026-03-02T01:00:00+05:30', '2026-03-02T02:30:00+05:30', 'a'],
      ['loose', null, null, null, null],
    ]);
    assert.equal(json.vms[1].switchoverSeconds, null, 'Infinity is not JSON');
    assert.equal(JSON.parse(JSON.stringify(json)).vms[1].switchoverSeconds, null);
    assert.equal(json.vms[0].throughputBytesPerSecond, 117e6);
    assert.equal(json.vms[0].throughputLimitedBy, 'loss');
  });

  it('text: overrun shown, hostile names escaped, no raw control characters', () => {
    const text = formatEstimateText(fixture(), painter(false, {}));
    assert.match(text, /^Night \\x1b\]0;x\\x07 {2}\(link l, concurrency 1\)$/m);
    assert.match(text, /^ {2}window {2}2026-03-02 00:00 \+05:30, 2 h$/m);
    assert.match(text, /^ {2}b +01:00 +02:30 +10 min +1 min +∞ +2 h +1 h 36 min - 3 h +loss-limited \\x1b\[31m \(does not converge\)$/m);
    assert.match(text, /duration 2 h 30 min of the 2 h window: does NOT fit: overruns by 30 min/);
    assert.match(text, /^Not in any wave: loose$/m);
    assert.match(text, /^Critical path: a -> b$/m);
    assert.doesNotMatch(text, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
  });
});


describe('runbook estimate: steps', () => {
  const text = `runbook: 1
name: steps
sites: { a: {}, b: {} }
links: { ab: { from: a, to: b, bandwidth: 10 Gbps, rtt: 5 ms } }
vms: { db01: { memory: 8 GiB, dirty_rate: 1 MB/s } }
waves:
  - name: W
    link: ab
    window: { start: "2026-12-05T22:00:00-05:00", duration: 4h }
    vms: [db01]
    before:
      - { id: freeze, duration: 10-20 min, owner: app-team }
    rollback:
      - { id: revert, duration: 15 min, owner: network }
`;
  it('adds steps with best/worst times in the window offset and per-wave rollbackSeconds', () => {
    const analysis = analyze(text);
    const json = toEstimateJson(analysis, NO_COUNTS);
    assert.deepEqual(json.steps.map((s) => [s.id, s.wave, s.phase, s.startIso, s.endIso, s.worstEndIso, s.owner, s.kind]), [
      ['freeze', 'W', 'before', '2026-12-05T22:00:00-05:00', '2026-12-05T22:10:00-05:00', '2026-12-05T22:20:00-05:00', 'app-team', 'manual'],
    ]);
    const vmSeconds = analysis.estimate.vms.get('db01')?.totalSeconds ?? NaN;
    // One VM moved back (the estimator over the reversed link: same numbers here) + 15 min of rollback steps.
    assert.ok(Math.abs((json.waves[0].rollbackSeconds ?? NaN) - (vmSeconds + 900)) < 1e-6);
    const plain = formatEstimateText(analysis, painter(false, {}));
    assert.match(plain, /^app-team\n  date +start +end +step/m);
    assert.match(plain, /  2026-12-05  22:00  22:10 \(22:20\)  freeze  manual  W/);
    assert.match(plain, /rollback from the end: /);
  });
});

describe('runbook estimate: plans without a start, --now, replica seeding (issue 17)', () => {
  const STORM = `runbook: 1
name: Storm
purpose: disaster-avoidance
deadline: "2026-12-07T06:00:00-05:00"
sites: { a: { vsphere: "8.0" }, b: { vsphere: "8.0" } }
links:
  ab: { from: a, to: b, bandwidth: 1 Gbps, rtt: 10 ms }
storage: { strategy: replication-async, rpo: 15 min }
vms:
  big1: { memory: 16 GiB, disk: 2 TiB, workload: light }
waves:
  - { name: Only, link: ab, vms: [big1] }
`;
  let dir = '';
  let cleanup = (): void => {};
  before(() => {
    ({ dir, cleanup } = workspace({ 'storm.runbook.yaml': STORM }));
  });
  after(() => cleanup());

  it('without a start the plan has no date and the deadline is not checked; RB214 is an error', () => {
    const r = runIn(dir, ['estimate', 'storm.runbook.yaml']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^Plan: .* no start date \(counted from T\+0; add start: or a wave window\); no wave has a window; deadline NOT checked: nothing anchors the schedule$/m);
    assert.match(r.stderr, / error RB214 The deadline cannot be checked/);
  });

  it('--now anchors it: the deadline is judged, and the seeding before the window is shown', () => {
    const r = runIn(dir, ['estimate', '--now', 'storm.runbook.yaml']);
    assert.doesNotMatch(r.stderr, /RB214/);
    assert.match(r.stdout, /^Plan: .* from \d{4}-\d\d-\d\d \d\d:\d\d Z to .*; no wave has a window; ends (before|AFTER) its deadline$/m);
    assert.match(r.stdout, /^ {2}replica seeding before the window: big1 \d/m);
  });
});
