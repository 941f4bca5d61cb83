/**
 * `runbook timeline FILE --out plan.svg|plan.html|plan.csv`: the timeline export, the same renderers
 * as the editor's "Export Timeline" (shared/src/timeline/). The format comes from the extension
 * unless `--format` names one. Findings go to stderr, as for `estimate`.
 */
import { writeFileSync } from 'node:fs';
import { basename, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { EXPORT_FORMATS, exportFormatOf, renderExport, type ExportFormat } from '../../shared/src/timeline/index';
import { computeWhatIf } from '../../server/src/service/whatIf';
import { InputError, readRunbook, UsageError, usageErrorFrom } from './files';
import type { CliIo } from './io';
import { analyseToStderr } from './singleFile';
import { TOOL_NAME } from './product';
import { safe } from './terminal';

export const TIMELINE_HELP = `Usage: runbook timeline FILE --out PLAN.svg|PLAN.html|PLAN.csv [--format svg|html|csv]

Exports the plan's timeline: an SVG chart, a standalone HTML page (the chart and a table, no
scripts, nothing fetched), or CSV with one row per VM phase and ISO 8601 times in each window's
own UTC offset. The format comes from the extension of --out unless --format is given.

Options:
  -o, --out <path>       file to write (required)
  -f, --format <fmt>     svg, html or csv (default: from the extension of --out)
  -h, --help             show this help

Exit codes: 0 written, 1 written but the runbook has errors, 2 usage or input/output problem.
`;

export interface TimelineArgs {
  readonly help: boolean;
  readonly file?: string;
  readonly out?: string;
  readonly format?: ExportFormat;
}

export function parseTimelineArgs(args: readonly string[]): TimelineArgs {
  let parsed;
  const options = { out: { type: 'string', short: 'o' }, format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } as const;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw usageErrorFrom(error, options);
  }
  if (parsed.values.help === true) return { help: true };
  if (parsed.positionals.length !== 1) throw new UsageError(`timeline needs exactly one FILE (got ${parsed.positionals.length})`);
  const out = parsed.values.out;
  if (typeof out !== 'string' || out === '') throw new UsageError('timeline needs --out PATH (plan.svg, plan.html or plan.csv)');
  const given = parsed.values.format;
  let format: ExportFormat | undefined;
  if (given !== undefined) {
    format = EXPORT_FORMATS.find((f) => f === given);
    if (!format) throw new UsageError(`unknown format '${String(given)}' (formats: ${EXPORT_FORMATS.join(', ')})`);
  } else {
    format = exportFormatOf(out);
    if (!format) throw new UsageError(`cannot tell the format of '${out}': name it .svg, .html or .csv, or give --format`);
  }
  return { help: false, file: parsed.positionals[0], out, format };
}

/** Runs the command; a UsageError propagates to main's handler (exit 2), input/output problems exit 2 here. */
export function timeline(args: readonly string[], io: CliIo, write: (path: string, text: string) => void = defaultWrite(io)): number {
  try {
    return run(args, io, write);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr.write(`${TOOL_NAME}: ${safe(error.message)}\n`);
    return 2;
  }
}

function run(args: readonly string[], io: CliIo, write: (path: string, text: string) => void): number {
  const opts = parseTimelineArgs(args);
  if (opts.help) {
    io.stdout.write(TIMELINE_HELP);
    return 0;
  }
  const path = opts.file as string;
  const text = readRunbook(path, io);
  const { report, counts } = analyseToStderr(path, text, io);
  if (!report.analysis) return 2;
  const whatIf = computeWhatIf(path, 0, report.analysis, {});
  const output = renderExport(opts.format as ExportFormat, whatIf.schedule, { details: whatIf.details, fallbackTitle: basename(path) });
  try {
    write(opts.out as string, output);
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? ` (${String((error as { code: unknown }).code)})` : '';
    throw new InputError(`cannot write '${opts.out}'${code}`);
  }
  const waves = whatIf.schedule.waves.length;
  const vms = whatIf.schedule.vms.length;
  io.stderr.write(`wrote ${safe(opts.out as string)} (${waves} ${waves === 1 ? 'wave' : 'waves'}, ${vms} ${vms === 1 ? 'VM' : 'VMs'})\n`);
  return counts.errors > 0 ? 1 : 0;
}

function defaultWrite(io: CliIo): (path: string, text: string) => void {
  return (path, text) => writeFileSync(resolvePath(io.cwd, path), text, 'utf8');
}
