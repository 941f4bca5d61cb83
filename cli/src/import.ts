/**
 * `runbook import rvtools EXPORT [options]`: drafts a runbook from an RVTools vInfo export, or
 * merges the export into an existing runbook (`--into`). The import logic is import/src/;
 * this module parses the options, reads and writes files (the merged file atomically: a temporary
 * file in the same folder, then a rename) and reports.
 *
 * Exit codes: 0 imported (the result has no error findings); 1 imported, but the resulting runbook
 * has error findings (run `runbook check` on it); 2 usage problem, unreadable file, bad export or
 * bad --filter: nothing is written.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../server/src/engine/analyze';
import { FilterError } from '../../import/src/filter';
import { DEFAULT_WAVE_SIZE, importRvtools, skippedLines, summaryLines, type ImportOutcome } from '../../import/src/importRvtools';
import { ImportError } from '../../import/src/table';
import { UsageError, usageErrorFrom } from './files';
import type { CliIo } from './io';
import { TOOL_NAME } from './product';
import { safe } from './terminal';

export const IMPORT_HELP = `Usage: runbook import rvtools EXPORT [options]

Turns the vInfo sheet of an RVTools export (.xlsx or .csv) into the vms of a runbook.
Without --into, prints a new runbook (TODO placeholders for sites, link and windows) with the VMs
split into proposed waves. With --into, merges into that runbook: adds new VMs (in new waves),
updates memory and disk sizes of known ones, reports VMs no longer in the export (never deletes
them), and leaves every other byte of the file as it was.

Options:
      --sheet NAME           workbook sheet to read (default: vInfo)
      --filter EXPR          only VMs matching EXPR, e.g. 'cluster=Prod-A,name~^web,power=on'
                             (keys cluster, folder, name, power, datacenter, host, os;
                             = glob, != not glob, ~ regex, !~ not regex; ',' = and)
      --into FILE            merge into this runbook (written atomically)
  -o, --output FILE          write the new runbook to FILE (must not exist) instead of stdout
      --wave-size N          VMs per proposed wave (default: ${DEFAULT_WAVE_SIZE})
      --include-powered-off  import powered-off and suspended VMs too
      --include-templates    import templates too
      --dry-run              with --into: report what would change, write nothing
  -h, --help                 show this help

Sizes become quantities (16 GiB, 1.2 TiB); MB and MiB columns are both read as MiB.
Dirty rates are not in an inventory: imported VMs use the default workload profile (RB301).

Exit codes: 0 imported; 1 imported, but the runbook has error findings; 2 usage problem,
unreadable file or bad export (nothing written).
`;

interface ImportArgs {
  readonly exportPath: string;
  readonly sheet?: string;
  readonly filter?: string;
  readonly into?: string;
  readonly output?: string;
  readonly waveSize: number;
  readonly includePoweredOff: boolean;
  readonly includeTemplates: boolean;
  readonly dryRun: boolean;
}

function parseImportArgs(args: readonly string[]): ImportArgs | 'help' {
  let parsed;
  const options = {
    sheet: { type: 'string' },
    filter: { type: 'string' },
    into: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'wave-size': { type: 'string' },
    'include-powered-off': { type: 'boolean' },
    'include-templates': { type: 'boolean' },
    'dry-run': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  } as const;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, strict: true, options });
  } catch (error) {
    throw usageErrorFrom(error, options);
  }
  const v = parsed.values;
  if (v.help === true) return 'help';
  const [format, exportPath, ...extra] = parsed.positionals;
  if (format === undefined) throw new UsageError('import needs a format and a file: runbook import rvtools EXPORT');
  if (format !== 'rvtools') throw new UsageError(`unknown import format '${format}' (formats: rvtools)`);
  if (exportPath === undefined) throw new UsageError('import rvtools needs the export file (.xlsx or .csv)');
  if (extra.length > 0) throw new UsageError(`import rvtools takes one export file (got also '${extra[0]}')`);
  const waveText = v['wave-size'];
  let waveSize = DEFAULT_WAVE_SIZE;
  if (waveText !== undefined) {
    if (!/^\d+$/.test(waveText.trim()) || Number(waveText) < 1) throw new UsageError(`--wave-size must be a whole number of at least 1 (got '${waveText}')`);
    waveSize = Number(waveText);
  }
  if (v.into !== undefined && v.output !== undefined) throw new UsageError('give --into (merge) or --output (new runbook), not both');
  if (v['dry-run'] === true && v.into === undefined) throw new UsageError('--dry-run applies to --into');
  return {
    exportPath,
    sheet: v.sheet,
    filter: v.filter,
    into: v.into,
    output: v.output,
    waveSize,
    includePoweredOff: v['include-powered-off'] === true,
    includeTemplates: v['include-templates'] === true,
    dryRun: v['dry-run'] === true,
  };
}

function errnoText(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : '';
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'is a directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

function readBytes(io: CliIo, path: string): Uint8Array {
  try {
    if (statSync(resolve(io.cwd, path)).isDirectory()) throw new ImportError(`cannot read '${path}': is a directory`);
    return readFileSync(resolve(io.cwd, path));
  } catch (error) {
    if (error instanceof ImportError) throw error;
    throw new ImportError(`cannot read '${path}': ${errnoText(error)}`);
  }
}

/**
 * Writes `text` so that readers see the old file or the new one, never a part: a temporary file
 * beside the target (same file system, so the rename is atomic), then a rename over it.
 */
export function writeFileAtomic(path: string, text: string): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, text, { flag: 'wx' });
    if (existsSync(path)) chmodSync(temp, statSync(path).mode & 0o7777);
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created.
    }
    throw error;
  }
}

function errorCount(text: string, io: CliIo): number {
  return (io.analyze ?? analyze)(text).findings.filter((f) => f.severity === 'error').length;
}

function report(io: CliIo, out: CliIo['stdout'], outcome: ImportOutcome): void {
  for (const line of summaryLines(outcome)) out.write(`${safe(line)}\n`);
  for (const line of skippedLines(outcome.selection)) out.write(`  ${safe(line)}\n`);
}

export async function importCommand(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseImportArgs(args);
  if (parsed === 'help') {
    io.stdout.write(IMPORT_HELP);
    return 0;
  }
  try {
    const bytes = readBytes(io, parsed.exportPath);
    let into: { text: string; fileName: string; bom: boolean } | undefined;
    if (parsed.into !== undefined) {
      let raw: string;
      try {
        if (statSync(resolve(io.cwd, parsed.into)).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        raw = io.readFile(parsed.into);
      } catch (error) {
        throw new ImportError(`cannot read '${parsed.into}': ${errnoText(error)}`);
      }
      // The byte order mark is not YAML, but it is part of the file: it is written back as found.
      const bom = raw.charCodeAt(0) === 0xfeff;
      into = { text: bom ? raw.slice(1) : raw, fileName: parsed.into, bom };
    }
    if (parsed.output !== undefined && existsSync(resolve(io.cwd, parsed.output))) {
      throw new ImportError(`'${parsed.output}' exists; merge into it with --into, or choose a new file for --output`);
    }
    const outcome = await importRvtools({
      bytes,
      fileName: basename(parsed.exportPath),
      sheet: parsed.sheet,
      filter: parsed.filter,
      includePoweredOff: parsed.includePoweredOff,
      includeTemplates: parsed.includeTemplates,
      waveSize: parsed.waveSize,
      into: into && { text: into.text, fileName: into.fileName },
    });
    if (outcome.kind === 'new') {
      const errors = errorCount(outcome.text, io);
      if (parsed.output !== undefined) {
        writeFileAtomic(resolve(io.cwd, parsed.output), outcome.text);
        report(io, io.stdout, outcome);
        io.stdout.write(`wrote ${safe(parsed.output)}\n`);
      } else {
        io.stdout.write(outcome.text);
        report(io, io.stderr, outcome);
      }
      return errors > 0 ? 1 : 0;
    }
    const merged = outcome.merge;
    report(io, io.stdout, outcome);
    const target = parsed.into!;
    if (merged.edits.length === 0) {
      io.stdout.write(`${safe(target)} is up to date; nothing written.\n`);
    } else if (parsed.dryRun) {
      io.stdout.write(`--dry-run: ${safe(target)} not written (${merged.edits.length} edit${merged.edits.length === 1 ? '' : 's'}).\n`);
    } else {
      writeFileAtomic(resolve(io.cwd, target), (into!.bom ? '\ufeff' : '') + merged.text);
      io.stdout.write(`wrote ${safe(target)}\n`);
    }
    const errors = errorCount(merged.text, io);
    if (errors > 0) {
      io.stdout.write(`${errors} error${errors === 1 ? '' : 's'} in ${safe(target)}; see '${TOOL_NAME} check ${safe(target)}'.\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof ImportError) {
      const [first, ...rest] = error.problems;
      io.stderr.write(`${TOOL_NAME}: ${safe(first)}\n`);
      for (const line of rest) io.stderr.write(`${safe(line)}\n`);
      return 2;
    }
    if (error instanceof FilterError) throw new UsageError(error.message);
    const code = typeof error === 'object' && error !== null && 'code' in error;
    if (code) {
      io.stderr.write(`${TOOL_NAME}: cannot write: ${safe(errnoText(error))}\n`);
      return 2;
    }
    throw error;
  }
}
