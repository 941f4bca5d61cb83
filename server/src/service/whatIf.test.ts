import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../engine/analyze';
import { applyOffsetEdits } from '../engine/yamlEdit';
import { computeWhatIf, computeWhatIfApply, normaliseOverrides, whatIfEdits } from './whatIf';

const PLAN = `runbook: 1
name: What-if test plan
sites:
  a: { name: A, vsphere: "7.0", vcenter: vc1 }
  b: { name: B, vsphere: "7.0", vcenter: vc1 }
links:
  ab:
    from: a
    to: b
    bandwidth: 1 Gbps   # the contracted rate
    rtt: 2 ms
  far:
    from: a
    to: b
    bandwidth: 10 Gbps
    rtt: 80 ms
    loss: 0.1 %
vms:
  v1: { memory: 1 GiB, dirty_rate: 0 MB/s, disk: 100 GiB, storage: storage-vmotion }
  v2: { memory: 1 GiB, dirty_rate: 0 MB/s, disk: 100 GiB, storage: storage-vmotion }
  v3: { memory: 1 GiB, dirty_rate: 0 MB/s, disk: 100 GiB, storage: storage-vmotion }
waves:
  # two disks over the metro link in a 20-minute window
  - name: Metro
    link: ab
    window: { start: "2027-01-02T22:00:00-05:00", duration: 20 min }
    vms: [v1, v2]
  - name: Far
    link: far
    window: { start: "2027-01-03T22:00:00-05:00", duration: 1h }
    vms: [v3]
`;

const analysis = analyze(PLAN);
const wave = (r: ReturnType<typeof computeWhatIf>, i: number) => r.schedule.waves.find((w) => w.index === i)!;
const waveSeconds = (r: ReturnType<typeof computeWhatIf>, i: number) => (wave(r, i).endEpochMs - wave(r, i).startEpochMs) / 1000;

test('what-if without overrides is the plan as written', () => {
  const r = computeWhatIf('file:///p.runbook.yaml', 3, analysis, {});
  assert.equal(r.version, 3);
  assert.equal(r.schedule.totalSeconds, r.baseline.totalSeconds);
  assert.deepEqual(r.applied, {});
  // Hand-checked: one stream at a time over 1 Gbps at the default 0.95 TCP efficiency = 118.75 MB/s.
  assert.equal(r.details.v1.throughputBytesPerSecond, 118_750_000);
  assert.equal(wave(r, 0).fits, false);
  assert.ok(r.baseline.errors >= 1, 'the overrun is an error finding (RB206)');
  assert.deepEqual(r.knobs.links.map((l) => [l.id, l.bandwidthBytesPerSecond, l.transport, l.waveIndices]), [
    ['ab', 125_000_000, 'tcp', [0]],
    ['far', 1_250_000_000, 'tcp', [1]],
  ]);
  assert.deepEqual(r.knobs.waves.map((w) => [w.index, w.linkId, w.concurrency]), [[0, 'ab', 1], [1, 'far', 1]]);
});

test('doubling the bandwidth halves the disk copy and gets the metro wave inside its window', () => {
  const base = computeWhatIf('u', 1, analysis, {});
  const r = computeWhatIf('u', 1, analysis, { links: [{ linkId: 'ab', bandwidthBytesPerSecond: 250_000_000 }] });
  assert.equal(r.details.v1.throughputBytesPerSecond, 237_500_000); // 2 Gbps × 0.95
  const ratio = r.details.v1.diskSeconds / base.details.v1.diskSeconds;
  assert.ok(ratio > 0.49 && ratio < 0.51, `disk time ratio ${ratio}`);
  assert.ok(waveSeconds(r, 0) < waveSeconds(base, 0) * 0.51);
  assert.equal(wave(r, 0).fits, true);
  assert.equal(wave(r, 0).overrunSeconds, 0);
  assert.ok(r.schedule.errors < r.baseline.errors, 'the RB206 error goes away');
  // The other wave runs over another link and does not change.
  assert.equal(waveSeconds(r, 1), waveSeconds(base, 1));
});

test('a slower link and more concurrency on a shared link move the total the expected way', () => {
  const base = computeWhatIf('u', 1, analysis, {});
  const slower = computeWhatIf('u', 1, analysis, { links: [{ linkId: 'ab', bandwidthBytesPerSecond: 62_500_000 }] });
  // The plan total spans both windows (the second wave starts at its own window): it cannot shrink.
  assert.ok(slower.schedule.totalSeconds >= base.schedule.totalSeconds);
  assert.ok(wave(slower, 0).overrunSeconds > wave(base, 0).overrunSeconds);
  assert.ok(waveSeconds(slower, 0) > waveSeconds(base, 0) * 1.9);
  // Two at once share 1 Gbps: each stream gets half, so the wave takes about as long (not half).
  const both = computeWhatIf('u', 1, analysis, { waves: [{ waveIndex: 0, concurrency: 2 }] });
  assert.equal(both.details.v1.throughputBytesPerSecond, 59_375_000);
  const ratio = waveSeconds(both, 0) / waveSeconds(base, 0);
  assert.ok(ratio > 0.95 && ratio < 1.1, `wave time ratio ${ratio}`);
});

test('a WAN optimizer lifts a loss-limited long-distance stream', () => {
  const base = computeWhatIf('u', 1, analysis, {});
  const r = computeWhatIf('u', 1, analysis, { links: [{ linkId: 'far', transport: 'wan-optimized' }] });
  assert.ok(r.details.v3.throughputBytesPerSecond > base.details.v3.throughputBytesPerSecond);
  assert.ok(waveSeconds(r, 1) < waveSeconds(base, 1));
});

test('bad and no-op overrides are dropped with a reason', () => {
  const { applied, problems } = normaliseOverrides(analysis.model, {
    links: [{ linkId: 'nope', transport: 'tcp' }, { linkId: 'ab', bandwidthBytesPerSecond: -5, transport: 'pigeon' }, { linkId: 'ab', bandwidthBytesPerSecond: 125_000_000 }],
    waves: [{ waveIndex: 9, concurrency: 2 }, { waveIndex: 0, concurrency: 0.5 }, { waveIndex: 1, concurrency: 1 }],
  });
  assert.deepEqual(applied, {});
  assert.equal(problems.length, 5);
  assert.match(problems.join('\n'), /no link 'nope'/);
  assert.match(problems.join('\n'), /no wave 9/);
  assert.deepEqual(normaliseOverrides(analysis.model, 'garbage'), { applied: {}, problems: [] });
});

test('what-if never changes the analysed text or model', () => {
  const before = JSON.stringify([...analysis.model.links.values()]);
  computeWhatIf('u', 1, analysis, { links: [{ linkId: 'ab', bandwidthBytesPerSecond: 1e9, transport: 'wan-optimized' }], waves: [{ waveIndex: 0, concurrency: 4 }] });
  assert.equal(analysis.text, PLAN);
  assert.equal(JSON.stringify([...analysis.model.links.values()]), before);
  assert.equal(computeWhatIf('u', 1, analysis, {}).schedule.totalSeconds, computeWhatIf('u', 1, analysis, {}).baseline.totalSeconds);
});

test('apply: minimal edits keep every other byte and the comments; re-analysis shows the new values', () => {
  const overrides = {
    links: [{ linkId: 'ab', bandwidthBytesPerSecond: 250_000_000, transport: 'wan-optimized' as const }],
    waves: [{ waveIndex: 0, concurrency: 2 }],
  };
  const { edits, changes, problems } = whatIfEdits(analysis, overrides);
  assert.deepEqual(problems, []);
  assert.deepEqual(changes, ['link ab: bandwidth 2 Gbps', 'link ab: transport wan-optimized', 'Metro: concurrency 2']);
  const after = applyOffsetEdits(PLAN, edits);
  const expected = PLAN
    .replace('    bandwidth: 1 Gbps   # the contracted rate\n    rtt: 2 ms\n', '    bandwidth: 2 Gbps   # the contracted rate\n    rtt: 2 ms\n    transport: wan-optimized\n')
    .replace('    vms: [v1, v2]\n', '    vms: [v1, v2]\n    concurrency: 2\n');
  assert.equal(after, expected);
  const again = analyze(after);
  assert.equal(again.model.links.get('ab')?.bandwidthBytesPerSecond?.value, 250_000_000);
  assert.equal(again.model.links.get('ab')?.transport?.value, 'wan-optimized');
  assert.equal(again.model.waves[0].concurrency?.value, 2);
  // The what-if plan and the plan after applying agree.
  const predicted = computeWhatIf('u', 1, analysis, overrides).schedule.totalSeconds;
  assert.equal(again.estimate.schedule.totalSeconds, predicted);
});

test('apply result: LSP ranges for the analysed version, nothing for a no-op', () => {
  const r = computeWhatIfApply('u', 7, analysis, { waves: [{ waveIndex: 1, concurrency: 3 }] });
  assert.equal(r.version, 7);
  assert.equal(r.edits.length, 1);
  assert.equal(r.edits[0].newText, '\n    concurrency: 3');
  assert.deepEqual(computeWhatIfApply('u', 7, analysis, { waves: [{ waveIndex: 1, concurrency: 1 }] }).edits, []);
});
