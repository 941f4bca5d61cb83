import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildModel, storageStrategyOf } from './model';
import { parseYaml } from './parse';
import { analyze } from './analyze';

function model(text: string) {
  return buildModel(parseYaml(text).document);
}

const base = `runbook: 1
name: t
sites:
  a: { vsphere: "7.0" }
  b: { vsphere: "6.7" }
links:
  ab:
    from: a
    to: b
    bandwidth: 10 Gbs
    rtt: 18 ms
    distance: 660 mi
vms:
  vm1:
    memory: 64 GiB
    disk: { provisioned: 2 TiB, used: 1.2 TiB }
    depends_on: [vm2]
  vm2:
    memory: 16 GiB
    disk: 100 GiB
    storage: replication-async
waves:
  - name: W1
    link: ab
    window: { start: "2026-12-05T22:00:00-06:00", duration: 6h }
    concurrency: 2
    vms: [vm1, vm2]
`;

test('quantities become base units with the value span', () => {
  const { model: m } = model(base);
  const vm1 = m.vms.get('vm1')!;
  assert.equal(vm1.memoryBytes?.value, 64 * 2 ** 30);
  assert.equal(base.slice(vm1.memoryBytes!.span.start, vm1.memoryBytes!.span.end), '64 GiB');
  assert.equal(vm1.diskUsedBytes?.value, 1.2 * 2 ** 40);
  assert.deepEqual(vm1.dependsOn.map((d) => d.value), ['vm2']);
  const vm2 = m.vms.get('vm2')!;
  assert.equal(vm2.diskProvisionedBytes?.value, 100 * 2 ** 30);
  assert.equal(vm2.diskUsedBytes?.value, 100 * 2 ** 30);
  assert.equal(storageStrategyOf(m, vm2), 'replication-async');
  assert.equal(storageStrategyOf(m, vm1), 'storage-vmotion');
  const link = m.links.get('ab')!;
  assert.equal(link.rttSeconds?.value, 0.018);
  assert.ok(Math.abs(link.distanceKm!.value - 1062.16704) < 1e-6);
});

test("a unit typo is RB010 on the unit with the suggestion as a fix", () => {
  const { findings } = model(base);
  assert.equal(findings.length, 1);
  const f = findings[0];
  assert.equal(f.code, 'RB010');
  assert.equal(base.slice(f.span.start, f.span.end), 'Gbs');
  assert.match(f.message, /did you mean 'Gbps'/);
  assert.deepEqual(f.fix, { fix: 'replace-value', replacement: '10 Gbps' });
});

test('window start keeps its offset and converts to UTC', () => {
  const { model: m } = model(base);
  const w = m.waves[0];
  assert.equal(w.window?.utcOffsetMinutes, -360);
  assert.equal(w.window?.startEpochMs?.value, Date.UTC(2026, 11, 6, 4, 0, 0));
  assert.equal(w.window?.durationSeconds?.value, 6 * 3600);
  assert.equal(w.concurrency?.value, 2);
});

test('a window start without offset is RB011 on the value', () => {
  const text = base.replace('"2026-12-05T22:00:00-06:00"', '2026-12-05T22:00:00');
  const { findings } = model(text);
  const f = findings.find((x) => x.code === 'RB011');
  assert.ok(f);
  assert.equal(text.slice(f!.span.start, f!.span.end), '2026-12-05T22:00:00');
  assert.match(f!.message, /no UTC offset/);
});

test('an impossible date is RB011', () => {
  const { findings } = model(base.replace('2026-12-05T22', '2026-02-30T22'));
  assert.ok(findings.some((f) => f.code === 'RB011' && /not a real calendar date/.test(f.message)));
});

test('a bare number for a quantity asks for a unit', () => {
  const text = base.replace('memory: 16 GiB', 'memory: 16');
  const { findings } = model(text);
  const f = findings.find((x) => x.message.includes('no unit'));
  assert.ok(f);
  assert.equal(text.slice(f!.span.start, f!.span.end), '16');
});

test('a quoted value with a bad unit points inside the quotes', () => {
  const text = base.replace('rtt: 18 ms', 'rtt: "18 msec2"');
  const { findings } = model(text);
  const f = findings.find((x) => x.message.startsWith('rtt'));
  assert.ok(f);
  assert.equal(text.slice(f!.span.start, f!.span.end), 'msec2');
});

test('broken and empty documents never throw', () => {
  for (const text of ['', '---', 'runbook: [', 'vms:\n  - 1\n  - 2', 'waves: { a: 1 }', ':\n:\n', '\u0000\u0001', 'vms: !!binary aGVsbG8=']) {
    assert.doesNotThrow(() => model(text), text);
  }
});

test('RB010 suggests a bare number by its key, so accepting the fix is never a 100x error', () => {
  const text = `links:
  ab: { from: a, to: b, bandwidth: 10 Gbps, rtt: 8, migration_share: 0.6, efficiency: 0.9, loss: 0.01 }
waves:
  - window: { start: "2026-12-05T22:00:00Z", duration: 6 }
    before:
      - { id: s, duration: 20 }
    vms: []
`;
  const fixes = model(text).findings.filter((f) => f.code === 'RB010').map((f) => (f.fix?.fix === 'replace-value' ? f.fix.replacement : undefined));
  assert.deepEqual(fixes, ['8 ms', '0.01 %', '90 %', '60 %', '6 h', '20 min']); // model order: rtt, loss, efficiency, share
});

test('a bad bandwidth does not cascade into an RB203 "above 0 B/s"', () => {
  const a = analyze(`runbook: 1
name: t
sites: { a: {}, b: {} }
links: { ab: { from: a, to: b, bandwidth: 10, rtt: 8 ms } }
vms: { v1: { memory: 16 GiB, dirty_rate: 50 MB/s } }
waves: [{ link: ab, vms: [v1] }]
`);
  assert.deepEqual([...new Set(a.findings.filter((f) => f.severity !== 'information').map((f) => f.code))].sort(), ['RB010', 'RB214', 'RB215']);
});

test('start, method, hardware version, EVC and features are read', () => {
  const m = model(`start: now
method: hcx-bulk
sites: { a: { evc: intel-skylake, key_provider: kms1, license: vsphere-foundation } }
vms:
  v1: { memory: 1 GiB, hardware_version: vmx-19, evc: intel-cascadelake, features: [vtpm, passthrough, bogus], method: cold }
waves:
  - { method: hcx-vmotion, vms: [v1] }
`).model;
  assert.equal(m.start?.now, true);
  assert.equal(m.method?.value, 'hcx-bulk');
  const site = m.sites.get('a');
  assert.equal(site?.evc?.value, 'intel-skylake');
  assert.equal(site?.keyProvider?.value, 'kms1');
  assert.equal(site?.license?.value, 'vsphere-foundation');
  const vm = m.vms.get('v1');
  assert.equal(vm?.hardwareVersion?.value, 19);
  assert.equal(vm?.evc?.value, 'intel-cascadelake');
  assert.deepEqual(vm?.features.map((f) => f.value), ['vtpm', 'passthrough']);
  assert.equal(vm?.method?.value, 'cold');
  assert.equal(m.waves[0].method?.value, 'hcx-vmotion');
});
