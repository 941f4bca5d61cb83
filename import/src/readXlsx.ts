/**
 * Reads one sheet of an .xlsx workbook with ExcelJS (a maintained xlsx reader/writer; the import
 * never parses the zip or the XML itself). Excel's typed cell values are reduced to `Cell`.
 */
import { Readable } from 'node:stream';
import { stream, Workbook, type CellValue } from 'exceljs';
import { ImportError, type Cell, type Table, type TableRow } from './table';

/** The sheet RVTools writes one row per VM into. */
export const DEFAULT_SHEET = 'vInfo';

/** An OLE2 / Compound File Binary header: legacy .xls, or an encrypted (password) Office file. */
const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** Every xlsx is a zip archive, which starts with a local file header `PK\x03\x04`. */
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}

export function isCompoundFile(bytes: Uint8Array): boolean {
  return startsWith(bytes, CFB_SIGNATURE);
}

export function isZip(bytes: Uint8Array): boolean {
  return startsWith(bytes, ZIP_SIGNATURE);
}

/** Checks the container before ExcelJS sees it, so the two common mistakes get a clear message. */
export function checkXlsxContainer(bytes: Uint8Array, fileName: string): void {
  if (bytes.length === 0) throw new ImportError(`'${fileName}' is empty (0 bytes); export the vInfo tab from RVTools again.`);
  if (isCompoundFile(bytes)) {
    // Office stores an encrypted xlsx inside a CFB container (MS-OFFCRYPTO); an .xls is CFB too.
    throw new ImportError(
      `'${fileName}' is not a zip-based .xlsx but an OLE compound file: a password-protected (encrypted) workbook, or an old .xls. ` +
        'Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password, empty) or save it as .xlsx, then import again.',
    );
  }
  if (!isZip(bytes)) throw new ImportError(`'${fileName}' is not an .xlsx workbook (no zip header); give an RVTools .xlsx export or a .csv file.`);
}

/** Reduces an ExcelJS value to text, number or boolean (formulas give their cached result). */
export function cellOf(value: CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value.toISOString();
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return value.text;
  if ('error' in value) return value.error;
  if ('result' in value || 'formula' in value || 'sharedFormula' in value) {
    const result = (value as { result?: CellValue }).result;
    return result === undefined ? null : cellOf(result);
  }
  return null;
}

function isBlank(cell: Cell): boolean {
  return cell === null || (typeof cell === 'string' && cell.trim() === '');
}

interface FoundSheet {
  readonly name: string;
  readonly headers: string[];
  readonly headerRowNumber: number;
  readonly rows: TableRow[];
}

/** Collects one sheet's rows: the first non-blank row is the header row. */
class SheetCollector {
  private headers: string[] | undefined;
  private headerRowNumber = 0;
  private readonly rows: TableRow[] = [];

  constructor(private readonly name: string) {}

  add(values: readonly CellValue[], rowNumber: number): void {
    // row.values is 1-based and sparse.
    const cells: Cell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellOf(values[i]));
    if (cells.every(isBlank)) return;
    if (this.headers === undefined) {
      this.headers = cells.map((c) => (c === null ? '' : String(c)));
      this.headerRowNumber = rowNumber;
    } else this.rows.push({ rowNumber, cells });
  }

  done(): FoundSheet {
    return { name: this.name, headers: this.headers ?? [], headerRowNumber: this.headerRowNumber, rows: this.rows };
  }
}

/** The workbook's sheet names, and the chosen sheet's rows when it has one. */
interface SheetRead {
  readonly names: string[];
  readonly found?: FoundSheet;
}

function matches(name: string, target: string): boolean {
  return name === target || name.toLowerCase() === target.toLowerCase();
}

/**
 * ExcelJS's streaming reader: it skips styles and does not build the whole workbook model, which
 * made it 2-3x faster than `xlsx.load` on a 5,000-row, 90-column vInfo (bench/import.ts). It
 * fails on a valid workbook whose zip stores a worksheet after the shared strings but before
 * `xl/workbook.xml` (ExcelJS reads the sheet's name from a workbook model it has not read yet);
 * readXlsx then loads the whole workbook instead.
 */
async function streamSheets(bytes: Buffer, target: string): Promise<SheetRead> {
  const reader = new stream.xlsx.WorkbookReader(Readable.from([bytes], { objectMode: false }), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const names: string[] = [];
  let found: FoundSheet | undefined;
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name: string }).name;
    if (typeof name !== 'string') throw new Error('a worksheet came before the workbook part');
    names.push(name);
    if (found || !matches(name, target)) {
      // Read through every sheet we skip, and do not stop early: ExcelJS deletes a buffered sheet's
      // temp file when the next sheet is asked for, and a sheet nobody read may still be opening it
      // (an ENOENT thrown later, outside any try). Stopping after vInfo measured slower, too.
      for await (const _row of sheet) void _row;
      continue;
    }
    const collector = new SheetCollector(name);
    for await (const row of sheet) collector.add(row.values as CellValue[], row.number);
    found = collector.done();
  }
  return { names, found };
}

/** The whole workbook in memory (slower, but indifferent to the order of the zip's parts). */
async function loadSheets(bytes: Buffer, target: string): Promise<SheetRead> {
  const workbook = new Workbook();
  // ExcelJS's typings ask for an ArrayBuffer; it reads a Buffer as well.
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  const names = workbook.worksheets.map((w) => w.name);
  const sheet = workbook.worksheets.find((w) => matches(w.name, target));
  if (!sheet) return { names };
  const collector = new SheetCollector(sheet.name);
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => collector.add(row.values as CellValue[], rowNumber));
  return { names, found: collector.done() };
}

/** Loads the workbook and returns the chosen sheet (default vInfo) as a table. */
export async function readXlsx(bytes: Uint8Array, fileName: string, sheetName?: string): Promise<Table> {
  checkXlsxContainer(bytes, fileName);
  const target = sheetName ?? DEFAULT_SHEET;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let read: SheetRead;
  try {
    read = await streamSheets(buffer, target).catch(() => loadSheets(buffer, target));
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ImportError(`'${fileName}' could not be read as an .xlsx workbook (${detail}); open it in Excel and save it again as .xlsx.`);
  }
  const { names, found } = read;
  if (!found) {
    const list = names.length > 0 ? names.map((n) => `'${n}'`).join(', ') : 'none';
    if (sheetName === undefined) {
      throw new ImportError(`'${fileName}' has no '${DEFAULT_SHEET}' sheet (sheets: ${list}); RVTools writes one row per VM to vInfo. Choose the sheet with --sheet NAME.`);
    }
    throw new ImportError(`'${fileName}' has no sheet '${sheetName}' (sheets: ${list}).`);
  }
  const source = `sheet '${found.name}'`;
  if (found.headers.length === 0) throw new ImportError(`${source} of '${fileName}' is empty: no header row and no VMs.`);
  return { source, headerRowNumber: found.headerRowNumber, headers: found.headers, rows: found.rows };
}
