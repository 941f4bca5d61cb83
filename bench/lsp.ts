/**
 * `npm run bench`: drives the bundled language server over stdio as a real LSP client on generated
 * runbooks and prints open->diagnostics, edit->diagnostics, hover, inlay-hint and completion
 * latencies (median and p95), peak RSS and CPU seconds of the server, next to the bare
 * `yaml.parseDocument` time of the same text (the floor a YAML-based design cannot beat).
 *
 * Usage: node out/bench/lsp.js [--sizes 100,1000,5000] [--runs 3] [--write-docs]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDocument } from 'yaml';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from 'vscode-languageserver-protocol/node';
import { generateRunbook } from './generate';

const repoRoot = resolve(__dirname, '..', '..');
const serverPath = join(repoRoot, 'dist', 'server.js');

interface Stats {
  readonly median: number;
  readonly p95: number;
}

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))];
  return { median: at(0.5), p95: at(0.95) };
}

function median(xs: number[]): number {
  return stats(xs).median;
}

interface RunResult {
  readonly openMs: number;
  readonly edit: Stats;
  readonly hover: Stats;
  readonly inlay: Stats;
  readonly completion: Stats;
  readonly diagnostics: number;
  readonly peakRssMb: number;
  readonly cpuSeconds: number;
}

function procStats(pid: number): { peakRssMb: number; cpuSeconds: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = /VmHWM:\s+(\d+) kB/.exec(status);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime + stime
    return { peakRssMb: hwm ? Number(hwm[1]) / 1024 : NaN, cpuSeconds: ticks / 100 };
  } catch {
    return { peakRssMb: NaN, cpuSeconds: NaN };
  }
}

function positionsOf(lines: string[], pattern: RegExp, column: (line: string) => number, count: number): { line: number; character: number }[] {
  const all: { line: number; character: number }[] = [];
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

async function benchServer(text: string): Promise<RunResult> {
  const child: ChildProcess = spawn(process.execPath, [serverPath, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection: ProtocolConnection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.listen();
  const uri = 'file:///bench/generated.runbook.yaml';
  try {
    await connection.sendRequest('initialize', {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          diagnostic: { dynamicRegistration: false },
          hover: { contentFormat: ['markdown'] },
          inlayHint: {},
          completion: { completionItem: { snippetSupport: true } },
        },
        workspace: { configuration: false },
      },
    });
    connection.sendNotification('initialized', {});

    const lines = text.split('\n');
    const [openMs, first] = await timed(async () => {
      connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'migration-runbook', version: 1, text } });
      return connection.sendRequest<{ items: unknown[] }>('textDocument/diagnostic', { textDocument: { uri } });
    });

    // 20 single-value edits: change one VM's memory each time.
    const memoryLines = positionsOf(lines, /^    memory: \d+ GiB/, (l) => l.indexOf(':') + 2, 20);
    const editMs: number[] = [];
    let version = 1;
    for (const [k, p] of memoryLines.entries()) {
      const oldValue = /memory: (\d+)/.exec(lines[p.line])![1];
      const newValue = String(Number(oldValue) + 1 + (k % 3));
      const [ms] = await timed(async () => {
        version++;
        connection.sendNotification('textDocument/didChange', {
          textDocument: { uri, version },
          contentChanges: [{ range: { start: p, end: { line: p.line, character: p.character + oldValue.length } }, text: newValue }],
        });
        return connection.sendRequest('textDocument/diagnostic', { textDocument: { uri } });
      });
      lines[p.line] = lines[p.line].replace(`memory: ${oldValue}`, `memory: ${newValue}`);
      editMs.push(ms);
    }

    const hoverMs: number[] = [];
    for (const p of positionsOf(lines, /^  vm\d+:/, () => 3, 200)) {
      hoverMs.push((await timed(() => connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: p })))[0]);
    }
    const inlayMs: number[] = [];
    const step = Math.max(1, Math.floor(lines.length / 50));
    for (let k = 0; k < 50; k++) {
      const start = Math.min(lines.length - 1, k * step);
      const range = { start: { line: start, character: 0 }, end: { line: Math.min(lines.length - 1, start + 60), character: 0 } };
      inlayMs.push((await timed(() => connection.sendRequest('textDocument/inlayHint', { textDocument: { uri }, range })))[0]);
    }
    const completionMs: number[] = [];
    for (const p of positionsOf(lines, /^    workload: /, (l) => l.length, 20)) {
      completionMs.push((await timed(() => connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: p })))[0]);
    }
    const proc = procStats(child.pid!);
    await connection.sendRequest('shutdown');
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    await connection.sendNotification('exit').catch(() => undefined);
    await exited;
    return {
      openMs,
      edit: stats(editMs),
      hover: stats(hoverMs),
      inlay: stats(inlayMs),
      completion: stats(completionMs),
      diagnostics: first.items.length,
      ...proc,
    };
  } finally {
    connection.dispose();
    child.kill();
  }
}

function parseFloorMs(text: string, runs: number): number {
  const times: number[] = [];
  // At least 3 parses: the first one also pays for JIT warm-up.
  for (let r = 0; r < Math.max(3, runs); r++) {
    const t = performance.now();
    parseDocument(text);
    times.push(performance.now() - t);
  }
  return median(times);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      sizes: { type: 'string', default: '100,1000,5000' },
      runs: { type: 'string', default: '3' },
      'write-docs': { type: 'boolean', default: false },
    },
  });
  const sizes = values.sizes!.split(',').map(Number);
  const runs = Math.max(1, Number(values.runs));
  const rows: Record<string, unknown>[] = [];
  for (const size of sizes) {
    for (const injectErrors of [false, true]) {
      const text = generateRunbook({ vms: size, injectErrors });
      const floor = parseFloorMs(text, runs);
      const results: RunResult[] = [];
      for (let r = 0; r < runs; r++) results.push(await benchServer(text));
      const m = (f: (x: RunResult) => number) => median(results.map(f));
      const row = {
        vms: size,
        lines: text.split('\n').length,
        errors: injectErrors,
        parseDocumentMs: floor,
        openMs: m((x) => x.openMs),
        openOverParse: m((x) => x.openMs) / floor,
        editMedianMs: m((x) => x.edit.median),
        editP95Ms: m((x) => x.edit.p95),
        hoverP95Ms: m((x) => x.hover.p95),
        inlayP95Ms: m((x) => x.inlay.p95),
        completionP95Ms: m((x) => x.completion.p95),
        diagnostics: m((x) => x.diagnostics),
        peakRssMb: m((x) => x.peakRssMb),
        cpuSeconds: m((x) => x.cpuSeconds),
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  }
  const f = (n: unknown) => (typeof n === 'number' ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : String(n));
  const header = '| VMs | lines | injected errors | parseDocument ms | open→diagnostics ms | open / parse | edit→diagnostics median / p95 ms | hover p95 ms | inlay p95 ms | completion p95 ms | diagnostics | peak RSS MB | CPU s |';
  const table = [
    header,
    '|' + header.split('|').slice(1, -1).map(() => '---').join('|') + '|',
    ...rows.map((r) => `| ${r.vms} | ${r.lines} | ${r.errors ? 'yes' : 'no'} | ${f(r.parseDocumentMs)} | ${f(r.openMs)} | ${f(r.openOverParse)} | ${f(r.editMedianMs)} / ${f(r.editP95Ms)} | ${f(r.hoverP95Ms)} | ${f(r.inlayP95Ms)} | ${f(r.completionP95Ms)} | ${f(r.diagnostics)} | ${f(r.peakRssMb)} | ${f(r.cpuSeconds)} |`),
  ].join('\n');
  console.log('\n' + table);
  mkdirSync(join(repoRoot, '.bench'), { recursive: true });
  writeFileSync(join(repoRoot, '.bench', 'results.json'), JSON.stringify(rows, null, 2));
  writeFileSync(join(repoRoot, '.bench', 'results.md'), table + '\n');
  if (values['write-docs']) {
    const doc = `# Performance\n\nMeasured by \`npm run bench -- --sizes ${values.sizes} --runs ${runs} --write-docs\` on ${new Date().toISOString().slice(0, 10)} (Node ${process.version}, ${require('node:os').cpus().length} cores). Medians of ${runs} runs; each run is a fresh server process driven over stdio as an LSP client (pull diagnostics). Edits are 20 single-value incremental changes; hover at 200 VM keys, inlay hints over 60-line viewports at 50 places, completion at 20 \`workload:\` values.\n\n${table}\n`;
    writeFileSync(join(repoRoot, 'docs', 'performance.md'), doc);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack ?? error.message : String(error));
  process.exit(1);
});
