/**
 * Rows of a vInfo table -> inventory VMs. A cell that cannot be read becomes a problem on its VM
 * (row and column named) rather than an exception, so the import can report every bad cell of the
 * VMs it was asked to import, and ignore bad cells of rows it skips anyway.
 */
import { BYTES_PER_MIB } from '../../shared/src/units/quantity';
import type { ColumnMap, Field } from './columns';
import { columnLetter, type Cell, type Table, type TableRow } from './table';

export type PowerState = 'on' | 'off' | 'suspended';

export interface InventoryVm {
  readonly rowNumber: number;
  /** The VM name as the export gives it (trimmed). */
  readonly name: string;
  readonly powerState: PowerState;
  readonly template: boolean;
  readonly cpus?: number;
  readonly memoryBytes?: number;
  readonly provisionedBytes?: number;
  readonly inUseBytes?: number;
  readonly datacenter?: string;
  readonly cluster?: string;
  readonly host?: string;
  readonly folder?: string;
  readonly os?: string;
  readonly hwVersion?: string;
  /** vInfo "min Required EVC Mode Key", e.g. `intel-cascadelake`. */
  readonly evc?: string;
  /** vInfo "FT State" (`notConfigured`, `running`, `needSecondary`, ...). */
  readonly ftState?: string;
  /** Device facts from the vDisk and vCD sheets (deviceSheets.ts), when the workbook has them. */
  readonly deviceFeatures?: readonly string[];
  /** vMemory `Consumed` (bytes): host memory backing the guest, the pages it has touched (deviceSheets.ts). */
  readonly consumedMemoryBytes?: number;
  /** Cells of this row that could not be read, each naming its row and column. */
  readonly problems: readonly string[];
}

const NUMBER = /^(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

class RowReader {
  readonly problems: string[] = [];
  constructor(private readonly row: TableRow, private readonly columns: ColumnMap) {}

  cell(field: Field): Cell | undefined {
    const i = this.columns.index[field];
    return i === undefined ? undefined : this.row.cells[i];
  }

  where(field: Field): string {
    const i = this.columns.index[field] ?? 0;
    return `row ${this.row.rowNumber}, column '${this.columns.header[field]}' (${columnLetter(i + 1)})`;
  }

  text(field: Field): string | undefined {
    const c = this.cell(field);
    if (c === null || c === undefined) return undefined;
    const s = String(c).trim();
    return s === '' ? undefined : s;
  }

  /** A non-negative number; `required` makes an empty cell a problem too. */
  number(field: Field, what: string, required: boolean): number | undefined {
    const c = this.cell(field);
    if (c === undefined) return undefined;
    if (typeof c === 'number') {
      if (Number.isFinite(c) && c >= 0) return c;
      this.problems.push(`${this.where(field)}: ${c} is not a ${what} (zero or more expected).`);
      return undefined;
    }
    const s = c === null ? '' : String(c).trim();
    if (s === '') {
      if (required) this.problems.push(`${this.where(field)}: empty; the ${what} is required.`);
      return undefined;
    }
    if (!NUMBER.test(s)) {
      this.problems.push(`${this.where(field)}: '${s}' is not a ${what}.`);
      return undefined;
    }
    return Number(s.replace(/,/g, ''));
  }

  mebibytes(field: Field, what: string, required: boolean): number | undefined {
    const mib = this.number(field, `${what} in MiB`, required);
    return mib === undefined ? undefined : mib * BYTES_PER_MIB;
  }

  powerState(): PowerState {
    const s = this.text('powerState');
    if (s === undefined) return 'on';
    const v = s.toLowerCase().replace(/\s+/g, '');
    if (v === 'poweredon' || v === 'on') return 'on';
    if (v === 'poweredoff' || v === 'off') return 'off';
    if (v === 'suspended') return 'suspended';
    this.problems.push(`${this.where('powerState')}: '${s}' is not poweredOn, poweredOff or suspended.`);
    return 'on';
  }

  flag(field: Field): boolean {
    const c = this.cell(field);
    if (typeof c === 'boolean') return c;
    if (c === null || c === undefined) return false;
    const v = String(c).trim().toLowerCase();
    if (v === '' || v === 'false' || v === 'no' || v === '0') return false;
    if (v === 'true' || v === 'yes' || v === '1') return true;
    this.problems.push(`${this.where(field)}: '${String(c).trim()}' is not True or False.`);
    return false;
  }
}

function isBlankRow(row: TableRow): boolean {
  return row.cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));
}

/** Reads every non-blank row. A row without a VM name is kept with a problem. */
export function readInventory(table: Table, columns: ColumnMap): InventoryVm[] {
  const vms: InventoryVm[] = [];
  for (const row of table.rows) {
    if (isBlankRow(row)) continue;
    const r = new RowReader(row, columns);
    const name = r.text('name') ?? '';
    if (name === '') r.problems.push(`${r.where('name')}: empty VM name.`);
    vms.push({
      rowNumber: row.rowNumber,
      name,
      powerState: r.powerState(),
      template: r.flag('template'),
      cpus: r.number('cpus', 'number of CPUs', false),
      memoryBytes: r.mebibytes('memory', 'memory size', true),
      provisionedBytes: r.mebibytes('provisioned', 'provisioned size', false),
      inUseBytes: r.mebibytes('inUse', 'in-use size', false),
      datacenter: r.text('datacenter'),
      cluster: r.text('cluster'),
      host: r.text('host'),
      folder: r.text('folder'),
      os: r.text('os'),
      hwVersion: r.text('hwVersion'),
      evc: r.text('evc'),
      ftState: r.text('ftState'),
      problems: r.problems,
    });
  }
  return vms;
}
