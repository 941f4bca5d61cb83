/**
 * The import as one call, shared by the CLI and the VS Code command: read the export, map its
 * columns, select VMs, then either draft a new runbook or merge into an existing one. Pure apart
 * from reading the bytes it is given; throws ImportError (bad export) or FilterError (bad --filter).
 */
import type { EditorImportOutcome, EditorImportRequest } from '../../shared/src/importApi';
import { mapColumns } from './columns';
import { parseFilter } from './filter';
import { IdAllocator } from './ids';
import { readInventory, type InventoryVm } from './inventory';
import { mergeIntoRunbook, type MergeResult } from './merge';
import { readExport } from './readExport';
import { readConsumedMemory, readDeviceFeatures, readHostFacts } from './deviceSheets';
import { compareVersions, parseVsphereVersion } from '../../server/src/engine/vsphere';
import { renderNewRunbook, type PlannedVm } from './render';
import { selectVms, type Selection } from './select';
import { ImportError } from './table';

export const DEFAULT_WAVE_SIZE = 25;

export interface ImportRequest {
  readonly bytes: Uint8Array;
  /** The export's file name (for messages and the header comment). */
  readonly fileName: string;
  readonly sheet?: string;
  readonly filter?: string;
  readonly includePoweredOff?: boolean;
  readonly includeTemplates?: boolean;
  readonly waveSize?: number;
  /** Merge into this runbook instead of drafting a new one. */
  readonly into?: { readonly text: string; readonly fileName: string };
}

interface OutcomeBase {
  /** `sheet 'vInfo'` or `the CSV file`. */
  readonly source: string;
  readonly selection: Selection;
  /** Notes on the columns (e.g. no In Use column). */
  readonly notes: readonly string[];
}

export interface NewRunbookOutcome extends OutcomeBase {
  readonly kind: 'new';
  readonly text: string;
  readonly added: readonly PlannedVm[];
  readonly waveCount: number;
}

export interface MergeOutcome extends OutcomeBase {
  readonly kind: 'merge';
  readonly merge: MergeResult;
}

export type ImportOutcome = NewRunbookOutcome | MergeOutcome;

export async function importRvtools(request: ImportRequest): Promise<ImportOutcome> {
  const waveSize = request.waveSize ?? DEFAULT_WAVE_SIZE;
  if (!Number.isInteger(waveSize) || waveSize < 1) throw new ImportError(`the wave size must be a whole number of at least 1 (got ${waveSize}).`);
  // The filter is checked before the (slower) read, so a typo fails fast.
  const filter = request.filter !== undefined ? parseFilter(request.filter) : undefined;
  const table = await readExport(request.bytes, request.fileName, { sheet: request.sheet });
  const columns = mapColumns(table, request.fileName);
  const source = `${table.source} of '${request.fileName}'`;
  const devices = request.sheet === undefined && table.source.startsWith('sheet ') ? await readDeviceFeatures(request.bytes, request.fileName) : undefined;
  const consumed = request.sheet === undefined && table.source.startsWith('sheet ') ? await readConsumedMemory(request.bytes, request.fileName) : undefined;
  const inventory = readInventory(table, columns).map((vm) => {
    const found = devices?.get(vm.name);
    const touched = consumed?.get(vm.name);
    const withDevices = found ? { ...vm, deviceFeatures: [...found] } : vm;
    return touched !== undefined ? { ...withDevices, consumedMemoryBytes: touched } : withDevices;
  });
  const selection = selectVms(inventory, { filter, includePoweredOff: request.includePoweredOff, includeTemplates: request.includeTemplates }, source);
  const notes: string[] = [];
  if (columns.index.inUse === undefined && columns.index.provisioned !== undefined) notes.push(`no 'In Use MiB' column: each disk's used size is taken as its provisioned size.`);
  if (columns.index.provisioned === undefined && columns.index.inUse === undefined) notes.push(`no 'Provisioned MiB' or 'In Use MiB' column: the VMs have no disk sizes.`);
  if (columns.index.powerState === undefined) notes.push(`no 'Powerstate' column: every VM is taken as powered on.`);

  if (request.into) {
    const merge = mergeIntoRunbook({ text: request.into.text, fileName: request.into.fileName, inventory, selected: selection.selected, waveSize });
    return { kind: 'merge', source, selection, notes, merge };
  }
  if (selection.selected.length === 0) {
    throw new ImportError(`${source}: no VMs left to import (${skippedSummary(selection)}); a runbook needs at least one VM.`);
  }
  const ids = new IdAllocator();
  const added = selection.selected.map((vm) => ({ id: ids.allocate(vm.name), vm }));
  const header = [`${added.length} VM${added.length === 1 ? '' : 's'} imported${request.filter ? ` with --filter '${request.filter}'` : ''}; ${skippedSummary(selection)}.`, ...notes];
  const sourceHosts = request.sheet === undefined && table.source.startsWith('sheet ') ? sourceHostsOf(await readHostFacts(request.bytes, request.fileName), added.map((p) => p.vm.host)) : undefined;
  const text = renderNewRunbook({ fileName: request.fileName, source: table.source, vms: added, waveSize, notes: header, sourceHosts });
  return { kind: 'new', source, selection, notes, text, added, waveCount: Math.ceil(added.length / waveSize) };
}

/**
 * The source site from the VMs' hosts in vHost: the oldest release among them (what every VM can
 * count on), and the EVC mode when they all run the same one (mixed modes: none, state it by hand).
 */
function sourceHostsOf(facts: ReadonlyMap<string, { release?: string; evc?: string }>, hosts: readonly (string | undefined)[]): { release?: string; evc?: string; hosts: number } | undefined {
  const known = [...new Set(hosts.filter((h): h is string => h !== undefined))].map((h) => facts.get(h)).filter((f): f is { release?: string; evc?: string } => f !== undefined);
  if (known.length === 0) return undefined;
  const releases = known.map((f) => f.release).filter((r): r is string => r !== undefined);
  const older = (r: string, a: string): boolean => {
    const x = parseVsphereVersion(r);
    const y = parseVsphereVersion(a);
    return x !== undefined && y !== undefined && compareVersions(x, y) < 0;
  };
  const oldest = releases.reduce<string | undefined>((a, r) => (a === undefined || older(r, a) ? r : a), undefined);
  const modes = new Set(known.map((f) => f.evc ?? ''));
  return { release: oldest, evc: modes.size === 1 && !modes.has('') ? [...modes][0] : undefined, hosts: known.length };
}

export function skippedSummary(selection: Selection): string {
  const parts: string[] = [];
  if (selection.poweredOff.length > 0) parts.push(`${selection.poweredOff.length} powered off or suspended skipped (--include-powered-off)`);
  if (selection.templates.length > 0) parts.push(`${selection.templates.length} template${selection.templates.length === 1 ? '' : 's'} skipped (--include-templates)`);
  if (selection.filteredOut.length > 0) parts.push(`${selection.filteredOut.length} not matching the filter`);
  return parts.length > 0 ? parts.join(', ') : 'none skipped';
}

/** The names of skipped VMs, one line each, for a detailed report. */
export function skippedLines(selection: Selection): string[] {
  const line = (vm: InventoryVm, why: string) => `row ${vm.rowNumber}: '${vm.name}' ${why}`;
  return [
    ...selection.templates.map((vm) => line(vm, 'is a template')),
    ...selection.poweredOff.map((vm) => line(vm, vm.powerState === 'off' ? 'is powered off' : 'is suspended')),
  ];
}

/** The summary lines both front ends show (counts first, then the details). */
export function summaryLines(outcome: ImportOutcome): string[] {
  const s = outcome.selection;
  const lines: string[] = [];
  if (outcome.kind === 'new') {
    lines.push(`${outcome.added.length} VM${outcome.added.length === 1 ? '' : 's'} imported from ${outcome.source} in ${outcome.waveCount} proposed wave${outcome.waveCount === 1 ? '' : 's'}; ${skippedSummary(s)}.`);
  } else {
    const m = outcome.merge;
    lines.push(
      `${m.added.length} added, ${m.updated.length} updated, ${m.unchanged} unchanged, ${m.disappeared.length} disappeared from the export (kept); ${skippedSummary(s)}.`,
    );
    if (m.newWaves.length > 0) lines.push(`New VMs are in new wave${m.newWaves.length === 1 ? '' : 's'} ${m.newWaves.map((w) => `'${w}'`).join(', ')} (no window yet).`);
    for (const u of m.updated) lines.push(`updated '${u.id}' (row ${u.rowNumber}): ${u.changes.join('; ')}`);
    for (const d of m.disappeared) lines.push(`not in the export any more: '${d.id}'${d.name !== undefined && d.name !== d.id ? ` (${d.name})` : ''}; kept, remove it by hand if it is gone`);
    lines.push(...m.warnings);
  }
  lines.push(...s.warnings, ...outcome.notes);
  return lines;
}

/** The import as the VS Code client runs it (shared/src/importApi.ts): the outcome as edits and lines. */
export async function importForEditor(request: EditorImportRequest): Promise<EditorImportOutcome> {
  const outcome = await importRvtools(request);
  const summary = summaryLines(outcome);
  const skipped = skippedLines(outcome.selection);
  return outcome.kind === 'new' ? { kind: 'new', text: outcome.text, summary, skipped } : { kind: 'merge', edits: outcome.merge.edits, summary, skipped };
}

// The editor's measured-migration commands share this bundle (dist/import.js).
export { calibrateForEditor, markStepForEditor, recordActualsForEditor } from './measured/editor';
