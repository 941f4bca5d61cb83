/** Merging an export into an existing runbook: minimal edits, idempotent, byte-for-byte elsewhere. */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { importRvtools, type MergeOutcome } from '../../import/src/importRvtools';
import { csvOf, makeRows, type FixtureRow } from './fixtures';

async function merge(rows: readonly FixtureRow[], text: string, extra: Partial<Parameters<typeof importRvtools>[0]> = {}): Promise<MergeOutcome> {
  const outcome = await importRvtools({ bytes: csvOf(rows), fileName: 'export.csv', into: { text, fileName: 'plan.runbook.yaml' }, ...extra });
  assert.equal(outcome.kind, 'merge');
  return outcome as MergeOutcome;
}

const row = (vm: string, memoryMiB: number, provisionedMiB: number, inUseMiB: number, extra: Partial<FixtureRow> = {}): FixtureRow => ({
  ...makeRows(1)[0],
  VM: vm,
  Memory: memoryMiB,
  Provisioned: provisionedMiB,
  InUse: inUseMiB,
  Cluster: 'Prod-A',
  Host: 'esx01',
  ...extra,
});

const PLAN = [
  '# Hand-written plan: comments, flow and block styles, quoting.',
  'runbook: 1',
  'name: "Small move"   # keep this comment',
  'sites:',
  '  a: { name: Site A, vsphere: "7.0" }',
  '  b: { name: Site B, vsphere: "7.0" }',
  'links:',
  '  a-b: { from: a, to: b, bandwidth: 10 Gbps, rtt: 5 ms }',
  'vms:',
  '  # the database first',
  '  db01:',
  '    name: "orders-db"',
  '    memory: 32 GiB     # as of last audit',
  '    dirty_rate: 40 MB/s',
  '    disk: { provisioned: 500 GiB, used: 300 GiB }',
  '  web01: { memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s }',
  '  retired01:',
  '    name: retired-app',
  '    memory: 4 GiB',
  '    dirty_rate: 1 MB/s',
  'waves:',
  '  - name: Wave 1',
  '    link: a-b',
  '    window: { start: "2026-12-05T22:00:00-05:00", duration: 8h }',
  '    vms: [db01, web01, retired01]',
  '',
].join('\n');

describe('import rvtools --into: merge', () => {
  const rows = [row('orders-db', 65536, 512000, 307200), row('web01', 8192, 40960, 40960), row('new app 1', 4096, 20480, 10240)];

  it('updates sizes in place, adds new VMs in a new wave, keeps every other byte', async () => {
    const o = await merge(rows, PLAN);
    // The export's hardware version (vmx-17) is added to the VMs already in the plan too (issue 17).
    const expected = PLAN.replace('memory: 32 GiB     # as of last audit', 'memory: 64 GiB     # as of last audit')
      .replace('    disk: { provisioned: 500 GiB, used: 300 GiB }\n', '    disk: { provisioned: 500 GiB, used: 300 GiB }\n    hardware_version: 17\n')
      .replace('  web01: { memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s }', '  web01: { memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s, hardware_version: 17 }')
      .replace(
        '    dirty_rate: 1 MB/s\n',
        '    dirty_rate: 1 MB/s\n' +
          '  new-app-1:  # cluster Prod-A, folder /Apps/DB, 4 vCPU, Microsoft Windows Server 2019 (64-bit)\n' +
          '    name: new app 1\n    memory: 4 GiB\n    disk: { provisioned: 20 GiB, used: 10 GiB }\n    host: esx01\n    hardware_version: 17\n',
      )
      .replace(
        '    vms: [db01, web01, retired01]\n',
        '    vms: [db01, web01, retired01]\n  - name: Wave 2\n    link: a-b\n    # TODO: window: { start: "2027-01-09T22:00:00-05:00", duration: 8h }\n    vms: [new-app-1]\n',
      );
    assert.equal(o.merge.text, expected);
    assert.deepEqual(o.merge.added.map((p) => p.id), ['new-app-1']);
    assert.deepEqual(o.merge.updated.map((u) => [u.id, u.changes]), [['db01', ['memory 32 GiB -> 64 GiB', 'hardware_version added']], ['web01', ['hardware_version added']]]);
    assert.equal(o.merge.unchanged, 0);
    assert.deepEqual(o.merge.disappeared, [{ id: 'retired01', name: 'retired-app' }]);
    assert.deepEqual(o.merge.newWaves, ['Wave 2']);
  });

  it('is idempotent: the second merge changes nothing', async () => {
    const first = await merge(rows, PLAN);
    const second = await merge(rows, first.merge.text);
    assert.equal(second.merge.edits.length, 0);
    assert.equal(second.merge.text, first.merge.text);
    assert.equal(second.merge.added.length, 0);
    assert.equal(second.merge.updated.length, 0);
  });

  it('keeps CRLF line endings, and the same sizes written differently are not rewritten', async () => {
    const crlf = PLAN.replace('memory: 8 GiB,', 'memory: 8192 MiB,').replace(/\n/g, '\r\n');
    const o = await merge(rows, crlf);
    assert.ok(!/[^\r]\n/.test(o.merge.text), 'every line break is CRLF');
    assert.match(o.merge.text, /web01: \{ memory: 8192 MiB, disk: 40 GiB, dirty_rate: 5 MB\/s, hardware_version: 17 \}\r\n/);
    const lf = await merge(rows, PLAN.replace('memory: 8 GiB,', 'memory: 8192 MiB,'));
    assert.equal(o.merge.text, lf.merge.text.replace(/\n/g, '\r\n'));
    const again = await merge(rows, o.merge.text);
    assert.equal(again.merge.edits.length, 0);
  });

  it('disk shorthand becomes a map only when provisioned and used differ; missing keys are added', async () => {
    const text = PLAN.replace('  web01: { memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s }', '  web01: { disk: 40 GiB, dirty_rate: 5 MB/s }');
    const o = await merge([row('web01', 8192, 40960, 20480)], text);
    assert.match(o.merge.text, /\n {2}web01: \{ disk: \{ provisioned: 40 GiB, used: 20 GiB \}, dirty_rate: 5 MB\/s, memory: 8 GiB, hardware_version: 17 \}\n/);
    assert.equal((await merge([row('web01', 8192, 40960, 20480)], o.merge.text)).merge.edits.length, 0);
  });

  it('eligibility keys of VMs already in the plan follow the export: a new hardware version replaces the old, features are added to the planner\'s', async () => {
    const text = PLAN.replace('  web01: { memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s }', '  web01: { memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s, hardware_version: 13, features: [vtpm] }');
    const o = await merge([row('web01', 8192, 40960, 40960, { HW: 'vmx-19' })], text);
    assert.match(o.merge.text, /\n {2}web01: \{ memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB\/s, hardware_version: 19, features: \[vtpm\] \}\n/);
    assert.deepEqual(o.merge.updated.map((u) => [u.id, u.changes]), [['web01', ['hardware_version 13 -> 19']]]);
    assert.equal((await merge([row('web01', 8192, 40960, 40960, { HW: 'vmx-19' })], o.merge.text)).merge.edits.length, 0, 'idempotent');
  });

  it('VMs skipped or filtered out have not disappeared', async () => {
    const withOff = [...rows, row('retired-app', 4096, 1024, 1024, { Powerstate: 'poweredOff' })];
    const o = await merge(withOff, PLAN, { filter: 'name!=web01' });
    assert.deepEqual(o.merge.disappeared, []);
    assert.equal(o.selection.poweredOff.length, 1);
    assert.equal(o.selection.filteredOut.length, 1);
  });

  it('duplicate names get unique ids (case-insensitive), pair up in order on the next merge, and warn', async () => {
    const dup = [row('Web01', 8192, 1024, 1024), row('web01', 8192, 1024, 1024), row('Web01', 16384, 2048, 1024)];
    const o = await merge(dup, PLAN);
    assert.deepEqual(o.merge.added.map((p) => p.id), ['Web01-2', 'Web01-3']);
    assert.match(o.selection.warnings.join('\n'), /'Web01' appears 2 times \(rows 2, 4\)/);
    assert.deepEqual(analyze(o.merge.text).findings.filter((f) => f.code === 'RB106'), []);
    assert.equal((await merge(dup, o.merge.text)).merge.edits.length, 0);
  });

  it('merging into the metro sample checks clean and is idempotent', async () => {
    const sample = readFileSync(join(process.cwd(), 'samples/metro-stretched-vlan.runbook.yaml'), 'utf8');
    const inventory = [row('orders-postgres', 65536, 1048576, 614400), ...makeRows(40)];
    const o = await merge(inventory, sample, { waveSize: 10 });
    assert.equal(o.merge.added.length, 36);
    assert.deepEqual(o.merge.disappeared.map((d) => d.id), ['web01', 'web02', 'app01']);
    const analysis = analyze(o.merge.text);
    // The appended waves have no window yet, and this is a planned move: RB215 says so, on them only.
    assert.deepEqual(analysis.findings.filter((f) => f.severity !== 'information' && f.code !== 'RB215').map((f) => `${f.code} ${f.message}`), []);
    assert.ok(analysis.findings.filter((f) => f.code === 'RB215').every((f) => / has no maintenance window/.test(f.message) && f.span.start > sample.length - 200));
    assert.equal(analysis.findings.filter((f) => f.code === 'RB301').length, 36);
    // Outside the appended entries and waves, the sample is unchanged: removing the insertions gives it back.
    assert.ok(o.merge.edits.every((e) => e.start === e.end), 'db01 agrees with the export: only insertions');
    assert.equal(applyExpected(sample, o.merge.text), o.merge.text);
    assert.equal((await merge(inventory, o.merge.text, { waveSize: 10 })).merge.edits.length, 0);
  });

  it('a runbook with a YAML syntax error is refused', async () => {
    await assert.rejects(merge(rows, 'runbook: 1\nvms: [web01\n'), /YAML syntax error \(line \d+/);
  });
});

/** Checks that every line of the original is in the result, in order and unchanged; returns the result. */
function applyExpected(original: string, result: string): string {
  // Every original line must appear in the result, in order, unchanged or as an in-place size change.
  const lines = original.split('\n');
  let at = 0;
  for (const line of lines) {
    const i = result.indexOf(line, at);
    assert.ok(i >= 0, `line kept: ${JSON.stringify(line)}`);
    at = i + line.length;
  }
  return result;
}
