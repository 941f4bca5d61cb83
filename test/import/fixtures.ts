/**
 * RVTools-like exports made by the tests themselves: rows of a vInfo sheet, written as CSV with
 * csv-stringify (in the current `MiB` or the older `MB` header spelling) or as an .xlsx with ExcelJS
 * (the library the import reads with).
 */
import { stringify } from 'csv-stringify/sync';
import { Workbook } from 'exceljs';
import JSZip from 'jszip';

export interface FixtureRow {
  readonly VM: string;
  readonly Powerstate: string;
  readonly Template: boolean;
  readonly CPUs: number;
  /** MiB */
  readonly Memory: number | string;
  readonly Provisioned: number | string;
  readonly InUse: number | string;
  readonly Datacenter: string;
  readonly Cluster: string;
  readonly Host: string;
  readonly Folder: string;
  readonly OS: string;
  readonly HW: string;
}

export type Spelling = 'MiB' | 'MB';

export function headers(spelling: Spelling = 'MiB'): string[] {
  // A few columns the import ignores, as in a real export.
  return ['VM', 'Powerstate', 'Template', 'Config status', 'CPUs', 'Memory', 'NICs', `Provisioned ${spelling}`, `In Use ${spelling}`, 'Datacenter', 'Cluster', 'Host', 'Folder', 'OS according to the configuration file', 'HW version'];
}

export function cells(row: FixtureRow): (string | number | boolean)[] {
  return [row.VM, row.Powerstate, row.Template, 'green', row.CPUs, row.Memory, 1, row.Provisioned, row.InUse, row.Datacenter, row.Cluster, row.Host, row.Folder, row.OS, row.HW];
}

/** `count` VMs over 4 clusters and 16 hosts; every 10th powered off, every 50th a template. */
export function makeRows(count: number): FixtureRow[] {
  const rows: FixtureRow[] = [];
  for (let i = 1; i <= count; i++) {
    const cluster = `Prod-${'ABCD'[i % 4]}`;
    rows.push({
      VM: i % 7 === 0 ? `App Server ${i}` : `vm${String(i).padStart(5, '0')}`,
      Powerstate: i % 10 === 0 ? 'poweredOff' : 'poweredOn',
      Template: i % 50 === 0,
      CPUs: 2 + (i % 4) * 2,
      Memory: 4096 * (1 + (i % 4)),
      Provisioned: 40960 + (i % 9) * 10240,
      InUse: 20480 + (i % 9) * 5120,
      Datacenter: 'DC-East',
      Cluster: cluster,
      Host: `esx${String(i % 16).padStart(2, '0')}.east.example.com`,
      Folder: i % 3 === 0 ? '/Apps/Web' : '/Apps/DB',
      OS: i % 2 === 0 ? 'Red Hat Enterprise Linux 8 (64-bit)' : 'Microsoft Windows Server 2019 (64-bit)',
      HW: 'vmx-17',
    });
  }
  return rows;
}

export function csvOf(rows: readonly FixtureRow[], spelling: Spelling = 'MiB', header = headers(spelling)): Buffer {
  return Buffer.from(stringify([header, ...rows.map(cells)], { cast: { boolean: (b) => (b ? 'True' : 'False') } }));
}

/** A workbook with a vInfo sheet (plus vHost and vDisk sheets, as RVTools writes). */
export async function xlsxOf(rows: readonly FixtureRow[], options: { sheet?: string; header?: string[]; extraSheets?: string[] } = {}): Promise<Buffer> {
  const workbook = new Workbook();
  for (const name of options.extraSheets ?? ['vHost']) workbook.addWorksheet(name).addRow(['Host', 'Datacenter']);
  const sheet = workbook.addWorksheet(options.sheet ?? 'vInfo');
  sheet.addRow(options.header ?? headers('MiB'));
  for (const row of rows) sheet.addRow(cells(row));
  workbook.addWorksheet('vDisk').addRow(['VM', 'Disk']);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Fills the TODO placeholders of a drafted runbook with real-looking values. */
export function fillPlaceholders(text: string): string {
  // A planned move runs inside windows (RB215): give each drafted wave its own night.
  let night = 0;
  return text
    .replace('name: TODO target site', 'name: Chicago DC4')
    .replace('bandwidth: 10 Gbps  # TODO: the line rate', 'bandwidth: 10 Gbps')
    .replace('rtt: 1 ms  # TODO: the measured round trip', 'rtt: 18 ms')
    .replace(/# TODO: window: \{ start: "2027-01-09T22:00:00-05:00", duration: 8h \}/g, () => `window: { start: "2027-01-${String(9 + night++).padStart(2, '0')}T22:00:00-05:00", duration: 8h }`);
}

/**
 * The same workbook with its zip parts stored in the given order first (the rest after, as they
 * were). Excel and RVTools put `xl/workbook.xml` early, but nothing in the format requires it.
 */
export async function reorderedXlsx(bytes: Uint8Array, first: readonly string[]): Promise<Buffer> {
  const source = await JSZip.loadAsync(bytes);
  const names = Object.keys(source.files).filter((n) => !source.files[n].dir);
  const order = [...first.filter((n) => names.includes(n)), ...names.filter((n) => !first.includes(n))];
  const target = new JSZip();
  for (const name of order) target.file(name, await source.files[name].async('uint8array'));
  return target.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
