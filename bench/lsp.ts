/**
 * `npm run bench`: drives our bundled language server AND yaml-language-server (with the project's
 * own JSON Schema associated to `*.runbook.yaml` through its settings) over stdio as a real LSP client,
 * on generated runbooks, and prints both side by side with their ratio: initialize, didOpen ->
 * diagnostics, edit -> diagnostics (20 single-value incremental edits), hover, inlay hints (where
 * the server has them) and completion latencies (median and p95), peak RSS and CPU seconds of the
 * server process, next to the bare `yaml.parseDocument` time of the same text (the floor a
 * YAML-based design cannot beat).
 *
 * Usage: node out/bench/lsp.js [--sizes 100,1000,5000] [--runs 3] [--errors both|yes|no]
 *          [--servers ours,yls] [--server dist/server.js] [--node-args "..."] [--write-docs]
 * Writes .bench/results.json and .bench/results.md; --write-docs also rewrites docs/performance.md's
 * table (between its BENCH markers).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import { BenchClient, type ServerSpec } from './client';
import { generateRunbook } from '../test/support/generateRunbook';
import { ensureYls, ylsBin, ylsInstalledVersion } from './ylsInstall';

/** The checkout: out/bench/.. /.., or the working directory when the build went elsewhere. */
const repoRoot = existsSync(join(process.cwd(), 'schemas', 'runbook.schema.json')) ? process.cwd() : resolve(__dirname, '..', '..');
const schemaUri = pathToFileURL(join(repoRoot, 'schemas', 'runbook.schema.json')).href;

interface Stats {
  readonly median: number;
  readonly p95: number;
}

function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) return { median: NaN, p95: NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { median: at(0.5), p95: at(0.95) };
}

function median(xs: readonly number[]): number {
  return stats(xs.filter((x) => !Number.isNaN(x))).median;
}

const yamlSettings = {
  validate: true,
  hover: true,
  completion: true,
  format: { enable: false },
  schemaStore: { enable: false }, // no network; only our schema applies
  kubernetesCRDStore: { enable: false },
  schemas: { [schemaUri]: ['*.runbook.yaml'] },
};

function serverSpecs(serverPath: string, nodeArgs: readonly string[]): Record<string, ServerSpec> {
  return {
    ours: { name: 'ours', command: process.execPath, args: [...nodeArgs, serverPath, '--stdio'], languageId: 'migration-runbook', pull: true },
    yls: {
      name: 'yaml-language-server',
      command: process.execPath,
      args: [...nodeArgs, ylsBin(), '--stdio'],
      languageId: 'yaml',
      pull: false,
      configuration: (section) => (section === 'yaml' ? yamlSettings : section === 'http' ? { proxy: '', proxyStrictSSL: false } : {}),
      settings: { yaml: yamlSettings },
    },
  };
}

interface RunResult {
  /** Ours: ms per analysis stage on open, and each stage's median over the edits. */
  readonly openStages?: Record<string, number>;
  readonly editStages?: Record<string, number>;
  readonly initializeMs: number;
  readonly openMs: number;
  readonly edit: Stats;
  readonly hover: Stats;
  readonly inlay?: Stats;
  readonly completion: Stats;
  readonly diagnostics: number;
  readonly peakRssMb: number;
  readonly cpuSeconds: number;
}

type Position = { line: number; character: number };

function positionsOf(lines: readonly string[], pattern: RegExp, column: (line: string) => number, count: number): Position[] {
  const all: Position[] = [];
  lines.forEach((l, i) => {
    if (pattern.test(l)) all.push({ line: i, character: column(l) });
  });
  const step = Math.max(1, Math.floor(all.length / count));
  return all.filter((_, i) => i % step === 0).slice(0, count);
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

async function benchServer(spec: ServerSpec, text: string): Promise<RunResult> {
  const client = new BenchClient(spec);
  const uri = 'file:///bench/generated.runbook.yaml';
  try {
    const [initializeMs] = await timed(() => client.initialize());
    const lines = text.split('\n');
    let version = 1;
    const [openMs, diagnostics] = await timed(() => client.open(uri, text, version));

    // 20 single-value edits: change one VM's memory each time.
    const editMs: number[] = [];
    for (const [k, p] of positionsOf(lines, /^    memory: \d+ GiB/, (l) => l.indexOf(':') + 2, 20).entries()) {
      const oldValue = /memory: (\d+)/.exec(lines[p.line])![1];
      const newValue = String(Number(oldValue) + 1 + (k % 3));
      version++;
      const range = { start: p, end: { line: p.line, character: p.character + oldValue.length } };
      editMs.push((await timed(() => client.change(uri, version, { range, text: newValue })))[0]);
      lines[p.line] = lines[p.line].replace(`memory: ${oldValue}`, `memory: ${newValue}`);
    }

    const hoverMs: number[] = [];
    for (const position of positionsOf(lines, /^  vm\d+:/, () => 3, 200)) {
      hoverMs.push((await timed(() => client.request('textDocument/hover', { textDocument: { uri }, position })))[0]);
    }
    let inlay: Stats | undefined;
    if (client.capabilities.inlayHintProvider) {
      const inlayMs: number[] = [];
      const step = Math.max(1, Math.floor(lines.length / 50));
      for (let k = 0; k < 50; k++) {
        const start = Math.min(lines.length - 1, k * step);
        const range = { start: { line: start, character: 0 }, end: { line: Math.min(lines.length - 1, start + 60), character: 0 } };
        inlayMs.push((await timed(() => client.request('textDocument/inlayHint', { textDocument: { uri }, range })))[0]);
      }
      inlay = stats(inlayMs);
    }
    const completionMs: number[] = [];
    for (const position of positionsOf(lines, /^    workload: /, (l) => l.length, 20)) {
      completionMs.push((await timed(() => client.request('textDocument/completion', { textDocument: { uri }, position })))[0]);
    }
    const proc = client.stats();
    // Stage timings (ours only): the open, and the median of each stage over the edits.
    const openStages = spec.name === 'ours' ? await client.stagesOf(1) : undefined;
    const editStages: Record<string, number[]> = {};
    if (spec.name === 'ours') {
      for (let v = 2; v <= version; v++) for (const [stage, ms] of Object.entries((await client.stagesOf(v, 200)) ?? {})) (editStages[stage] ??= []).push(ms);
    }
    const editStageMedians = Object.fromEntries(Object.entries(editStages).map(([stage, ms]) => [stage, median(ms)]));
    return {
      initializeMs, openMs, edit: stats(editMs), hover: stats(hoverMs), inlay, completion: stats(completionMs), diagnostics, ...proc,
      openStages, editStages: Object.keys(editStageMedians).length > 0 ? editStageMedians : undefined,
    };
  } finally {
    await client.close();
  }
}

function parseFloorMs(text: string, runs: number, options?: { uniqueKeys: boolean }): number {
  const times: number[] = [];
  // At least 3 parses (the first also pays for JIT warm-up), unless one parse alone takes seconds.
  for (let r = 0; r < Math.max(3, runs); r++) {
    const t = performance.now();
    parseDocument(text, options);
    times.push(performance.now() - t);
    if (times[0] > 5000) break;
  }
  return median(times);
}

interface Row {
  readonly vms: number;
  readonly lines: number;
  readonly errors: boolean;
  /** `yaml.parseDocument(text)` with its defaults (its duplicate-key check is quadratic in a map's size). */
  readonly parseDocumentMs: number;
  /** `yaml.parseDocument(text, { uniqueKeys: false })`: the parser alone. */
  readonly parseOnlyMs: number;
  readonly servers: Record<string, Summary>;
}

interface Summary {
  readonly initializeMs: number;
  readonly openMs: number;
  readonly editMedianMs: number;
  readonly editP95Ms: number;
  readonly hoverMedianMs: number;
  readonly hoverP95Ms: number;
  readonly inlayMedianMs?: number;
  readonly inlayP95Ms?: number;
  readonly completionMedianMs: number;
  readonly completionP95Ms: number;
  readonly diagnostics: number;
  readonly peakRssMb: number;
  readonly cpuSeconds: number;
  readonly openStages?: Record<string, number>;
  readonly editStages?: Record<string, number>;
}

/** Median of each stage over the runs. */
function stageMedians(all: readonly (Record<string, number> | undefined)[]): Record<string, number> | undefined {
  const present = all.filter((x): x is Record<string, number> => x !== undefined);
  if (present.length === 0) return undefined;
  return Object.fromEntries(Object.keys(present[0]).map((stage) => [stage, median(present.map((x) => x[stage] ?? NaN))]));
}

function summarize(results: readonly RunResult[]): Summary {
  const m = (f: (x: RunResult) => number | undefined) => median(results.map((x) => f(x) ?? NaN));
  const hasInlay = results.some((x) => x.inlay !== undefined);
  return {
    initializeMs: m((x) => x.initializeMs),
    openMs: m((x) => x.openMs),
    editMedianMs: m((x) => x.edit.median),
    editP95Ms: m((x) => x.edit.p95),
    hoverMedianMs: m((x) => x.hover.median),
    hoverP95Ms: m((x) => x.hover.p95),
    ...(hasInlay ? { inlayMedianMs: m((x) => x.inlay?.median), inlayP95Ms: m((x) => x.inlay?.p95) } : {}),
    completionMedianMs: m((x) => x.completion.median),
    completionP95Ms: m((x) => x.completion.p95),
    diagnostics: m((x) => x.diagnostics),
    peakRssMb: m((x) => x.peakRssMb),
    cpuSeconds: m((x) => x.cpuSeconds),
    openStages: stageMedians(results.map((x) => x.openStages)),
    editStages: stageMedians(results.map((x) => x.editStages)),
  };
}

const fmt = (n: number | undefined): string => (n === undefined || Number.isNaN(n) ? 'n/a' : n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
const ratio = (theirs: number | undefined, ours: number | undefined): string =>
  theirs === undefined || ours === undefined || !(ours > 0) || Number.isNaN(theirs) ? 'n/a' : `${(theirs / ours).toFixed(1)}×`;

/** One Markdown table per size: a line per measurement, ours | yaml-language-server | how many times faster/smaller ours is. */
function markdown(rows: readonly Row[]): string {
  const out: string[] = [];
  for (const row of rows) {
    const ours = row.servers.ours;
    const yls = row.servers.yls;
    out.push(`### ${row.vms.toLocaleString('en-US')} VMs (${row.lines.toLocaleString('en-US')} lines), ${row.errors ? 'with ~20 injected errors' : 'valid'}`);
    out.push('');
    out.push(`Bare \`yaml.parseDocument\`: ${fmt(row.parseDocumentMs)} ms with its defaults, ${fmt(row.parseOnlyMs)} ms with \`uniqueKeys: false\`.` +
      (ours ? ` Ours: open→diagnostics = ${(ours.openMs / row.parseDocumentMs).toFixed(2)}× the default parse, ${(ours.openMs / row.parseOnlyMs).toFixed(2)}× the parser alone.` : ''));
    out.push('');
    out.push('| measurement | ours | yaml-language-server | ours is |');
    out.push('|---|---:|---:|---:|');
    const line = (label: string, f: (s: Summary) => number | undefined, unit = 'ms'): void => {
      const a = ours ? f(ours) : undefined;
      const b = yls ? f(yls) : undefined;
      out.push(`| ${label} | ${fmt(a)}${a === undefined ? '' : ` ${unit}`} | ${fmt(b)}${b === undefined ? '' : ` ${unit}`} | ${ratio(b, a)} |`);
    };
    line('initialize', (s) => s.initializeMs);
    line('didOpen → diagnostics', (s) => s.openMs);
    line('edit → diagnostics, median', (s) => s.editMedianMs);
    line('edit → diagnostics, p95', (s) => s.editP95Ms);
    line('hover, median', (s) => s.hoverMedianMs);
    line('hover, p95', (s) => s.hoverP95Ms);
    line('inlay hints (60 lines), median', (s) => s.inlayMedianMs);
    line('inlay hints (60 lines), p95', (s) => s.inlayP95Ms);
    line('completion, median', (s) => s.completionMedianMs);
    line('completion, p95', (s) => s.completionP95Ms);
    line('peak RSS', (s) => s.peakRssMb, 'MB');
    line('CPU time of the whole session', (s) => s.cpuSeconds, 's');
    out.push(`| diagnostics on open | ${ours ? ours.diagnostics : 'n/a'} | ${yls ? yls.diagnostics : 'n/a'} | |`);
    out.push('');
    if (ours?.openStages || ours?.editStages) {
      const stages = Object.keys(ours.openStages ?? ours.editStages ?? {});
      out.push('Where our analysis spends its time (ms, as the server reports it in `runbook/validated`; the rest of open→diagnostics is the LSP transport and the document copy):');
      out.push('');
      out.push(`| | ${stages.join(' | ')} | total |`);
      out.push(`|---|${stages.map(() => '---:').join('|')}|---:|`);
      const stageLine = (label: string, values: Record<string, number> | undefined): void => {
        if (!values) return;
        const total = stages.reduce((sum, stage) => sum + (values[stage] ?? 0), 0);
        out.push(`| ${label} | ${stages.map((stage) => fmt(values[stage])).join(' | ')} | ${fmt(total)} |`);
      };
      stageLine('open', ours.openStages);
      stageLine('edit (median of each stage)', ours.editStages);
      out.push('');
    }
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100,1000,5000' },
      runs: { type: 'string', default: '3' },
      errors: { type: 'string', default: 'both' },
      servers: { type: 'string', default: 'ours,yls' },
      server: { type: 'string', default: join(repoRoot, 'dist', 'server.js') },
      // e.g. --node-args="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the servers.
      'node-args': { type: 'string', default: '' },
      'write-docs': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes!.split(',').map(Number);
  const runs = Math.max(1, Number(values.runs));
  const variants = values.errors === 'yes' ? [true] : values.errors === 'no' ? [false] : [false, true];
  const specs = serverSpecs(resolve(values.server!), values['node-args']!.split(' ').filter((a) => a !== ''));
  const chosen = values.servers!.split(',').map((s) => s.trim());
  for (const name of chosen) if (!specs[name]) throw new Error(`unknown server '${name}' (ours, yls)`);
  // Installed on demand into a cache folder (not a devDependency: it needs Node >= 22 to install cleanly).
  if (chosen.includes('yls')) ensureYls();
  const rows: Row[] = [];
  // Warm the parser's JIT before the first floor measurement (the servers warm up inside their timings).
  for (let k = 0; k < 5; k++) parseDocument(generateRunbook({ vms: 200, seed: k }));
  for (const size of sizes) {
    for (const injectErrors of variants) {
      const text = generateRunbook({ vms: size, injectErrors });
      const parseOnlyMs = parseFloorMs(text, runs, { uniqueKeys: false });
      const parseDocumentMs = parseFloorMs(text, runs);
      const servers: Record<string, Summary> = {};
      for (const name of chosen) {
        const results: RunResult[] = [];
        // Interleaving would be fairer still, but one server at a time keeps each alone on the cores.
        for (let r = 0; r < runs; r++) results.push(await benchServer(specs[name], text));
        servers[name] = summarize(results);
        console.error(`${size} VMs${injectErrors ? ' +errors' : ''} ${name}: ${JSON.stringify(servers[name])}`);
      }
      rows.push({ vms: size, lines: text.split('\n').length, errors: injectErrors, parseDocumentMs, parseOnlyMs, servers });
      // Written after every size, so a long run that is stopped still leaves its results.
      mkdirSync(join(repoRoot, '.bench'), { recursive: true });
      writeFileSync(join(repoRoot, '.bench', 'results.json'), JSON.stringify({ date: new Date().toISOString(), node: process.version, cores: cpus().length, runs, rows }, null, 2));
      writeFileSync(join(repoRoot, '.bench', 'results.md'), markdown(rows) + '\n');
    }
  }
  const table = markdown(rows);
  console.log('\n' + table);
  if (values['write-docs']) {
    const docPath = join(repoRoot, 'docs', 'performance.md');
    const command = `npm run bench -- --sizes ${values.sizes} --runs ${runs} --errors ${values.errors} --servers ${values.servers} --write-docs`;
    const block = `<!-- BENCH:START -->\nMeasured by \`${command}\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}, ${cpus().length} cores, ` +
      `yaml-language-server ${ylsVersion()}). Medians of ${runs} runs, each a fresh server process.\n\n${table}\n<!-- BENCH:END -->`;
    const doc = existsSync(docPath) ? readFileSync(docPath, 'utf8') : '# Performance\n\n<!-- BENCH:START -->\n<!-- BENCH:END -->\n';
    const next = /<!-- BENCH:START -->[\s\S]*<!-- BENCH:END -->/.test(doc)
      ? doc.replace(/<!-- BENCH:START -->[\s\S]*<!-- BENCH:END -->/, () => block)
      : `${doc.trimEnd()}\n\n${block}\n`;
    writeFileSync(docPath, next);
  }
}

function ylsVersion(): string {
  return ylsInstalledVersion();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
