/**
 * Chooses the reader by what the file is, not only by its name: a zip is a workbook, an OLE
 * compound file is an encrypted workbook or an .xls (a clear error), anything else is CSV text.
 */
import { readCsv } from './readCsv';
import { checkXlsxContainer, isCompoundFile, isZip, readXlsx } from './readXlsx';
import { ImportError, type Table } from './table';

export interface ReadOptions {
  /** Sheet of a workbook (default vInfo); a CSV file has one table and rejects a sheet name. */
  readonly sheet?: string;
}

export async function readExport(bytes: Uint8Array, fileName: string, options: ReadOptions = {}): Promise<Table> {
  const lower = fileName.toLowerCase();
  const looksXlsx = /\.xls[xm]?$/.test(lower);
  if (bytes.length === 0) throw new ImportError(`'${fileName}' is empty (0 bytes); export the vInfo tab from RVTools again.`);
  if (isZip(bytes) || isCompoundFile(bytes) || looksXlsx) {
    checkXlsxContainer(bytes, fileName);
    return readXlsx(bytes, fileName, options.sheet);
  }
  if (options.sheet !== undefined) {
    throw new ImportError(`'${fileName}' is a CSV file with one table; --sheet applies only to .xlsx workbooks (export vInfo to its own CSV, or import the .xlsx).`);
  }
  return readCsv(bytes, fileName);
}
