/**
 * `runbook calibrate PLAN --from pilot.csv [--link ID]`: fits a link's calibration to measured
 * moves (the same readers as `runbook actuals`), writes it into the runbook as one minimal edit and
 * prints the before/after comparison (docs/calibration.md). Problems: a message, exit 2, nothing written.
 */
import { basename, resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../server/src/engine/analyze';
import { calibrateLink, calibrationReport, CalibrationError, type MeasuredMove } from '../../server/src/engine/calibrate/calibrateLink';
import { applyOffsetEdits } from '../../server/src/engine/yamlEdit';
import { matchMeasured, unmatchedText } from '../../import/src/measured/match';
import { joinNegativeOffsets, MEASURED_FORMATS, readExportFile, readOptionsFrom } from './actualsCommand';
import { InputError, readRunbook, UsageError, usageErrorFrom } from './files';
import { writeFileAtomic } from './import';
import type { CliIo } from './io';
import { TOOL_NAME } from './product';
import { safe } from './terminal';

export const CALIBRATE_HELP = `Usage: runbook calibrate PLAN --from EXPORT [--link ID] [--utc-offset ±HH:MM | --timezone ZONE] [options]

Fits a link's calibration to measured moves (a pilot wave's vCenter task export, PowerCLI output or
the plain CSV vm,start,end): a fixed time per migration and an effective rate (with one move, or
moves all of one size, only a scale), writes it into PLAN as the link's \`calibration:\` (one edit,
comments kept) and prints each move measured, as the model predicted it, and as calibrated. From
then on estimates on the link use it, and their range is the measured spread.

Options:
      --from <path>          the export to read (required); only succeeded moves are fitted
      --link <id>            the link to calibrate (needed when the moves are on several links)
      --utc-offset <±HH:MM>  the export's UTC offset, e.g. -06:00
      --timezone <zone>      the export's time zone, e.g. America/Chicago
      --date-order <order>   mdy or dmy, when the file's dates read both ways
      --format <fmt>         ${MEASURED_FORMATS.join(', ')} (default: from the header)
      --dry-run              print the fit and the comparison; write nothing
  -h, --help                 show this help

Exit codes: 0 written, 2 usage or input problem (nothing written).
`;

export function calibrate(args: readonly string[], io: CliIo, write: (path: string, text: string) => void = (p, t) => writeFileAtomic(resolvePath(io.cwd, p), t)): number {
  try {
    return run(args, io, write);
  } catch (error) {
    if (error instanceof CalibrationError) {
      io.stderr.write(`${TOOL_NAME}: ${safe(error.message)}\n`);
      return 2;
    }
    if (!(error instanceof InputError)) throw error;
    io.stderr.write(`${TOOL_NAME}: ${safe(error.message)}\n`);
    return 2;
  }
}

function run(args: readonly string[], io: CliIo, write: (path: string, text: string) => void): number {
  const options = {
    from: { type: 'string' }, link: { type: 'string' }, format: { type: 'string', short: 'f' }, 'utc-offset': { type: 'string' }, timezone: { type: 'string' },
    'date-order': { type: 'string' }, 'dry-run': { type: 'boolean' }, help: { type: 'boolean', short: 'h' },
  } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeOffsets(args), allowPositionals: true, strict: true, options });
  } catch (error) {
    throw usageErrorFrom(error, options);
  }
  const v = parsed.values;
  if (v.help === true) {
    io.stdout.write(CALIBRATE_HELP);
    return 0;
  }
  if (parsed.positionals.length !== 1) throw new UsageError(`calibrate needs exactly one PLAN (got ${parsed.positionals.length})`);
  if (!v.from) throw new UsageError('calibrate needs --from EXPORT (the pilot\'s task export)');
  const read = readOptionsFrom(v);
  const plan = parsed.positionals[0];
  const text = readRunbook(plan, io);
  const analysis = analyze(text, { ignoreCalibration: true });
  const record = readExportFile(v.from, io, read);
  const match = matchMeasured(record, analysis.model);
  const moves: MeasuredMove[] = [];
  const notFitted: string[] = [];
  for (const { migration: m, vmId } of match.matched) {
    if (m.status === 'succeeded' && m.endEpochMs !== undefined) moves.push({ vmId, startEpochMs: m.startEpochMs, endEpochMs: m.endEpochMs });
    else notFitted.push(`${vmId}: ${m.status}${m.error ? ` (${m.error})` : ''}`);
  }
  if (moves.length === 0) throw new InputError(`${v.from}: no succeeded move of a VM of ${basename(plan)} to fit${match.unmatched.length > 0 ? ` (${match.unmatched.length} match no VM: ${match.unmatched.slice(0, 3).map(unmatchedText).join(', ')})` : ''}`);
  const result = calibrateLink(analysis, moves, { linkId: v.link, source: basename(v.from) });
  const out = io.stdout;
  for (const line of calibrationReport(result)) out.write(`${safe(line)}\n`);
  for (const s of [...notFitted.map((n) => `not fitted: ${n}`), ...result.skipped.map((s) => `not fitted: ${s}`), ...match.unmatched.map((u) => `not a VM of ${basename(plan)}: ${unmatchedText(u)}`)]) out.write(`  ${safe(s)}\n`);
  if (v['dry-run'] === true) {
    out.write(`would write to ${safe(plan)}: ${safe(result.entry)}\n`);
    return 0;
  }
  try {
    write(plan, applyOffsetEdits(text, [result.edit]));
  } catch (error) {
    const code = typeof error === 'object' && error !== null && 'code' in error ? ` (${String((error as { code: unknown }).code)})` : '';
    throw new InputError(`cannot write '${plan}'${code}`);
  }
  out.write(`wrote the calibration of link '${safe(result.linkId)}' into ${safe(plan)}\n`);
  return 0;
}
