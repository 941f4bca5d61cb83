/**
 * Readers of measured migrations (issue 14; docs/actuals.md lists each format's columns and where
 * they were checked): the vSphere Client's task list export, PowerCLI `Get-Task | Export-Csv` and
 * `Get-VIEvent | Export-Csv`, and a plain documented CSV. `readMeasured` returns a MeasuredRecord
 * (shared/src/measured.ts) or throws a MeasuredError carrying the first problem with its 1-based
 * line: a record is used whole or not at all, never half-read.
 */
import { parse } from 'csv-parse/sync';
import type { MeasuredFormat, MeasuredMigration, MeasuredReadError, MeasuredRecord, MeasuredStatus } from '../../../shared/src/measured';
import { detectDelimiter } from '../readCsv';
import { parseTimeText, parseUtcOffset, toEpochMs, withOrder, zoneFormat, type DateOrder, type ParsedTime, type TimeBasis } from './localTime';

export class MeasuredError extends Error {
  constructor(readonly problem: MeasuredReadError, fileName: string) {
    super(`${fileName}${problem.row > 0 ? `:${problem.row}` : ''}: ${problem.message}`);
  }
}

export interface ReadMeasuredOptions {
  readonly format?: MeasuredFormat | 'auto';
  /** `-06:00`: the offset of the export's local times. */
  readonly utcOffset?: string;
  /** `America/Chicago`: the zone of the export's local times (DST handled by ICU). */
  readonly timeZone?: string;
  /** How `1/2/2026` reads, when the file itself does not settle it. */
  readonly dateOrder?: DateOrder;
}

interface Row {
  readonly line: number;
  readonly cells: readonly string[];
}

/** Each format's columns: the header names that identify it, and where each field is. */
interface Columns {
  readonly vm?: number;
  readonly start?: number;
  readonly end?: number;
  readonly status?: number;
  readonly name?: number;
  readonly description?: number;
  readonly error?: number;
  readonly bytes?: number;
  readonly stun?: number;
  readonly message?: number;
  readonly eventType?: number;
}

const norm = (h: string): string => h.trim().toLowerCase().replace(/[\s_.]+/g, ' ');

function columnOf(headers: readonly string[], ...names: string[]): number | undefined {
  const wanted = names.map(norm);
  const i = headers.findIndex((h) => wanted.includes(norm(h)));
  return i < 0 ? undefined : i;
}

/** Which reader a header calls for, and why (the header that decided it). */
export function detectFormat(headers: readonly string[]): { format: MeasuredFormat; because: string } | undefined {
  const has = (...names: string[]): boolean => columnOf(headers, ...names) !== undefined;
  if (has('Task Name') && has('Target') && has('Start Time')) return { format: 'vsphere-client-tasks', because: "columns 'Task Name', 'Target' and 'Start Time' (the vSphere Client's task list export)" };
  if (has('CreatedTime') && has('FullFormattedMessage')) return { format: 'powercli-event', because: "columns 'CreatedTime' and 'FullFormattedMessage' (PowerCLI Get-VIEvent | Export-Csv)" };
  if (has('StartTime') && has('FinishTime') && has('State')) return { format: 'powercli-task', because: "columns 'StartTime', 'FinishTime' and 'State' (PowerCLI Get-Task | Export-Csv)" };
  if (has('vm') && has('start')) return { format: 'plain', because: "columns 'vm' and 'start' (the plain CSV of docs/actuals.md)" };
  return undefined;
}

function table(text: string, fileName: string): { headers: string[]; headerLine: number; rows: Row[] } {
  const clean = text.replace(/^\uFEFF/, '');
  if (clean.trim() === '') throw new MeasuredError({ row: 0, message: 'the file is empty: no header row and no tasks' }, fileName);
  // Windows PowerShell 5.1's Export-Csv writes `#TYPE <type name>` first unless -NoTypeInformation.
  const lines = clean.split(/\r?\n/);
  let skip = 0;
  while (skip < lines.length && (lines[skip].trim() === '' || /^#TYPE\b/i.test(lines[skip]))) skip++;
  const headerText = lines[skip] ?? '';
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(clean, {
      delimiter: detectDelimiter(headerText),
      relax_column_count: true,
      relax_quotes: false,
      skip_empty_lines: true,
      from_line: skip + 1,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    const line = /line (\d+)/i.exec(detail)?.[1];
    throw new MeasuredError({ row: line ? Number(line) : 0, message: `not valid CSV: ${detail}` }, fileName);
  }
  const [header, ...data] = records.filter((r) => r.record.some((c) => c.trim() !== ''));
  if (!header) throw new MeasuredError({ row: 0, message: 'the file is empty: no header row and no tasks' }, fileName);
  return { headers: header.record.map((h) => h.trim()), headerLine: header.info.lines, rows: data.map((r) => ({ line: r.info.lines, cells: r.record })) };
}

function basisOf(options: ReadMeasuredOptions, fileName: string): TimeBasis | undefined {
  if (options.utcOffset !== undefined && options.timeZone !== undefined) throw new MeasuredError({ row: 0, message: 'give --utc-offset or --timezone, not both' }, fileName);
  if (options.utcOffset !== undefined) {
    const minutes = parseUtcOffset(options.utcOffset);
    if (minutes === undefined) throw new MeasuredError({ row: 0, message: `'${options.utcOffset}' is not a UTC offset (write e.g. -06:00 or +05:30)` }, fileName);
    return { kind: 'offset', minutes };
  }
  if (options.timeZone !== undefined) {
    if (!zoneFormat(options.timeZone)) throw new MeasuredError({ row: 0, message: `'${options.timeZone}' is not a time zone this system knows (an IANA name such as America/Chicago or Europe/Berlin)` }, fileName);
    return { kind: 'zone', zone: options.timeZone };
  }
  return undefined;
}

/** A cell's time, read later once the whole file's date order is known. */
interface PendingTime {
  readonly row: number;
  readonly column: string;
  readonly text: string;
  readonly parsed: ParsedTime;
}

class Times {
  private readonly pending: PendingTime[] = [];
  constructor(private readonly fileName: string) {}

  add(row: number, column: string, text: string): PendingTime {
    const parsed = parseTimeText(text);
    if (!parsed) throw new MeasuredError({ row, message: `${column} '${text}' is not a time this reader knows (ISO 8601 such as 2026-12-02T23:10:05, 12/2/2026 11:10:05 PM, or 02.12.2026 23:10:05)` }, this.fileName);
    const first = this.pending[0];
    if (first && first.parsed.shape !== parsed.shape) {
      throw new MeasuredError({ row, message: `${column} '${text}' is written differently from row ${first.row} ('${first.text}'): the file mixes date formats; export it again in one format` }, this.fileName);
    }
    const p = { row, column, text, parsed };
    this.pending.push(p);
    return p;
  }

  /** The date order all slashed dates allow (or the one given), else an error naming the rows. */
  order(given: DateOrder | undefined): DateOrder {
    const slashed = this.pending.filter((p) => p.parsed.shape === 'slash');
    if (slashed.length === 0) return given ?? 'ymd';
    let allowed: DateOrder[] = ['mdy', 'dmy'];
    let settledBy: PendingTime | undefined;
    for (const p of slashed) {
      const next = allowed.filter((o) => p.parsed.orders.includes(o));
      if (next.length === 0) {
        throw new MeasuredError({ row: p.row, message: `${p.column} '${p.text}' cannot be read in the same day/month order as row ${settledBy?.row ?? slashed[0].row} ('${(settledBy ?? slashed[0]).text}'): the file mixes date formats` }, this.fileName);
      }
      if (next.length < allowed.length) settledBy = p;
      allowed = next;
    }
    if (given) {
      if (!allowed.includes(given)) throw new MeasuredError({ row: settledBy?.row ?? 0, message: `--date-order ${given} does not fit '${settledBy?.text}' (it can only be ${allowed.join(' or ')})` }, this.fileName);
      return given;
    }
    if (allowed.length === 1) return allowed[0];
    throw new MeasuredError({ row: slashed[0].row, message: `every date in the file (e.g. '${slashed[0].text}') reads as month/day and as day/month: give --date-order mdy (US) or dmy` }, this.fileName);
  }

  epochMs(p: PendingTime, order: DateOrder, basis: TimeBasis | undefined): number {
    const result = toEpochMs(withOrder(p.parsed, order), basis);
    if ('error' in result) throw new MeasuredError({ row: p.row, message: `${p.column} '${p.text}' ${result.error}` }, this.fileName);
    return result.epochMs;
  }
}

interface Draft {
  readonly vm: string;
  readonly row: number;
  readonly start: PendingTime;
  readonly end?: PendingTime;
  readonly status: MeasuredStatus;
  readonly operation?: string;
  readonly error?: string;
  readonly bytes?: number;
  readonly stunSeconds?: number;
}

/** Task status words of the vSphere Client and PowerCLI (TaskInfoState: queued, running, success, error). */
function taskStatus(text: string): MeasuredStatus | 'queued' | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (/^(completed|success|succeeded|successful|ok|done)\b/.test(t)) return 'succeeded';
  if (/^cancel/.test(t) || /\bcancel(l)?ed\b/.test(t)) return 'cancelled';
  if (/^(running|in progress|\d+\s*%)/.test(t)) return 'running';
  if (/^queued/.test(t)) return 'queued';
  return 'failed';
}

/** Task names that move a VM (RelocateVM_Task, MigrateVM_Task and what the client calls them), not checks. */
function isMigrationTask(name: string): boolean {
  const t = name.toLowerCase();
  if (/check|estimate|validate|initiate vmotion/.test(t)) return false;
  return /relocate|migrat|vmotion/.test(t);
}

function cell(row: Row, column: number | undefined): string {
  return column === undefined ? '' : (row.cells[column] ?? '').trim();
}

function requireColumns(headers: readonly string[], headerLine: number, fileName: string, format: string, needed: Record<string, number | undefined>, hint = ''): void {
  const missing = Object.entries(needed).filter(([, i]) => i === undefined).map(([n]) => `'${n}'`);
  if (missing.length > 0) {
    throw new MeasuredError({ row: headerLine, message: `the ${format} has no ${missing.join(', ')} column (columns: ${headers.map((h) => `'${h}'`).join(', ')})${hint}` }, fileName);
  }
}

function checkWidth(row: Row, needed: readonly (number | undefined)[], headerWidth: number, fileName: string): void {
  const last = Math.max(...needed.filter((n): n is number => n !== undefined));
  if (row.cells.length <= last) {
    throw new MeasuredError({ row: row.line, message: `has ${row.cells.length} field${row.cells.length === 1 ? '' : 's'}, the header ${headerWidth}: a truncated row, or a different delimiter than the header's?` }, fileName);
  }
}

export function readMeasured(text: string, fileName: string, options: ReadMeasuredOptions = {}): MeasuredRecord {
  const basis = basisOf(options, fileName);
  const { headers, headerLine, rows } = table(text, fileName);
  const detected = detectFormat(headers);
  const format = options.format && options.format !== 'auto' ? options.format : detected?.format;
  if (!format) {
    const oneColumn = headers.length === 1 && /[;,\t]/.test(headers[0]);
    throw new MeasuredError({ row: headerLine, message: oneColumn
      ? `the header is one column ('${headers[0]}'): a delimiter this reader does not detect? (comma, semicolon and tab are read)`
      : `not a record this reader knows (columns: ${headers.map((h) => `'${h}'`).join(', ')}); the formats and their columns are in docs/actuals.md, or use the plain CSV: vm,start,end` }, fileName);
  }
  const times = new Times(fileName);
  const unused: { row: number; reason: string }[] = [];
  const events: { vm: string; at: PendingTime; row: number; kind: EventKind; message: string }[] = [];
  const drafts: Draft[] = [];
  const width = headers.length;

  if (format === 'vsphere-client-tasks' || format === 'powercli-task') {
    const client = format === 'vsphere-client-tasks';
    const c: Columns = client
      ? { name: columnOf(headers, 'Task Name', 'Name'), vm: columnOf(headers, 'Target', 'Entity'), status: columnOf(headers, 'Status', 'State'), start: columnOf(headers, 'Start Time'), end: columnOf(headers, 'Completion Time', 'Completed Time', 'End Time'), error: columnOf(headers, 'Details') }
      : { name: columnOf(headers, 'Name'), description: columnOf(headers, 'Description'), vm: columnOf(headers, 'EntityName', 'Entity', 'VM', 'Target', 'VMName'), status: columnOf(headers, 'State'), start: columnOf(headers, 'StartTime'), end: columnOf(headers, 'FinishTime'), error: columnOf(headers, 'Error', 'ErrorMessage') };
    const label = client ? 'task list export' : 'Get-Task export';
    requireColumns(headers, headerLine, fileName, label, client
      ? { 'Task Name': c.name, Target: c.vm, Status: c.status, 'Start Time': c.start, 'Completion Time': c.end }
      : { Name: c.name, State: c.status, StartTime: c.start, FinishTime: c.end, EntityName: c.vm },
    client ? '' : ": Get-Task has no VM name of its own; export it with Select-Object Name,Description,State,StartTime,FinishTime,@{N='EntityName';E={$_.ExtensionData.Info.EntityName}}");
    for (const row of rows) {
      const name = cell(row, c.name);
      const description = cell(row, c.description);
      if (!isMigrationTask(`${name} ${description}`)) { unused.push({ row: row.line, reason: `not a migration task ('${name || description}')` }); continue; }
      checkWidth(row, [c.name, c.vm, c.status, c.start], width, fileName);
      const vm = cell(row, c.vm);
      const statusText = cell(row, c.status);
      const status = taskStatus(statusText);
      if (!vm) throw new MeasuredError({ row: row.line, message: `a migration task ('${name}') without a target VM` }, fileName);
      if (status === undefined) throw new MeasuredError({ row: row.line, message: `the task of '${vm}' has no status` }, fileName);
      if (status === 'queued') { unused.push({ row: row.line, reason: `'${vm}' queued, not started` }); continue; }
      const startText = cell(row, c.start);
      if (!startText) throw new MeasuredError({ row: row.line, message: `the task of '${vm}' has no start time` }, fileName);
      const start = times.add(row.line, client ? 'Start Time' : 'StartTime', startText);
      const endText = cell(row, c.end);
      const end = endText && status !== 'running' ? times.add(row.line, client ? 'Completion Time' : 'FinishTime', endText) : undefined;
      if (status === 'succeeded' && !end) throw new MeasuredError({ row: row.line, message: `the task of '${vm}' completed but has no completion time` }, fileName);
      const error = status === 'failed' || status === 'cancelled' ? (cell(row, c.error) || statusText) : undefined;
      drafts.push({ vm, row: row.line, start, end, status, operation: description || name, error });
    }
  } else if (format === 'powercli-event') {
    const c: Columns = { start: columnOf(headers, 'CreatedTime'), message: columnOf(headers, 'FullFormattedMessage'), vm: columnOf(headers, 'VM', 'VMName', 'Vm Name', 'Entity'), eventType: columnOf(headers, 'EventType', 'Type', 'TypeName') };
    for (const row of rows) {
      checkWidth(row, [c.start, c.message], width, fileName);
      const message = cell(row, c.message);
      const given = cell(row, c.eventType);
      const kind = eventKind(given, message);
      if (!kind) { unused.push({ row: row.line, reason: `not a migration event${given ? ` ('${given}')` : ''}` }); continue; }
      let vm = cell(row, c.vm);
      // Export-Csv writes a nested object as its type name: the VM column is then no name at all.
      if (!vm || /^VMware\./.test(vm)) vm = kind.vmFromMessage ?? '';
      if (!vm) throw new MeasuredError({ row: row.line, message: `a migration event whose VM cannot be told: add a VM column (Select-Object CreatedTime,FullFormattedMessage,@{N='VM';E={$_.Vm.Name}},@{N='EventType';E={$_.GetType().Name}})` }, fileName);
      events.push({ vm, at: times.add(row.line, 'CreatedTime', cell(row, c.start)), row: row.line, kind, message });
    }
  } else {
    const c: Columns = { vm: columnOf(headers, 'vm', 'name', 'vm name'), start: columnOf(headers, 'start'), end: columnOf(headers, 'end'), status: columnOf(headers, 'status'), bytes: columnOf(headers, 'bytes'), stun: columnOf(headers, 'stun', 'stun seconds', 'switchover') };
    requireColumns(headers, headerLine, fileName, 'plain CSV', { vm: c.vm, start: c.start });
    for (const row of rows) {
      checkWidth(row, [c.vm, c.start], width, fileName);
      const vm = cell(row, c.vm);
      if (!vm) throw new MeasuredError({ row: row.line, message: 'no vm' }, fileName);
      const startText = cell(row, c.start);
      if (!startText) throw new MeasuredError({ row: row.line, message: `'${vm}' has no start` }, fileName);
      const start = times.add(row.line, 'start', startText);
      const endText = cell(row, c.end);
      const end = endText ? times.add(row.line, 'end', endText) : undefined;
      const statusText = cell(row, c.status);
      const status = statusText ? taskStatus(statusText) : end ? 'succeeded' : 'running';
      if (status === undefined || status === 'queued') { unused.push({ row: row.line, reason: `'${vm}' ${statusText || 'not started'}` }); continue; }
      if (status === 'succeeded' && !end) throw new MeasuredError({ row: row.line, message: `'${vm}' succeeded but has no end` }, fileName);
      const bytesText = cell(row, c.bytes);
      const stunText = cell(row, c.stun);
      const bytes = bytesText ? Number(bytesText) : undefined;
      const stunSeconds = stunText ? Number(stunText.replace(/\s*s$/i, '')) : undefined;
      if (bytes !== undefined && !(Number.isFinite(bytes) && bytes >= 0)) throw new MeasuredError({ row: row.line, message: `bytes '${bytesText}' is not a number of bytes` }, fileName);
      if (stunSeconds !== undefined && !(Number.isFinite(stunSeconds) && stunSeconds >= 0)) throw new MeasuredError({ row: row.line, message: `stun '${stunText}' is not a number of seconds` }, fileName);
      drafts.push({ vm, row: row.line, start, end, status, bytes, stunSeconds, error: status === 'failed' || status === 'cancelled' ? statusText : undefined });
    }
  }

  const order = times.order(options.dateOrder);
  const migrations: MeasuredMigration[] = [];
  // Events pair in time order per VM (Get-VIEvent lists newest first): a start opens a move, the
  // next end or failure of that VM closes it; an end with no start is not used; an open start runs.
  const byVm = new Map<string, { at: number; e: (typeof events)[number] }[]>();
  for (const e of events) {
    const list = byVm.get(e.vm) ?? [];
    list.push({ at: times.epochMs(e.at, order, basis), e });
    byVm.set(e.vm, list);
  }
  for (const [vm, list] of byVm) {
    list.sort((a, b) => a.at - b.at || (a.e.kind.phase === 'start' ? -1 : 1));
    let open: (typeof list)[number] | undefined;
    for (const item of list) {
      if (item.e.kind.phase === 'start') {
        if (open) unused.push({ row: open.e.row, reason: `'${vm}' started again before this move ended` });
        open = item;
        continue;
      }
      if (!open) { unused.push({ row: item.e.row, reason: `'${vm}' ${item.e.kind.phase === 'failed' ? 'failed' : 'migrated'} with no start event in the file` }); continue; }
      const failed = item.e.kind.phase === 'failed';
      migrations.push({ vm, startEpochMs: open.at, endEpochMs: item.at, status: failed ? 'failed' : 'succeeded', row: item.e.row, operation: open.e.kind.type, ...(failed ? { error: item.e.message } : {}) });
      open = undefined;
    }
    if (open) migrations.push({ vm, startEpochMs: open.at, status: 'running', row: open.e.row, operation: open.e.kind.type });
  }
  for (const d of drafts) {
    const startEpochMs = times.epochMs(d.start, order, basis);
    const endEpochMs = d.end ? times.epochMs(d.end, order, basis) : undefined;
    if (endEpochMs !== undefined && endEpochMs < startEpochMs) throw new MeasuredError({ row: d.row, message: `'${d.vm}' ends (${d.end?.text}) before it starts (${d.start.text})` }, fileName);
    migrations.push({
      vm: d.vm, startEpochMs, endEpochMs, status: d.status, row: d.row,
      ...(d.operation ? { operation: d.operation } : {}), ...(d.error ? { error: d.error } : {}),
      ...(d.bytes !== undefined ? { bytes: d.bytes } : {}), ...(d.stunSeconds !== undefined ? { stunSeconds: d.stunSeconds } : {}),
    });
  }
  migrations.sort((a, b) => a.startEpochMs - b.startEpochMs || a.row - b.row);
  return { format, source: fileName, migrations, unused };
}

interface EventKind {
  readonly phase: 'start' | 'end' | 'failed';
  readonly type: string;
  readonly vmFromMessage?: string;
}

/**
 * Migration events by type name (an EventType column) or by vCenter's English message templates
 * (vim.event.* catalogue: "Migrating {vm} from ...", "Migration of virtual machine {vm} from ...
 * completed", "Failed to migrate {vm} from ...", "Relocating {vm} from ...", "Completed the
 * relocation of the virtual machine", "Failed to relocate {vm} ..."). Other locales need the columns.
 */
export function eventKind(type: string, message: string): EventKind | undefined {
  const t = type.replace(/^VMware\.Vim\./, '');
  if (t) {
    if (/^Vm(Being(Hot)?Migrated|BeingRelocated|EmigratingEvent)/.test(t)) return { phase: 'start', type: t, vmFromMessage: vmFromMessage(message) };
    if (/^(Vm|Drs)VmMigratedEvent$|^VmMigratedEvent$|^VmRelocatedEvent$|^DrsVmMigratedEvent$/.test(t)) return { phase: 'end', type: t, vmFromMessage: vmFromMessage(message) };
    if (/^Vm(Failed(Migrate|Relocate)|RelocateFailed)Event$/.test(t)) return { phase: 'failed', type: t, vmFromMessage: vmFromMessage(message) };
    if (/Migrat|Relocat/.test(t)) return undefined;
  }
  let m = /^(?:Hot )?Migrating (.+?) (?:off host|from) /.exec(message);
  if (m) return { phase: 'start', type: 'VmBeingHotMigratedEvent', vmFromMessage: m[1] };
  m = /^Relocating (.+?) (?:from|in) /.exec(message);
  if (m) return { phase: 'start', type: 'VmBeingRelocatedEvent', vmFromMessage: m[1] };
  m = /^Migration of virtual machine (.+?) from .* completed/.exec(message);
  if (m) return { phase: 'end', type: 'VmMigratedEvent', vmFromMessage: m[1] };
  m = /^Virtual machine (.+?) (?:was )?relocated from /.exec(message);
  if (m) return { phase: 'end', type: 'VmRelocatedEvent', vmFromMessage: m[1] };
  if (/^Completed the relocation of the virtual machine/.test(message)) return { phase: 'end', type: 'VmRelocatedEvent' };
  m = /^Failed to (?:migrate|relocate) (.+?) (?:from|to|in) /.exec(message);
  if (m) return { phase: 'failed', type: 'VmFailedMigrateEvent', vmFromMessage: m[1] };
  return undefined;
}

function vmFromMessage(message: string): string | undefined {
  return /^(?:Hot )?Migrating (.+?) (?:off host|from) /.exec(message)?.[1]
    ?? /^Relocating (.+?) (?:from|in) /.exec(message)?.[1]
    ?? /^Migration of virtual machine (.+?) from /.exec(message)?.[1]
    ?? /^Failed to (?:migrate|relocate) (.+?) (?:from|to|in) /.exec(message)?.[1];
}
