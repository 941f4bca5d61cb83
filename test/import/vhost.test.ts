/**
 * The vHost sheet (issue 17): a drafted runbook's source site takes the oldest ESXi release among
 * the exported VMs' hosts (`VMware ESXi 7.0.3 build-...` -> `7.0 U3`) and their EVC mode when they
 * all run the same one. Column names as in docs/import.md (RVTools 4.x vHost: Host, ESX Version,
 * Current EVC).
 */
import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { Workbook } from 'exceljs';
import { esxRelease } from '../../import/src/deviceSheets';
import { importRvtools } from '../../import/src/importRvtools';
import { analyze } from '../../server/src/engine/analyze';
import { cells, headers, makeRows } from './fixtures';

async function workbookWith(hosts: readonly (readonly string[])[]): Promise<Buffer> {
  const workbook = new Workbook();
  const vhost = workbook.addWorksheet('vHost');
  vhost.addRow(['Host', 'Datacenter', 'Cluster', 'CPU Model', 'ESX Version', 'Current EVC', 'Max EVC']);
  for (const h of hosts) vhost.addRow([h[0], 'DC-East', 'Prod-A', 'Intel(R) Xeon(R) Gold 6248', h[1], h[2], 'intel-icelake']);
  const vinfo = workbook.addWorksheet('vInfo');
  vinfo.addRow(headers('MiB'));
  const rows = makeRows(3).map((r, i) => ({ ...r, VM: `vm${i}`, Powerstate: 'poweredOn', Template: false, Host: `esx0${i % 2}` }));
  for (const r of rows) vinfo.addRow(cells(r));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('ESX Version to a release: 7.0 and later name their update, 6.x do not', () => {
  assert.equal(esxRelease('VMware ESXi 7.0.3 build-21930508'), '7.0 U3');
  assert.equal(esxRelease('VMware ESXi 8.0.2 build-22380479'), '8.0 U2');
  assert.equal(esxRelease('VMware ESXi 8.0.0 build-20513097'), '8.0');
  assert.equal(esxRelease('VMware ESXi 6.7.0 build-15160138'), '6.7');
  assert.equal(esxRelease('unknown'), undefined);
});

test('the draft\'s source site: the oldest release of the VMs\' hosts and their common EVC mode', async () => {
  const bytes = await workbookWith([['esx00', 'VMware ESXi 8.0.2 build-22380479', 'intel-cascadelake'], ['esx01', 'VMware ESXi 7.0.3 build-21930508', 'intel-cascadelake'], ['esx09', 'VMware ESXi 6.7.0 build-1', '']]);
  const outcome = await importRvtools({ bytes, fileName: 'rvtools.xlsx' });
  assert.equal(outcome.kind, 'new');
  if (outcome.kind !== 'new') return;
  assert.match(outcome.text, /\n {2}source: [^\n]*\n {4}name: [^\n]*\n {4}vsphere: "7\.0 U3" {2}# vHost ESX Version: the oldest of the VMs' 2 hosts\n {4}evc: intel-cascadelake {2}# vHost Current EVC of the VMs' hosts\n/);
  assert.deepEqual(analyze(outcome.text).findings.filter((f) => f.severity === 'error').map((f) => f.code), [], 'the draft stays schema-valid');
  // Hosts with different EVC modes: no evc (state it by hand); a workbook without vHost rows: nothing.
  const mixed = await importRvtools({ bytes: await workbookWith([['esx00', 'VMware ESXi 8.0.2 build-1', 'intel-cascadelake'], ['esx01', 'VMware ESXi 8.0.2 build-1', 'intel-icelake']]), fileName: 'rvtools.xlsx' });
  assert.ok(mixed.kind === 'new' && /vsphere: "8\.0 U2"/.test(mixed.text) && !/\n {4}evc: /.test(mixed.text));
});

test('vMemory Consumed becomes active_memory (the pages the guest touched: what vMotion sends), at most the VM\'s memory; a merge updates it', async () => {
  const workbook = new Workbook();
  workbook.addWorksheet('vHost').addRow(['Host', 'Datacenter']);
  const vinfo = workbook.addWorksheet('vInfo');
  vinfo.addRow(headers('MiB'));
  const rows = makeRows(2).map((r, i) => ({ ...r, VM: `vm${i}`, Powerstate: 'poweredOn', Template: false, Memory: 16384 }));
  for (const r of rows) vinfo.addRow(cells(r));
  const vmemory = workbook.addWorksheet('vMemory');
  vmemory.addRow(['VM', 'Powerstate', 'Size MiB', 'Overhead', 'Max', 'Consumed', 'Consumed Overhead', 'Private', 'Shared', 'Swapped', 'Ballooned', 'Active']);
  vmemory.addRow(['vm0', 'poweredOn', 16384, 90, 16384, 3072, 60, 3000, 72, 0, 0, 655]);
  vmemory.addRow(['vm1', 'poweredOn', 16384, 90, 16384, 20000, 60, 16000, 0, 0, 0, 4000]);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  const outcome = await importRvtools({ bytes, fileName: 'rvtools.xlsx' });
  assert.equal(outcome.kind, 'new');
  if (outcome.kind !== 'new') return;
  assert.match(outcome.text, /\n {4}memory: 16 GiB\n {4}active_memory: 3 GiB {2}# vMemory Consumed\n/);
  assert.match(outcome.text, /name: vm1\n {4}memory: 16 GiB\n {4}active_memory: 16 GiB/, 'capped at the VM\'s memory');
  const analysis = analyze(outcome.text);
  assert.equal(analysis.model.vms.get('vm0')?.activeMemoryBytes?.value, 3 * 1024 ** 3);
  // A later export with more memory touched: the merge updates it in place.
  vmemory.getRow(2).getCell(6).value = 4096;
  const later = await importRvtools({ bytes: Buffer.from(await workbook.xlsx.writeBuffer()), fileName: 'rvtools.xlsx', into: { text: outcome.text, fileName: 'plan.runbook.yaml' } });
  assert.ok(later.kind === 'merge');
  if (later.kind !== 'merge') return;
  assert.deepEqual(later.merge.updated.map((u) => [u.id, u.changes]), [['vm0', ['active_memory 3 GiB -> 4 GiB']]]);
});
