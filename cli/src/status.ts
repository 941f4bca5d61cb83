/**
 * `runbook status PLAN [--actuals FILE] [--now ISO] [--format text|json]`: where a migration night
 * stands: per wave its progress, the pace against the plan, the re-forecast end against the window
 * and the time by which to decide on a rollback (server/src/engine/forecast/forecast.ts,
 * docs/estimates.md "Re-forecast"). The actuals file defaults to the one beside PLAN.
 */
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../server/src/engine/analyze';
import { parseActuals } from '../../server/src/engine/actuals/parseActuals';
import type { PlanForecast, WaveForecast } from '../../server/src/engine/forecast/forecast';
import { actualsFileName } from '../../shared/src/measured';
import { formatDuration } from '../../shared/src/units/quantity';
import { clockText, isoWithOffset, offsetText } from '../../shared/src/units/time';
import { InputError, readRunbook, UsageError, usageErrorFrom } from './files';
import type { CliIo } from './io';
import { TOOL_NAME } from './product';
import { safe } from './terminal';

export const STATUS_HELP = `Usage: runbook status PLAN [--actuals FILE] [--now ISO] [--format text|json]

Where the migration stands: each wave's progress from the actuals file (what happened, written by
\`runbook actuals\` or the editor), how much slower or faster than planned it runs, the re-forecast
end against its window, and the time by which to decide on a rollback.

Options:
      --actuals <path>   the actuals file (default: PLAN's, e.g. night.actuals.yaml beside night.runbook.yaml)
      --now <iso>        the moment to forecast from, with its offset (default: the clock)
  -f, --format <fmt>     text (default) or json
  -h, --help             show this help

Exit codes: 0 every forecast fits its window, 1 a wave's forecast overruns its window, 2 usage or
input problem (no actuals file, an unreadable entry).
`;

interface StatusArgs {
  readonly help: boolean;
  readonly file?: string;
  readonly actuals?: string;
  readonly nowEpochMs?: number;
  readonly format: 'text' | 'json';
}

function parseStatusArgs(args: readonly string[]): StatusArgs {
  const options = { actuals: { type: 'string' }, now: { type: 'string' }, format: { type: 'string', short: 'f' }, help: { type: 'boolean', short: 'h' } } as const;
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw usageErrorFrom(error, options);
  }
  if (parsed.values.help === true) return { help: true, format: 'text' };
  if (parsed.positionals.length !== 1) throw new UsageError(`status needs exactly one PLAN (got ${parsed.positionals.length})`);
  const format = parsed.values.format ?? 'text';
  if (format !== 'text' && format !== 'json') throw new UsageError(`unknown format '${format}' (formats: text, json)`);
  let nowEpochMs: number | undefined;
  if (parsed.values.now !== undefined) {
    const now = parsed.values.now;
    if (!/(?:Z|[+-]\d{2}:?\d{2})$/i.test(now) || !Number.isFinite(Date.parse(now))) throw new UsageError(`--now '${now}' is not a time with its offset (e.g. 2026-12-02T23:20:00-06:00)`);
    nowEpochMs = Date.parse(now);
  }
  return { help: false, file: parsed.positionals[0], actuals: parsed.values.actuals, nowEpochMs, format };
}

export function status(args: readonly string[], io: CliIo): number {
  try {
    return run(args, io);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    io.stderr.write(`${TOOL_NAME}: ${safe(error.message)}\n`);
    return 2;
  }
}

function run(args: readonly string[], io: CliIo): number {
  const opts = parseStatusArgs(args);
  if (opts.help) {
    io.stdout.write(STATUS_HELP);
    return 0;
  }
  const path = opts.file as string;
  const text = readRunbook(path, io);
  const actualsPath = opts.actuals ?? join(dirname(path), actualsFileName(basename(path)));
  let actualsText: string;
  try {
    actualsText = io.readFile(actualsPath).replace(/^\uFEFF/, '');
  } catch {
    throw new InputError(`cannot read the actuals file '${actualsPath}' (record actuals with \`runbook actuals ${path} --from tasks.csv\`, or give --actuals FILE)`);
  }
  const parsed = parseActuals(actualsText);
  if (parsed.problems.length > 0) {
    const p = parsed.problems[0];
    const more = parsed.problems.length > 1 ? ` (and ${parsed.problems.length - 1} more)` : '';
    throw new InputError(`${actualsPath}:${p.line + 1}:${p.character + 1}: ${p.message}${more}`);
  }
  const now = opts.nowEpochMs ?? Date.now();
  const analysis = analyze(text, { actuals: parsed.actuals, nowEpochMs: now });
  const forecast = analysis.forecast;
  if (!forecast) throw new InputError(`'${actualsPath}' records nothing yet: no migration and no step`);
  const overruns = forecast.waves.some((w) => w.started && !w.finished && w.overrunSeconds > 0);
  if (opts.format === 'json') io.stdout.write(JSON.stringify(statusJson(path, actualsPath, forecast), null, 2) + '\n');
  else io.stdout.write(statusText(path, actualsPath, forecast, parsed.actuals.migrations.length, parsed.actuals.steps.length));
  return overruns ? 1 : 0;
}

function iso(ms: number | undefined, offset: number): string | null {
  return ms === undefined || !Number.isFinite(ms) ? null : isoWithOffset(ms, offset);
}

export function statusJson(path: string, actualsPath: string, f: PlanForecast): unknown {
  return {
    runbook: path,
    actuals: actualsPath,
    now: new Date(f.nowEpochMs).toISOString(),
    runningWave: f.runningWaveIndex === undefined ? null : f.waves[f.runningWaveIndex]?.name ?? null,
    unmatched: f.unmatched,
    waves: f.waves.map((w) => ({
      name: w.name,
      state: w.finished ? 'done' : w.started ? 'running' : 'waiting',
      pace: w.pace,
      paceSource: w.paceSource,
      pacedMoves: w.pacedMoves,
      vms: w.counts,
      plannedEnd: iso(w.plannedEndEpochMs, w.utcOffsetMinutes),
      forecastEnd: iso(w.forecastEndEpochMs, w.utcOffsetMinutes),
      windowEnd: iso(w.windowEndEpochMs, w.utcOffsetMinutes),
      overrunSeconds: w.overrunSeconds,
      decideBy: iso(w.decideByEpochMs, w.utcOffsetMinutes),
      failed: w.vms.filter((v) => v.progress === 'failed').map((v) => ({ vm: v.vmId, at: iso(v.endEpochMs, w.utcOffsetMinutes), retryEnd: iso(v.retryEndEpochMs, w.utcOffsetMinutes) })),
    })),
  };
}

function waveLines(w: WaveForecast, nowMs: number): string[] {
  const at = (ms: number): string => clockText(ms, w.utcOffsetMinutes, w.windowStartEpochMs ?? w.plannedEndEpochMs);
  const total = w.vms.length;
  const state = w.finished ? 'done' : w.started ? 'running' : 'waiting';
  const progress = [`${w.counts.done}/${total} moved`];
  if (w.counts.running > 0) progress.push(`${w.counts.running} running`);
  if (w.counts.failed > 0) progress.push(`${w.counts.failed} failed (${w.vms.filter((v) => v.progress === 'failed').map((v) => safe(v.vmId)).join(', ')})`);
  const lines = [`${safe(w.name)}: ${state}, ${progress.join(', ')}`];
  if (w.started) {
    const pct = Math.round((w.pace - 1) * 100);
    lines.push(w.paceSource === 'plan' ? '  pace: no finished move yet (the plan\'s pace)'
      : `  pace: ${pct === 0 ? 'as planned' : `${Math.abs(pct)} % ${pct > 0 ? 'slower' : 'faster'} than planned`} (${w.pacedMoves} finished move${w.pacedMoves === 1 ? '' : 's'}${w.paceSource === 'earlier-waves' ? ' of earlier waves' : ''})`);
  }
  const end = `${w.finished ? 'ended' : 'forecast end'} ${at(w.forecastEndEpochMs)} (planned ${at(w.plannedEndEpochMs)})`;
  const window = w.windowEndEpochMs === undefined ? 'no window'
    : w.overrunSeconds > 0 ? `window ends ${at(w.windowEndEpochMs)}: overruns by ${formatDuration(w.overrunSeconds)}` : `window ends ${at(w.windowEndEpochMs)}: fits`;
  lines.push(`  ${end}; ${window}`);
  if (w.started && !w.finished && w.decideByEpochMs !== undefined) {
    lines.push(w.decideByEpochMs < nowMs ? `  point of no return for a rollback: ${at(w.decideByEpochMs)} (passed)` : `  decide on a rollback by ${at(w.decideByEpochMs)} (in ${formatDuration((w.decideByEpochMs - nowMs) / 1000)})`);
  }
  return lines;
}

export function statusText(path: string, actualsPath: string, f: PlanForecast, migrations: number, steps: number): string {
  const offset = f.waves[f.runningWaveIndex ?? 0]?.utcOffsetMinutes ?? 0;
  const lines = [`${safe(path)} at ${isoWithOffset(f.nowEpochMs, offset).slice(0, 16).replace('T', ' ')} ${offsetText(offset)}; actuals: ${safe(actualsPath)} (${migrations} migration${migrations === 1 ? '' : 's'}, ${steps} step${steps === 1 ? '' : 's'})`, ''];
  for (const w of f.waves) lines.push(...waveLines(w, f.nowEpochMs));
  for (const u of f.unmatched) lines.push(`not used: ${safe(u)}`);
  return lines.join('\n') + '\n';
}
