/**
 * `runbook actuals PLAN --from EXPORT`: reads a record of what happened (a vSphere Client task list
 * export, PowerCLI Get-Task / Get-VIEvent output, or the plain CSV; import/src/measured), matches
 * its migrations to the plan's VMs and merges them into the plan's actuals file (night.runbook.yaml
 * -> night.actuals.yaml) as a minimal edit. Idempotent: a longer export adds only what is new. Any
 * problem reading the export: its row, exit 2, nothing written (docs/actuals.md).
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../server/src/engine/analyze';
import { mergeActuals } from '../../server/src/engine/actuals/mergeActuals';
import { MeasuredError, readMeasured } from '../../import/src/measured/index';
import { parseUtcOffset, zoneFormat, zoneOffsetMinutes, type DateOrder } from '../../import/src/measured/localTime';
import { matchMeasured, unmatchedText } from '../../import/src/measured/match';
import { actualsFileName, type ActualMigration, type MeasuredFormat, type MeasuredRecord } from '../../shared/src/measured';
import { InputError, readRunbook, UsageError, usageErrorFrom } from './files';
import { writeFileAtomic } from './import';
import type { CliIo } from './io';
import { TOOL_NAME } from './product';
import { safe } from './terminal';

export const MEASURED_FORMATS: readonly MeasuredFormat[] = ['vsphere-client-tasks', 'powercli-task', 'powercli-event', 'plain'];

export const ACTUALS_HELP = `Usage: runbook actuals PLAN --from EXPORT [--utc-offset ±HH:MM | --timezone ZONE] [options]

Records what happened: reads the migrations of a vCenter export (the vSphere Client's task list
export, PowerCLI Get-Task or Get-VIEvent saved with Export-Csv, or a plain CSV vm,start,end), matches
them to PLAN's VMs and merges them into PLAN's actuals file (night.runbook.yaml -> night.actuals.yaml).
Running it again with a longer export adds only what is new. Exports write local times without an
offset: give the offset or the zone they were written in (never guessed).

Options:
      --from <path>          the export to read (required)
      --utc-offset <±HH:MM>  the export's UTC offset, e.g. -06:00
      --timezone <zone>      the export's time zone, e.g. America/Chicago (daylight saving from the system's ICU data)
      --date-order <order>   mdy or dmy, when the file's dates read both ways (e.g. 12/02/2026)
      --format <fmt>         ${MEASURED_FORMATS.join(', ')} (default: from the header)
      --out <path>           the actuals file to write (default: PLAN's)
      --dry-run              say what would change; write nothing
  -h, --help                 show this help

Exit codes: 0 written (or nothing new), 1 written but some migrations match no VM of PLAN (listed),
2 usage or input problem (nothing written).
`;

interface ActualsArgs {
  readonly help: boolean;
  readonly plan?: string;
  readonly from?: string;
  readonly format?: MeasuredFormat;
  readonly utcOffset?: string;
  readonly timeZone?: string;
  readonly dateOrder?: DateOrder;
  readonly out?: string;
  readonly dryRun: boolean;
}

/** `--utc-offset -06:00` as one option: parseArgs would take `-06:00` for an option of its own. */
export function joinNegativeOffsets(args: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--utc-offset' && i + 1 < args.length && /^-\d/.test(args[i + 1])) out.push(`--utc-offset=${args[++i]}`);
    else out.push(args[i]);
  }
  return out;
}

/** The reader's options from the command line (`--format`, `--utc-offset`, `--timezone`, `--date-order`), checked. */
export function readOptionsFrom(v: { readonly format?: string; readonly 'utc-offset'?: string; readonly timezone?: string; readonly 'date-order'?: string }): { format?: MeasuredFormat; utcOffset?: string; timeZone?: string; dateOrder?: DateOrder } {
  const format = v.format === undefined || v.format === 'auto' ? undefined : MEASURED_FORMATS.find((f) => f === v.format);
  if (v.format !== undefined && v.format !== 'auto' && !format) throw new UsageError(`unknown format '${v.format}' (formats: auto, ${MEASURED_FORMATS.join(', ')})`);
  if (v['utc-offset'] !== undefined && v.timezone !== undefined) throw new UsageError('give --utc-offset or --timezone, not both');
  const dateOrder = v['date-order'];
  if (dateOrder !== undefined && dateOrder !== 'mdy' && dateOrder !== 'dmy') throw new UsageError(`--date-order is mdy or dmy (got '${dateOrder}')`);
  return { format, utcOffset: v['utc-offset'], timeZone: v.timezone, dateOrder };
}

function parseActualsArgs(args: readonly string[]): ActualsArgs {
  const options = {
    from: { type: 'string' }, format: { type: 'string', short: 'f' }, 'utc-offset': { type: 'string' }, timezone: { type: 'string' },
    'date-order': { type: 'string' }, out: { type: 'string', short: 'o' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeOffsets(args), allowPositionals: true, strict: true, options });
  } catch (error) {
    throw usageErrorFrom(error, options);
  }
  const v = parsed.values;
  if (v.help === true) return { help: true, dryRun: false };
  if (parsed.positionals.length !== 1) throw new UsageError(`actuals needs exactly one PLAN (got ${parsed.positionals.length})`);
  if (!v.from) throw new UsageError('actuals needs --from EXPORT (the task list export or PowerCLI CSV to read)');
  const read = readOptionsFrom(v);
  return { help: false, plan: parsed.positionals[0], from: v.from, ...read, out: v.out, dryRun: v['dry-run'] === true };
}

/** Reads the export with the CLI's options; a MeasuredError becomes an InputError naming the row. */
export function readExportFile(path: string, io: CliIo, options: { format?: MeasuredFormat; utcOffset?: string; timeZone?: string; dateOrder?: DateOrder }): MeasuredRecord {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'unreadable';
    throw new InputError(`cannot read '${path}' (${code})`);
  }
  try {
    return readMeasured(text, path, options);
  } catch (error) {
    if (error instanceof MeasuredError) throw new InputError(error.message);
    throw error;
  }
}

/** Offset to write each instant with: the export's, else the plan's first wave's. */
export function writingOffset(options: { utcOffset?: string; timeZone?: string }, planOffsetMinutes: number): (epochMs: number) => number {
  if (options.utcOffset !== undefined) {
    const minutes = parseUtcOffset(options.utcOffset) ?? planOffsetMinutes;
    return () => minutes;
  }
  const format = options.timeZone ? zoneFormat(options.timeZone) : undefined;
  if (format) return (epochMs) => zoneOffsetMinutes(format, epochMs);
  return () => planOffsetMinutes;
}

export function actuals(args: readonly string[], io: CliIo, write: (path: string, text: string) => void = (p, t) => writeFileAtomic(resolvePath(io.cwd, p), t)): number {
  try {
    return run(args, io, write);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr.write(`${TOOL_NAME}: ${safe(error.message)}\n`);
    return 2;
  }
}

function run(args: readonly string[], io: CliIo, write: (path: string, text: string) => void): number {
  const opts = parseActualsArgs(args);
  if (opts.help) {
    io.stdout.write(ACTUALS_HELP);
    return 0;
  }
  const plan = opts.plan as string;
  const text = readRunbook(plan, io);
  const analysis = analyze(text);
  const record = readExportFile(opts.from as string, io, opts);
  const match = matchMeasured(record, analysis.model);
  const outPath = opts.out ?? join(dirname(plan), actualsFileName(basename(plan)));
  let existing: string | undefined;
  if (existsSync(resolvePath(io.cwd, outPath))) {
    try {
      existing = io.readFile(outPath);
    } catch {
      throw new InputError(`cannot read '${outPath}'`);
    }
  }
  const source = basename(opts.from as string);
  const migrations: ActualMigration[] = match.matched.map(({ migration: m, vmId }) => ({
    vm: vmId, startEpochMs: m.startEpochMs, endEpochMs: m.endEpochMs, status: m.status, source: `${source} row ${m.row}`,
  }));
  let merged;
  try {
    merged = mergeActuals(existing, { migrations }, { runbookFileName: basename(plan), offsetMinutesAt: writingOffset(opts, analysis.estimate.schedule.waves[0]?.utcOffsetMinutes ?? 0) });
  } catch (error) {
    throw new InputError(`${outPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const counts = { succeeded: 0, failed: 0, cancelled: 0, running: 0 };
  for (const m of record.migrations) counts[m.status]++;
  const out = io.stdout;
  out.write(`${safe(source)}: ${record.format} export, ${record.migrations.length} migration${record.migrations.length === 1 ? '' : 's'} (${counts.succeeded} succeeded, ${counts.failed} failed, ${counts.cancelled} cancelled, ${counts.running} running)\n`);
  if (record.unused.length > 0) {
    out.write(`  not migrations, not used: ${record.unused.length} row${record.unused.length === 1 ? '' : 's'}\n`);
    for (const u of record.unused.slice(0, 10)) out.write(`    row ${u.row}: ${safe(u.reason)}\n`);
    if (record.unused.length > 10) out.write(`    ... and ${record.unused.length - 10} more\n`);
  }
  if (match.unmatched.length > 0) {
    out.write(`  not a VM of ${safe(basename(plan))}, not recorded: ${match.unmatched.length}\n`);
    for (const u of match.unmatched) out.write(`    ${safe(unmatchedText(u))}\n`);
  }
  const changed = merged.text !== (existing ?? '');
  out.write(`${opts.dryRun ? 'would write' : changed ? 'wrote' : 'unchanged:'} ${safe(outPath)}: ${merged.added} added, ${merged.updated} updated, ${merged.unchanged} already recorded\n`);
  if (!opts.dryRun && changed) {
    try {
      write(outPath, merged.text);
    } catch (error) {
      const code = typeof error === 'object' && error !== null && 'code' in error ? ` (${String((error as { code: unknown }).code)})` : '';
      throw new InputError(`cannot write '${outPath}'${code}`);
    }
  }
  return match.unmatched.length > 0 ? 1 : 0;
}
