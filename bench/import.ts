/**
 * Speed of `runbook import rvtools` on a 5,000-row export (target: under 2 s). Builds the exports
 * itself: a CSV and an .xlsx with a realistic vInfo width (the 15 columns the import reads or
 * skips, plus 75 filler columns: RVTools' vInfo has about 90), then times, in-process:
 * reading + mapping + drafting a new runbook, and merging the same export into that runbook
 * (the idempotent no-op path, which still reads and matches everything). Prints the median of
 * --runs runs (>= 3) in wall and CPU milliseconds: on a busy machine CPU time is the steadier one.
 *
 * Usage: node out/bench/import.js [--rows 5000] [--runs 5]
 */
import { parseArgs } from 'node:util';
import { Workbook } from 'exceljs';
import { importRvtools } from '../import/src/importRvtools';
import { cells, csvOf, headers, makeRows } from '../test/import/fixtures';

const FILLER_COLUMNS = 75;

async function wideXlsx(rows: number): Promise<Buffer> {
  const workbook = new Workbook();
  workbook.addWorksheet('vHost').addRow(['Host']);
  const sheet = workbook.addWorksheet('vInfo');
  const filler = Array.from({ length: FILLER_COLUMNS }, (_, i) => `Extra ${i}`);
  sheet.addRow([...headers(), ...filler]);
  for (const row of makeRows(rows)) sheet.addRow([...cells(row), ...filler.map((_, i) => (i % 3 === 0 ? i : `value ${i}`))]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

async function time(label: string, runs: number, step: () => Promise<unknown>): Promise<void> {
  const wall: number[] = [];
  const cpu: number[] = [];
  await step(); // warm-up: module loading and JIT are not the import's speed
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await step();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  const verdict = median(wall) < 2000 ? 'under' : 'OVER';
  console.log(`${label.padEnd(44)} median ${median(wall).toFixed(0).padStart(5)} ms wall, ${median(cpu).toFixed(0).padStart(5)} ms CPU (${runs} runs; ${verdict} 2 s)`);
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '5000' }, runs: { type: 'string', default: '5' } } });
  const rows = Number(values.rows);
  const runs = Math.max(3, Number(values.runs));
  const csv = csvOf(makeRows(rows));
  const xlsx = await wideXlsx(rows);
  console.log(`${rows} rows; CSV ${(csv.length / 1e6).toFixed(1)} MB, xlsx ${(xlsx.length / 1e6).toFixed(1)} MB (${15 + FILLER_COLUMNS} columns)`);
  const drafted = await importRvtools({ bytes: xlsx, fileName: 'export.xlsx' });
  if (drafted.kind !== 'new') throw new Error('expected a new runbook');
  await time('CSV -> new runbook', runs, () => importRvtools({ bytes: csv, fileName: 'export.csv' }));
  await time('xlsx (90 columns) -> new runbook', runs, () => importRvtools({ bytes: xlsx, fileName: 'export.xlsx' }));
  await time('xlsx (90 columns) --into (no changes)', runs, () => importRvtools({ bytes: xlsx, fileName: 'export.xlsx', into: { text: drafted.text, fileName: 'plan.runbook.yaml' } }));
}

void main();
