/**
 * Which column of the export holds what: matched by header name, ignoring case and spaces, with
 * the spellings RVTools has used. Sizes are in MiB whatever the header says: vSphere reports
 * memory and disk in 2^20-byte units (its API calls them "MB"), and RVTools 4.x only renamed the
 * headers from "MB" to "MiB". That equivalence is our reading of the exports, not a cited fact
 * (docs/sources.md "Units" says MB = 10^6 bytes unless a source says otherwise; see docs/import.md).
 */
import { ImportError, type Table } from './table';

export type Field = 'name' | 'powerState' | 'template' | 'cpus' | 'memory' | 'provisioned' | 'inUse' | 'datacenter' | 'cluster' | 'host' | 'folder' | 'os' | 'hwVersion' | 'evc' | 'ftState';

export interface ColumnDef {
  readonly field: Field;
  /** The current RVTools header, used in messages. */
  readonly header: string;
  /** Accepted spellings; `vInfo...` ones come from RVTools' command-line CSV export. */
  readonly variants: readonly string[];
  readonly required?: boolean;
}

export const COLUMNS: readonly ColumnDef[] = [
  { field: 'name', header: 'VM', variants: ['VM', 'VM Name', 'vInfoVMName'], required: true },
  { field: 'powerState', header: 'Powerstate', variants: ['Powerstate', 'Power State', 'vInfoPowerstate'] },
  { field: 'template', header: 'Template', variants: ['Template', 'vInfoTemplate'] },
  { field: 'cpus', header: 'CPUs', variants: ['CPUs', 'vInfoCPUs'] },
  { field: 'memory', header: 'Memory', variants: ['Memory', 'Memory MiB', 'Memory MB', 'vInfoMemory'], required: true },
  { field: 'provisioned', header: 'Provisioned MiB', variants: ['Provisioned MiB', 'Provisioned MB', 'vInfoProvisioned'] },
  { field: 'inUse', header: 'In Use MiB', variants: ['In Use MiB', 'In Use MB', 'vInfoInUse'] },
  { field: 'datacenter', header: 'Datacenter', variants: ['Datacenter', 'vInfoDataCenter'] },
  { field: 'cluster', header: 'Cluster', variants: ['Cluster', 'vInfoCluster'] },
  { field: 'host', header: 'Host', variants: ['Host', 'vInfoHost'] },
  { field: 'folder', header: 'Folder', variants: ['Folder', 'vInfoFolder'] },
  { field: 'os', header: 'OS according to the configuration file', variants: ['OS according to the configuration file', 'vInfoOS'] },
  { field: 'hwVersion', header: 'HW version', variants: ['HW version', 'Hardware version', 'vInfoHWVersion'] },
  // Eligibility (docs/import.md): the EVC mode the running VM needs, and its Fault Tolerance state.
  { field: 'evc', header: 'min Required EVC Mode Key', variants: ['min Required EVC Mode Key', 'vInfoMinRequiredEVCModeKey'] },
  { field: 'ftState', header: 'FT State', variants: ['FT State', 'vInfoFTState'] },
];

/** Case- and space-insensitive form of a header. */
export function normalizeHeader(header: string): string {
  return header.replace(/\s+/g, '').toLowerCase();
}

const BY_NORMALIZED = new Map<string, ColumnDef>();
for (const def of COLUMNS) for (const v of def.variants) BY_NORMALIZED.set(normalizeHeader(v), def);

export interface ColumnMap {
  /** 0-based index of each field's column. */
  readonly index: Partial<Readonly<Record<Field, number>>>;
  /** The header as written in the export, per field (for messages). */
  readonly header: Partial<Readonly<Record<Field, string>>>;
}

/** Maps the header row; a missing required column is an ImportError naming the header row. */
export function mapColumns(table: Table, fileName: string): ColumnMap {
  const index: Partial<Record<Field, number>> = {};
  const header: Partial<Record<Field, string>> = {};
  table.headers.forEach((h, i) => {
    const def = BY_NORMALIZED.get(normalizeHeader(h));
    // The first matching column wins (a later duplicate is ignored).
    if (def && index[def.field] === undefined) {
      index[def.field] = i;
      header[def.field] = h.trim();
    }
  });
  const missing = COLUMNS.filter((d) => d.required && index[d.field] === undefined);
  if (missing.length > 0) {
    const seen = table.headers.filter((h) => h.trim() !== '').slice(0, 12).map((h) => `'${h.trim()}'`).join(', ');
    const more = table.headers.length > 12 ? ', ...' : '';
    const names = missing.map((d) => `'${d.header}'`).join(' and ');
    const hint = index.name === undefined ? ' Is this the vInfo sheet of an RVTools export?' : '';
    throw new ImportError(
      `${table.source} of '${fileName}' has no ${names} column${missing.length > 1 ? 's' : ''} (header row ${table.headerRowNumber}: ${seen || 'empty'}${more}).${hint}`,
    );
  }
  return { index, header };
}
