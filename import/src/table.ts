/**
 * The shape every export reader produces: one sheet as a header row and data rows, with the row
 * numbers people see (Excel's row number, or the CSV line), so every message can point at a cell.
 */

/** A cell as the import needs it: Excel's typed values are reduced to these. */
export type Cell = string | number | boolean | null;

export interface TableRow {
  /** 1-based row (xlsx) or line (csv) number of this row in the file. */
  readonly rowNumber: number;
  readonly cells: readonly Cell[];
}

export interface Table {
  /** Where the rows came from, for messages: `sheet 'vInfo'` or `the CSV file`. */
  readonly source: string;
  /** 1-based row number of the header row. */
  readonly headerRowNumber: number;
  readonly headers: readonly string[];
  readonly rows: readonly TableRow[];
}

/** A problem with the export itself: one line, naming the row and column when there is one. */
export class ImportError extends Error {
  constructor(message: string, readonly problems: readonly string[] = [message]) {
    super(message);
  }
}

/** Excel-style column letters (1 -> A, 27 -> AA) for messages about a cell. */
export function columnLetter(index1: number): string {
  let n = index1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
