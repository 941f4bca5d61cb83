/**
 * The `runbook` command: argument parsing (node's built-in util.parseArgs) and the commands.
 * `main` returns the exit code and does its I/O through `io`, so tests run it in-process.
 *
 * Exit codes: 0 no error findings; 1 some error finding; 2 usage or input problem, or an internal
 * error on some file.
 */
import { parseArgs } from 'node:util';
import { estimateText } from './estimateCommand';
import { DEFAULT_MAX_BYTES, expandArgument, InputError, readRunbook, UsageError, usageErrorFrom } from './files';
import { formatJsonReport } from './formatJson';
import { formatSarifReport } from './formatSarif';
import { formatTextReport } from './formatText';
import { IMPORT_HELP, importCommand } from './import';
import type { CliIo } from './io';
import { loadServer } from './lsp';
import { TOOL_NAME, TOOL_VERSION } from './product';
import { reportFile, type FileReport } from './report';
import { analyze } from '../../server/src/engine/analyze';
import { painter, safe } from './terminal';
import { timeline, TIMELINE_HELP } from './timelineCommand';
import { status, STATUS_HELP } from './status';
import { actuals, ACTUALS_HELP } from './actualsCommand';
import { calibrate, CALIBRATE_HELP } from './calibrateCommand';

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const MAIN_HELP = `Usage: runbook <command> [options]

Validate migration runbooks (*.runbook.yaml) and estimate their timings.

Commands:
  check [--format text|json|sarif] FILES...   report problems, like a compiler
  estimate [--format text|json] FILE          per-wave and per-VM timing estimate
  timeline FILE --out plan.svg|.html|.csv     export the timeline chart or its CSV
  calibrate PLAN --from EXPORT [--link ID]    fit a link's calibration to measured pilot moves
  actuals PLAN --from EXPORT [--utc-offset]   record what happened from a vCenter task export
  status PLAN [--actuals FILE] [--now ISO]     progress and re-forecast of a running migration
  import rvtools EXPORT [--into FILE]         VMs from an RVTools export into a runbook
  lsp --stdio                                 run the language server over stdio

Options:
  -h, --help       show help (also: runbook <command> --help)
  -v, --version    print the version
      --debug      print the stack trace of an internal error

Exit codes: 0 no errors, 1 error findings, 2 usage or input problem.
`;

const CHECK_HELP = `Usage: runbook check [--format text|json|sarif] FILES...

Checks each runbook and prints one line per finding:
  file:line:column severity code message
then a summary. FILES may be patterns ('samples/*.runbook.yaml', 'plans/**/*.yaml').

Options:
  -f, --format <text|json|sarif>   output format (default: text)
      --max-bytes <N>              skip files above N bytes as an input problem
                                   (default 8388608, the editor's runbook.maxDocumentBytes)
      --now                        the plan starts now, whatever its start: says
                                   (disaster avoidance: is the deadline still met?)
  -h, --help                       show this help

Exit codes: 0 no errors (warnings allowed), 1 some error, 2 usage or input problem
(missing, unreadable, empty, non-UTF-8 or too large file, a directory, a pattern matching
nothing) or internal error.
`;

const ESTIMATE_HELP = `Usage: runbook estimate [--format text|json] FILE

Estimates how long each VM and each wave takes, and whether waves fit their windows.
Times are shown in each window's own UTC offset.

Options:
  -f, --format <text|json>   output format (default: text)
      --max-bytes <N>        refuse a file above N bytes (default 8388608)
      --now                  the plan starts now, whatever its start: says
  -h, --help                 show this help

Exit codes: 0 no errors, 1 the runbook has errors (the estimate is still printed),
2 usage or input problem.
`;

const LSP_HELP = `Usage: runbook lsp --stdio

Runs the Migration Runbooks language server, talking LSP over stdin/stdout.
`;

const HELP: Readonly<Record<string, string>> = { check: CHECK_HELP, estimate: ESTIMATE_HELP, timeline: TIMELINE_HELP, status: STATUS_HELP, actuals: ACTUALS_HELP, calibrate: CALIBRATE_HELP, import: IMPORT_HELP, lsp: LSP_HELP };

/** One line on stderr: `runbook: <message>`; untrusted parts are escaped. */
function fail(io: CliIo, message: string, hint?: string): number {
  io.stderr.write(`${TOOL_NAME}: ${safe(message)}\n`);
  if (hint) io.stderr.write(`${hint}\n`);
  return EXIT_USAGE;
}

export function main(argv: readonly string[], io: CliIo): number {
  // `--debug` anywhere: an internal error also prints its stack trace (for a bug report).
  const debug = argv.includes('--debug');
  try {
    return run(debug ? argv.filter((a) => a !== '--debug') : argv, io);
  } catch (error) {
    if (error instanceof UsageError) return fail(io, error.message, `Try '${TOOL_NAME} --help'.`);
    return internalError(io, error, debug);
  }
}

/** Last resort: one line, never a stack trace unless `--debug`, but enough to report it. */
function internalError(io: CliIo, error: unknown, debug: boolean): number {
  const code = fail(io, `internal error: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}${debug ? '' : ' (run with --debug for the stack trace)'}`);
  if (debug && error instanceof Error && error.stack) io.stderr.write(`${safe(error.stack).replace(/\\n/g, '\n')}\n`);
  return code;
}

/**
 * The command line's entry point: `main`, plus the commands that finish asynchronously (`import`
 * reads workbooks through ExcelJS's Promise API).
 */
export async function mainAsync(argv: readonly string[], io: CliIo): Promise<number> {
  const debug = argv.includes('--debug');
  const args = debug ? argv.filter((a) => a !== '--debug') : argv;
  if (args[0] !== 'import') return main(argv, io);
  try {
    return await importCommand(args.slice(1), io);
  } catch (error) {
    if (error instanceof UsageError) return fail(io, error.message, `Try '${TOOL_NAME} import --help'.`);
    return internalError(io, error, debug);
  }
}

function run(argv: readonly string[], io: CliIo): number {
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.stderr.write(MAIN_HELP);
    return EXIT_USAGE;
  }
  switch (command) {
    case '-h':
    case '--help':
    case 'help':
      if (rest[0] !== undefined && HELP[rest[0]] === undefined) throw new UsageError(`unknown command '${rest[0]}'`);
      io.stdout.write(rest[0] !== undefined ? HELP[rest[0]] : MAIN_HELP);
      return EXIT_OK;
    case '-v':
    case '--version':
    case 'version':
      io.stdout.write(`${TOOL_NAME} ${TOOL_VERSION}\n`);
      return EXIT_OK;
    case 'check':
      return check(rest, io);
    case 'estimate':
      return estimate(rest, io);
    case 'timeline':
      return timeline(rest, io);
    case 'status':
      return status(rest, io);
    case 'actuals':
      return actuals(rest, io);
    case 'calibrate':
      return calibrate(rest, io);
    case 'lsp':
      return lsp(rest, io);
    case 'import':
      // Only mainAsync can wait for it (cli.ts uses mainAsync).
      throw new UsageError("'import' finishes asynchronously; call mainAsync");
    default:
      if (command.startsWith('-')) throw new UsageError(`unknown option '${command}' (give a command first: check, estimate, timeline, calibrate, actuals, status, import or lsp)`);
      throw new UsageError(`unknown command '${command}' (commands: check, estimate, timeline, calibrate, actuals, status, import, lsp)`);
  }
}

function parse(args: readonly string[], formats: readonly string[], extra: Record<string, { type: 'boolean' | 'string' }> = {}) {
  const options = { format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' }, ...extra } as const;
  try {
    const parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
    const format = parsed.values.format ?? 'text';
    if (typeof format !== 'string' || !formats.includes(format)) {
      throw new UsageError(`unknown format '${String(format)}' (formats: ${formats.join(', ')})`);
    }
    return { format, help: parsed.values.help === true, values: parsed.values as Record<string, unknown>, positionals: parsed.positionals };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw usageErrorFrom(error, options);
  }
}

/**
 * Expands FILES in order and reads each file once. Input problems (a pattern matching nothing, an
 * unreadable file, a directory) are collected in argument order; the other files still run.
 */
function readFiles(args: readonly string[], io: CliIo, maxBytes?: number): { files: { path: string; text: string }[]; problems: string[] } {
  const files: { path: string; text: string }[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const arg of args) {
    let expanded: string[];
    try {
      expanded = expandArgument(arg, io);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error.message);
      continue;
    }
    if (expanded.length === 0) problems.push(`no files match '${arg}'`);
    for (const path of expanded) {
      if (seen.has(path)) continue;
      seen.add(path);
      try {
        files.push({ path, text: readRunbook(path, io, maxBytes) });
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        problems.push(error.message);
      }
    }
  }
  return { files, problems };
}

const MAX_BYTES_OPTION = { 'max-bytes': { type: 'string' } } as const;
const CHECK_OPTIONS = { ...MAX_BYTES_OPTION, now: { type: 'boolean' } } as const;

/** `--now`: the plan starts at this moment, whatever its `start:` says (disaster avoidance). */
function withNow(values: Record<string, unknown>, io: CliIo): CliIo {
  if (values.now !== true) return io;
  const nowEpochMs = Date.now();
  const engine = io.analyze;
  // An injected engine (tests) keeps its own options; the real one gets the start.
  return { ...io, analyze: engine ?? ((text: string) => analyze(text, { startNow: true, nowEpochMs })) };
}

/** `--max-bytes N`: files above N bytes are an input problem (the editor's runbook.maxDocumentBytes). */
function maxBytesOf(values: Record<string, unknown>): number {
  const raw = values['max-bytes'];
  if (raw === undefined) return DEFAULT_MAX_BYTES;
  const n = Number(raw);
  if (typeof raw !== 'string' || !/^\d+$/.test(raw.trim()) || !Number.isSafeInteger(n)) throw new UsageError(`--max-bytes takes a whole number of bytes (got '${String(raw)}')`);
  return n;
}

function check(args: readonly string[], io: CliIo): number {
  const opts = parse(args, ['text', 'json', 'sarif'], CHECK_OPTIONS);
  io = withNow(opts.values, io);
  if (opts.help) {
    io.stdout.write(CHECK_HELP);
    return EXIT_OK;
  }
  if (opts.positionals.length === 0) throw new UsageError('check needs at least one FILE');
  const { files, problems } = readFiles(opts.positionals, io, maxBytesOf(opts.values));
  const reports: FileReport[] = files.map((f) => reportFile(f.path, f.text, io.analyze));
  for (const p of problems) io.stderr.write(`${TOOL_NAME}: ${safe(p)}\n`);
  const paint = painter(io.isTTY, io.env);
  if (opts.format === 'json') io.stdout.write(formatJsonReport(reports));
  else if (opts.format === 'sarif') io.stdout.write(formatSarifReport(reports, io.cwd));
  // Nothing read: the problem lines on stderr say it all ("0 errors in 0 files" would mislead).
  else if (reports.length > 0 || problems.length === 0) io.stdout.write(formatTextReport(reports, paint));
  if (problems.length > 0 || reports.some((r) => r.internalError)) return EXIT_USAGE;
  return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT_FINDINGS : EXIT_OK;
}

function estimate(args: readonly string[], io: CliIo): number {
  const opts = parse(args, ['text', 'json'], CHECK_OPTIONS);
  io = withNow(opts.values, io);
  if (opts.help) {
    io.stdout.write(ESTIMATE_HELP);
    return EXIT_OK;
  }
  if (opts.positionals.length !== 1) throw new UsageError(`estimate needs exactly one FILE (got ${opts.positionals.length})`);
  const arg = opts.positionals[0];
  const { files, problems } = readFiles([arg], io, maxBytesOf(opts.values));
  if (problems.length > 0) return fail(io, problems[0]);
  if (files.length !== 1) throw new UsageError(`estimate needs exactly one FILE; '${arg}' matches ${files.length}`);
  return estimateText(files[0].path, files[0].text, opts.format === 'json' ? 'json' : 'text', io);
}

function lsp(args: readonly string[], io: CliIo): number {
  const opts = parse(args, ['text'], { stdio: { type: 'boolean' } });
  if (opts.help) {
    io.stdout.write(LSP_HELP);
    return EXIT_OK;
  }
  if (opts.positionals.length > 0) throw new UsageError(`lsp takes no FILES (got '${opts.positionals[0]}')`);
  if (opts.values.stdio !== true) throw new UsageError('lsp needs --stdio (the only transport supported)');
  const server = loadServer();
  if (typeof server === 'string') return fail(io, server);
  // The server keeps the process alive on its stdin; the exit code applies when it ends.
  server.startServer();
  return EXIT_OK;
}
