/** Bad exports and bad filters: one clear message each, naming the row and column where there is one. */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { FilterError, parseFilter } from '../../import/src/filter';
import { baseId, IdAllocator } from '../../import/src/ids';
import { importRvtools } from '../../import/src/importRvtools';
import type { InventoryVm } from '../../import/src/inventory';
import { ImportError } from '../../import/src/table';
import { csvOf, headers, makeRows, reorderedXlsx, xlsxOf } from './fixtures';

async function failure(bytes: Uint8Array, fileName: string, extra: Partial<Parameters<typeof importRvtools>[0]> = {}): Promise<ImportError> {
  try {
    await importRvtools({ bytes, fileName, ...extra });
  } catch (error) {
    assert.ok(error instanceof ImportError, `an ImportError, got ${String(error)}`);
    return error;
  }
  assert.fail('the import should have failed');
}

describe('import rvtools: bad exports', () => {
  const rows = makeRows(5);

  it('a missing VM column names the header row and what it has', async () => {
    const header = headers().map((h) => (h === 'VM' ? 'Name' : h));
    const e = await failure(csvOf(rows, 'MiB', header), 'x.csv');
    assert.match(e.message, /^the CSV file of 'x\.csv' has no 'VM' column \(header row 1: 'Name', 'Powerstate', .*\)\. Is this the vInfo sheet of an RVTools export\?$/);
    const x = await failure(await xlsxOf(rows, { header }), 'x.xlsx');
    assert.match(x.message, /^sheet 'vInfo' of 'x\.xlsx' has no 'VM' column/);
  });

  it('no vInfo sheet, or a wrong --sheet: the available sheets are listed', async () => {
    const workbook = await xlsxOf(rows, { sheet: 'tabvInfo' });
    assert.equal((await failure(workbook, 'x.xlsx')).message, "'x.xlsx' has no 'vInfo' sheet (sheets: 'vHost', 'tabvInfo', 'vDisk'); RVTools writes one row per VM to vInfo. Choose the sheet with --sheet NAME.");
    assert.equal((await failure(workbook, 'x.xlsx', { sheet: 'vInfoo' })).message, "'x.xlsx' has no sheet 'vInfoo' (sheets: 'vHost', 'tabvInfo', 'vDisk').");
    const ok = await importRvtools({ bytes: workbook, fileName: 'x.xlsx', sheet: 'tabvinfo' });
    assert.equal(ok.selection.selected.length, 5);
    // A sheet that is not vInfo: it has no VM column.
    assert.match((await failure(workbook, 'x.xlsx', { sheet: 'vHost' })).message, /^sheet 'vHost' of 'x\.xlsx' has no 'VM' and 'Memory' columns \(header row 1: 'Host', 'Datacenter'\)/);
    assert.match((await failure(csvOf(rows), 'x.csv', { sheet: 'vInfo' })).message, /--sheet applies only to \.xlsx/);
  });

  it('a workbook whose zip stores the sheets before xl/workbook.xml is read all the same', async () => {
    // ExcelJS's streaming reader cannot name such a sheet; the import falls back to loading it whole.
    const workbook = await reorderedXlsx(await xlsxOf(rows), ['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/worksheets/sheet3.xml']);
    const read = await importRvtools({ bytes: workbook, fileName: 'x.xlsx' });
    assert.equal(read.selection.selected.length, 5);
    assert.match((await failure(workbook, 'x.xlsx', { sheet: 'vHost' })).message, /^sheet 'vHost' of 'x\.xlsx' has no 'VM' and 'Memory' columns/);
    assert.equal((await failure(workbook, 'x.xlsx', { sheet: 'nope' })).message, "'x.xlsx' has no sheet 'nope' (sheets: 'vHost', 'vInfo', 'vDisk').");
  });

  it('non-numeric memory names the row and column (CSV line, Excel row)', async () => {
    const bad = [...rows.slice(0, 2), { ...rows[2], Memory: 'sixteen' }, { ...rows[3], Provisioned: '-5' }];
    const e = await failure(csvOf(bad), 'x.csv');
    assert.deepEqual(e.problems, [
      "the CSV file of 'x.csv': 2 cells cannot be read:",
      "  row 4, column 'Memory' (F): 'sixteen' is not a memory size in MiB.",
      "  row 5, column 'Provisioned MiB' (H): '-5' is not a provisioned size in MiB.",
    ]);
    const x = await failure(await xlsxOf([rows[0], { ...rows[1], Memory: '' }]), 'x.xlsx');
    assert.equal(x.message, "sheet 'vInfo' of 'x.xlsx': row 3, column 'Memory' (F): empty; the memory size in MiB is required.");
  });

  it('a bad cell in a row that is skipped anyway does not fail the import', async () => {
    const o = await importRvtools({ bytes: csvOf([rows[0], { ...rows[1], Powerstate: 'poweredOff', Memory: 'n/a' }]), fileName: 'x.csv' });
    assert.equal(o.selection.selected.length, 1);
  });

  it('an empty file, a header without rows, blank text', async () => {
    assert.match((await failure(new Uint8Array(), 'x.csv')).message, /^'x\.csv' is empty \(0 bytes\)/);
    assert.match((await failure(new Uint8Array(), 'x.xlsx')).message, /^'x\.xlsx' is empty \(0 bytes\)/);
    assert.equal((await failure(csvOf([]), 'x.csv')).message, "the CSV file of 'x.csv' has a header row but no VM rows.");
    assert.match((await failure(Buffer.from('\n\n  \n'), 'x.csv')).message, /is empty: no header row and no VMs/);
    assert.equal((await failure(await xlsxOf([]), 'x.xlsx')).message, "sheet 'vInfo' of 'x.xlsx' has a header row but no VM rows.");
  });

  it('a password-protected workbook (an OLE compound file) is recognised', async () => {
    const cfb = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]);
    for (const name of ['locked.xlsx', 'locked.csv']) {
      assert.match((await failure(cfb, name)).message, /not a zip-based \.xlsx but an OLE compound file: a password-protected \(encrypted\) workbook, or an old \.xls/);
    }
    assert.match((await failure(Buffer.from('VM,Memory\n'), 'text.xlsx')).message, /is not an \.xlsx workbook \(no zip header\)/);
    const truncated = (await xlsxOf(rows)).subarray(0, 300);
    assert.match((await failure(truncated, 'cut.xlsx')).message, /could not be read as an \.xlsx workbook/);
  });

  it('a CSV that is not UTF-8 names the line and column', async () => {
    const latin1 = Buffer.concat([csvOf(rows.slice(0, 2)), Buffer.from('Z\xfcrich-01,poweredOn,False,green,2,4096,1,1024,1024,DC,C,h,/f,os,vmx-19\n', 'latin1')]);
    assert.match((await failure(latin1, 'x.csv')).message, /^'x\.csv' is not UTF-8: line 4, column 1 \('VM'\) has byte 0xfc \(a Windows code page such as 1252\?\)\. Save the CSV as "CSV UTF-8"/);
  });

  it('a bad --filter fails before the export is read', async () => {
    await assert.rejects(importRvtools({ bytes: new Uint8Array(), fileName: 'x.csv', filter: 'clustr=A' }), (e: unknown) => e instanceof FilterError && /did you mean 'cluster'/.test(e.message));
  });
});

const vm = (over: Partial<InventoryVm>): InventoryVm => ({ rowNumber: 2, name: 'web01', powerState: 'on', template: false, problems: [], ...over });

describe('import rvtools: --filter', () => {
  const cases: [string, Partial<InventoryVm>, boolean][] = [
    ['cluster=Prod-A', { cluster: 'prod-a' }, true],
    ['cluster=Prod-A', { cluster: 'Prod-B' }, false],
    ['cluster=Prod-A|Prod-B', { cluster: 'Prod-B' }, true],
    ['cluster!=Prod-A', { cluster: 'Prod-B' }, true],
    ['name~^web', { name: 'WEB-01' }, true],
    ['name!~^web', { name: 'web-01' }, false],
    ['folder=/Apps/*', { folder: '/Apps/Web/Frontend' }, true],
    ['folder=/Apps/*', { folder: '/Infra' }, false],
    ['power=on', { powerState: 'on' }, true],
    ['power=off', { powerState: 'on' }, false],
    ['cluster=Prod-A,name~^db', { cluster: 'Prod-A', name: 'web01' }, false],
    ['cluster=Prod-A , name~^db', { cluster: 'Prod-A', name: 'db01' }, true],
    ['name=a\\,b', { name: 'a,b' }, true],
    ['host=esx0?.example.com', { host: 'esx07.example.com' }, true],
    ['datacenter=DC*', { datacenter: 'DC-East' }, true],
    ['os~windows', { os: 'Microsoft Windows Server 2019' }, true],
  ];
  for (const [expression, over, expected] of cases) {
    it(`${expression} ${expected ? 'matches' : 'does not match'} ${JSON.stringify(over)}`, () => {
      assert.equal(parseFilter(expression).matches(vm(over)), expected);
    });
  }

  it('power=off asks for powered-off VMs, which are then not skipped', async () => {
    const rows = makeRows(20);
    const o = await importRvtools({ bytes: csvOf(rows), fileName: 'x.csv', filter: 'power=off' });
    assert.deepEqual(o.selection.selected.map((v) => v.rowNumber), [11, 21]);
  });

  const errors: [string, RegExp][] = [
    ['clustr=A', /unknown key 'clustr' \(keys: cluster, folder, name, power, datacenter, host, os\); did you mean 'cluster'\?/],
    ['cluster', /'cluster' has no operator; write key=glob/],
    ['name~[web', /'name~\[web': not a valid regular expression/],
    ['power=up', /power 'up' is not one of on, off, suspended/],
    ['power~on', /power takes = or !=/],
    ['cluster=A,,name=b', /an empty term/],
    ['name=', /no value after '='/],
  ];
  for (const [expression, message] of errors) {
    it(`rejects '${expression}'`, () => assert.throws(() => parseFilter(expression), (e: unknown) => e instanceof FilterError && message.test(e.message)));
  }
});

describe('import rvtools: ids', () => {
  const cases: [string, string][] = [
    ['web01', 'web01'],
    ['App Server 7', 'App-Server-7'],
    ['Zürich DB (old)', 'Zurich-DB-old'],
    ['_tmp', 'tmp'],
    ['***', 'vm'],
    ['a.b_c-d', 'a.b_c-d'],
    ['名前', 'vm'],
  ];
  for (const [name, id] of cases) it(`'${name}' -> '${id}'`, () => assert.equal(baseId(name), id));

  it('unique ignoring case, with numbered suffixes', () => {
    const ids = new IdAllocator(['WEB01']);
    assert.deepEqual(['web01', 'web01', 'Web 01'].map((n) => ids.allocate(n)), ['web01-2', 'web01-3', 'Web-01']);
  });
});
