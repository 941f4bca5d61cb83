/**
 * Reads a CSV export (RVTools "Export to csv", or vInfo saved as CSV by Excel) with csv-parse; the
 * import never splits fields itself. The text must be UTF-8 (a BOM is fine) or UTF-16 with a BOM
 * (Excel's "Unicode Text"); anything else gets a message naming the first line and column that is
 * not UTF-8, since a guessed code page would silently garble VM names.
 */
import { parse } from 'csv-parse/sync';
import { ImportError, type Table, type TableRow } from './table';

const UTF8_BOM = [0xef, 0xbb, 0xbf];

function hasPrefix(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((b, i) => bytes[i] === b);
}

/** Where the first byte that is not UTF-8 is: 1-based line, and the byte offset inside that line. */
function firstInvalidUtf8(bytes: Uint8Array): { line: number; lineStart: number; offset: number } {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        decoder.decode(bytes.subarray(lineStart, i));
      } catch {
        // The longest prefix of the line that decodes ends just before the bad byte.
        let good = lineStart;
        for (let end = lineStart + 1; end <= i; end++) {
          try {
            new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(lineStart, end), { stream: true });
            good = end;
          } catch {
            break;
          }
        }
        return { line, lineStart, offset: good };
      }
      line++;
      lineStart = i + 1;
    }
  }
  return { line, lineStart, offset: lineStart };
}

/** Decodes the file to text, or throws an ImportError naming where it stops being UTF-8. */
export function decodeCsv(bytes: Uint8Array, fileName: string): string {
  if (hasPrefix(bytes, UTF8_BOM)) bytes = bytes.subarray(3);
  else if (hasPrefix(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (hasPrefix(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const where = firstInvalidUtf8(bytes);
    // Name the column by counting separators before the bad byte (good enough for a message).
    const prefix = new TextDecoder('utf-8').decode(bytes.subarray(where.lineStart, where.offset));
    const headerLine = new TextDecoder('utf-8').decode(bytes.subarray(0, Math.max(0, bytes.indexOf(0x0a))));
    const delimiter = detectDelimiter(headerLine);
    const column = prefix.split(delimiter).length;
    const headers = headerLine.replace(/\r$/, '').split(delimiter).map((h) => h.replace(/^"|"$/g, '').trim());
    const name = headers[column - 1] ? ` ('${headers[column - 1]}')` : '';
    throw new ImportError(
      `'${fileName}' is not UTF-8: line ${where.line}, column ${column}${name} has byte 0x${bytes[where.offset].toString(16).padStart(2, '0')} ` +
        `(a Windows code page such as 1252?). Save the CSV as "CSV UTF-8", or import the .xlsx export instead.`,
    );
  }
}

/** The header line's most frequent separator among comma, semicolon (European Excel) and tab. */
export function detectDelimiter(headerLine: string): string {
  let best = ',';
  let bestCount = 0;
  for (const candidate of [',', ';', '\t']) {
    const count = headerLine.split(candidate).length - 1;
    if (count > bestCount) {
      best = candidate;
      bestCount = count;
    }
  }
  return best;
}

interface ParsedRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

export function readCsv(bytes: Uint8Array, fileName: string): Table {
  if (bytes.length === 0) throw new ImportError(`'${fileName}' is empty (0 bytes); export the vInfo tab from RVTools again.`);
  const text = decodeCsv(bytes, fileName);
  if (text.trim() === '') throw new ImportError(`'${fileName}' is empty: no header row and no VMs.`);
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  let records: ParsedRecord[];
  try {
    records = parse(text, {
      delimiter: detectDelimiter(firstLine),
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new ImportError(`'${fileName}' is not valid CSV: ${detail}`);
  }
  const nonBlank = records.filter((r) => r.record.some((c) => c.trim() !== ''));
  if (nonBlank.length === 0) throw new ImportError(`'${fileName}' is empty: no header row and no VMs.`);
  const [header, ...data] = nonBlank;
  const rows: TableRow[] = data.map((r) => ({ rowNumber: r.info.lines, cells: r.record }));
  return { source: 'the CSV file', headerRowNumber: header.info.lines, headers: header.record, rows };
}
