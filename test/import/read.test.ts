/** Reading exports: CSV in both header spellings, XLSX, and the same VMs from each. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { buildModel } from '../../server/src/engine/model';
import { parseYaml } from '../../server/src/engine/parse';
import { validateSchema } from '../../server/src/engine/schema';
import { importRvtools, type NewRunbookOutcome } from '../../import/src/importRvtools';
import { csvOf, fillPlaceholders, makeRows, xlsxOf } from './fixtures';
import { Workbook } from 'exceljs';

async function draft(bytes: Uint8Array, fileName: string, extra: Partial<Parameters<typeof importRvtools>[0]> = {}): Promise<NewRunbookOutcome> {
  const outcome = await importRvtools({ bytes, fileName, ...extra });
  assert.equal(outcome.kind, 'new');
  return outcome as NewRunbookOutcome;
}

/** The runbook without its first comment line (which names the file). */
function body(text: string): string {
  return text.slice(text.indexOf('\n') + 1);
}

describe('import rvtools: reading', () => {
  const rows = makeRows(60);

  it('CSV with MiB and with MB headers give the same runbook', async () => {
    const mib = await draft(csvOf(rows, 'MiB'), 'export.csv');
    const mb = await draft(csvOf(rows, 'MB'), 'export.csv');
    assert.equal(mb.text, mib.text);
    // 60 rows: 6 powered off (every 10th) of which 1 is a template (the 50th).
    assert.equal(mib.selection.templates.length, 1);
    assert.equal(mib.selection.poweredOff.length, 5);
    assert.equal(mib.added.length, 54);
  });

  it('XLSX written by ExcelJS gives the same VMs as the CSV', async () => {
    const fromCsv = await draft(csvOf(rows), 'export.csv');
    const fromXlsx = await draft(await xlsxOf(rows), 'export.xlsx');
    assert.equal(body(fromXlsx.text).replace(/sheet 'vInfo'/, 'the CSV file'), body(fromCsv.text));
    assert.match(fromXlsx.text, /from export\.xlsx \(sheet 'vInfo'\)/);
  });

  it('headers match ignoring case and spaces; a semicolon CSV is read too', async () => {
    const header = ['vm', 'POWER STATE', 'template', 'cpus', 'memory', 'provisionedmib', 'In use  MiB', 'datacenter', 'cluster', 'host', 'folder', 'os according to the configuration file', 'hw Version'];
    const text = `${header.join(';')}\nweb01;poweredOn;False;2;16384;102400;51200;DC;C1;esx1;/f;Linux;vmx-19\n`;
    const o = await draft(Buffer.from(text), 'semi.csv');
    assert.match(o.text, /\n {2}web01: {2}# cluster C1, folder \/f, 2 vCPU, Linux\n {4}name: web01\n {4}memory: 16 GiB\n {4}disk: \{ provisioned: 100 GiB, used: 50 GiB \}\n {4}host: esx1\n {4}hardware_version: 19\n/);
    // A vmx-19 VM runs on 7.0 U2 or later: the drafted release placeholder says so (RB231 otherwise).
    assert.match(o.text, /\n {2}vsphere: "7\.0 U2" {2}# TODO/);
  });

  it('carries the eligibility columns: HW version, min Required EVC Mode Key, FT State', async () => {
    const header = ['VM', 'Powerstate', 'Memory', 'HW version', 'min Required EVC Mode Key', 'FT State'];
    const text = `${header.join(',')}\nft01,poweredOn,8192,vmx-14,intel-cascadelake,running\nplain,poweredOn,8192,vmx-13,,notConfigured\n`;
    const o = await draft(Buffer.from(text), 'elig.csv');
    assert.match(o.text, /\n {2}ft01:\n {4}name: ft01\n {4}memory: 8 GiB\n {4}hardware_version: 14\n {4}evc: intel-cascadelake\n {4}features: \[fault-tolerance\]\n/);
    assert.match(o.text, /\n {2}plain:\n {4}name: plain\n {4}memory: 8 GiB\n {4}hardware_version: 13\n(?! {4})/);
    // The imported FT state reaches the rules: no Storage vMotion with FT on (RB232), on ft01 only.
    assert.deepEqual(analyze(o.text).findings.filter((f) => f.severity === 'error').map((f) => `${f.code} ${f.message.slice(0, 9)}`), ["RB232 VM 'ft01'"]);
  });

  it('reads physical RDMs and bus sharing from vDisk and connected CD drives from vCD', async () => {
    const workbook = new Workbook();
    const info = workbook.addWorksheet('vInfo');
    info.addRow(['VM', 'Powerstate', 'Memory', 'HW version']);
    for (const vm of ['sql-node1', 'kiosk', 'plain']) info.addRow([vm, 'poweredOn', 8192, 'vmx-14']);
    const disk = workbook.addWorksheet('vDisk');
    disk.addRow(['VM', 'Disk', 'Raw', 'Raw Comp. Mode', 'Shared Bus']);
    disk.addRow(['sql-node1', 'Hard disk 1', 'False', '', 'noSharing']);
    disk.addRow(['sql-node1', 'Hard disk 2', 'True', 'physicalMode', 'physicalSharing']);
    disk.addRow(['plain', 'Hard disk 1', 'False', '', 'noSharing']);
    const cd = workbook.addWorksheet('vCD');
    cd.addRow(['VM', 'Device Node', 'Connected', 'Starts Connected', 'Device Type']);
    cd.addRow(['kiosk', 'CD/DVD drive 1', 'True', 'True', 'ISO [local-ds1] images/tools.iso']);
    cd.addRow(['plain', 'CD/DVD drive 1', 'False', 'False', 'Client Device']);
    const o = await draft(Buffer.from(await workbook.xlsx.writeBuffer()), 'devices.xlsx');
    assert.match(o.text, /\n {2}sql-node1:\n(?: {4}.*\n)* {4}features: \[rdm-physical, shared-bus-scsi\]\n/);
    assert.match(o.text, /\n {2}kiosk:\n(?: {4}.*\n)* {4}features: \[local-iso\]\n/);
    assert.doesNotMatch(o.text.slice(o.text.indexOf('  plain:')), /^ {4}features:/m);
  });

  it('sizes become quantities in binary units: 16 GiB, 1.2 TiB', async () => {
    const big = { ...rows[0], VM: 'db-big', Memory: 16384, Provisioned: 1258291, InUse: '1,048,576' };
    const o = await draft(csvOf([big]), 'one.csv');
    assert.match(o.text, /memory: 16 GiB\n {4}disk: \{ provisioned: 1.2 TiB, used: 1 TiB \}/);
  });

  it('UTF-8 with a BOM and UTF-16 with a BOM are read', async () => {
    const csv = csvOf([{ ...rows[0], VM: 'Zürich-01' }]);
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), csv]);
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv.toString('utf8'), 'utf16le')]);
    for (const bytes of [withBom, utf16]) {
      const o = await draft(bytes, 'bom.csv');
      assert.match(o.text, /\n {2}Zurich-01: .*\n {4}name: Zürich-01\n/);
    }
  });

  it('a drafted runbook is schema-valid; with the placeholders filled it checks clean, RB301 on every VM', async () => {
    const o = await draft(csvOf(rows), 'export.csv');
    const asDrafted = analyze(o.text).findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
    // The drafted waves have no windows yet (TODO lines): RB214 and RB215 say so, and nothing else fires.
    assert.deepEqual([...new Set(asDrafted.map((f) => `${f.severity} ${f.code}`))], ['warning RB214', 'warning RB215']);
    const filled = fillPlaceholders(o.text);
    assert.notEqual(filled, o.text);
    const analysis = analyze(filled);
    assert.deepEqual(analysis.findings.filter((f) => f.severity !== 'information').map((f) => `${f.code} ${f.message}`), []);
    const rb301 = analysis.findings.filter((f) => f.code === 'RB301');
    assert.equal(rb301.length, o.added.length);
    assert.ok(rb301.every((f) => f.severity === 'information'));
    // No imported VM states a dirty rate or a workload: the default profile is what applies.
    for (const vm of analysis.model.vms.values()) {
      assert.equal(vm.dirtyRateBytesPerSecond, undefined);
      assert.equal(vm.workload, undefined);
      assert.match(analysis.estimate.vms.get(vm.id)!.dirtyRateSource, /default|range|profile/i);
    }
  });

  it('waves of --wave-size, clusters kept together', async () => {
    const o = await draft(csvOf(rows), 'export.csv', { waveSize: 10 });
    const analysis = analyze(o.text);
    const waves = analysis.model.waves;
    assert.equal(waves.length, Math.ceil(54 / 10));
    assert.ok(waves.every((w) => w.vms.length <= 10));
    assert.equal(waves.reduce((n, w) => n + w.vms.length, 0), 54);
    const clusterOf = new Map(o.added.map((p) => [p.id, p.vm.cluster]));
    const order = waves.flatMap((w) => w.vms.map((v) => clusterOf.get(v.value)));
    // Each cluster is one contiguous run.
    const runs = order.filter((c, i) => i === 0 || c !== order[i - 1]);
    assert.equal(new Set(runs).size, runs.length);
  });

  it('--include-powered-off and --include-templates import the skipped rows', async () => {
    const o = await draft(csvOf(rows), 'export.csv', { includePoweredOff: true, includeTemplates: true });
    assert.equal(o.added.length, 60);
    assert.match(o.text, /# .*powered off\n/);
    assert.match(o.text, /# .*template\n/);
  });

  it('5,000 rows: every VM imported, the runbook parses and is schema-valid (speed: bench/import.ts)', async () => {
    const o = await draft(csvOf(makeRows(5000)), 'big.csv');
    assert.equal(o.added.length, 4500);
    // Parse, schema and model only: the full analysis of 4,500 VMs is the engine's benchmark, not this test's.
    const parsed = parseYaml(o.text);
    const findings = [...parsed.findings, ...validateSchema(parsed.document)];
    const { model, findings: modelFindings } = buildModel(parsed.document);
    assert.deepEqual([...findings, ...modelFindings].slice(0, 3).map((f) => f.message), []);
    assert.equal(model.vms.size, 4500);
    assert.equal(model.waves.reduce((n, w) => n + w.vms.length, 0), 4500);
  });
});
