/**
 * The engine side of the fuzzer: each input goes through `analyze()` and then through every
 * protocol-free editor feature at random positions (past the end too). The contract checked per
 * input: nothing throws (a RenameError for a bad name is an answer, not a crash), every finding has a
 * code, a message and a range inside the text, every result serialises to JSON, every quick fix
 * applies to text the engine can analyse again, and the input finishes within a generous bound.
 */
import type { Position, Range } from 'vscode-languageserver-types';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { applyOffsetEdits } from '../../server/src/engine/yamlEdit';
import { codeActions } from '../../server/src/service/codeActions';
import { complete } from '../../server/src/service/completion';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { getLanguageService } from '../../server/src/service/index';
import { definition, documentSymbols, foldingRanges, prepareRename, references, rename, RenameError } from '../../server/src/service/navigation';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import type { FuzzInput, Random } from './corpus';

export interface Failure {
  readonly kind: string;
  readonly what: string;
  readonly error: string;
  readonly text: string;
}

export interface EngineStats {
  inputs: number;
  featureCalls: number;
  failures: Failure[];
  slowest: { kind: string; ms: number; bytes: number };
  totalMs: number;
}

export function newStats(): EngineStats {
  return { inputs: 0, featureCalls: 0, failures: [], slowest: { kind: '', ms: 0, bytes: 0 }, totalMs: 0 };
}

/** Per-input bound: generous (the machine may be shared), growing with size. */
export function boundMs(bytes: number): number {
  return 20_000 + (bytes / 1_000_000) * 6_000;
}

/** Edits are applied and the result analysed again only below this size (the time goes to big inputs' own analysis). */
const REANALYSE_BYTES = 100_000;

const NEW_NAMES = ['renamed', 'x', 'a-b.c_d', '', ' ', 'web01', 'db01', 'a b', '😀', '[x](javascript:alert(1))', '-lead', '1', 'true', 'null', 'a'.repeat(500)];

function positionsFor(analysis: Analysis, random: Random, count: number): Position[] {
  const lines = analysis.lineIndex.lineCount;
  const out: Position[] = [
    { line: 0, character: 0 },
    { line: lines + 5, character: 0 },
    { line: Math.max(0, lines - 1), character: 100_000 },
    { line: 2 ** 31 - 1, character: 2 ** 31 - 1 },
  ];
  for (let i = 0; i < count; i++) {
    const offset = Math.floor(random() * (analysis.text.length + 1));
    const p = analysis.lineIndex.positionAt(offset);
    out.push(random() < 0.1 ? { line: p.line, character: p.character + 1 + Math.floor(random() * 50) } : p);
  }
  return out;
}

function checkFindings(analysis: Analysis): string | undefined {
  const length = analysis.text.length;
  for (const f of analysis.findings) {
    if (!/^RB\d{3}$/.test(f.code)) return `bad code ${JSON.stringify(f.code)}`;
    // A rule that threw is caught and reported as RB000: still a crash for the fuzzer.
    if (f.code === 'RB000' && /internal error/i.test(f.message)) return f.message;
    if (typeof f.message !== 'string' || f.message.trim() === '') return `${f.code} without a message`;
    if (!['error', 'warning', 'information', 'hint'].includes(f.severity)) return `${f.code} severity ${String(f.severity)}`;
    if (!(f.span.start >= 0 && f.span.end >= f.span.start && f.span.end <= length)) return `${f.code} span ${JSON.stringify(f.span)} outside 0..${length}`;
    const { start, end } = f.range;
    if (!(start.line >= 0 && start.character >= 0 && (end.line > start.line || (end.line === start.line && end.character >= start.character)))) return `${f.code} range ${JSON.stringify(f.range)}`;
  }
  return undefined;
}

/** Runs one input; failures are appended to `stats`. `positions` random positions per feature. */
export function fuzzOne(input: FuzzInput, random: Random, stats: EngineStats, positions = 6): void {
  const started = performance.now();
  const fail = (what: string, error: unknown): void => {
    stats.failures.push({ kind: input.kind, what, error: error instanceof Error ? error.stack ?? error.message : String(error), text: input.text });
  };
  const call = <T>(what: string, body: () => T): T | undefined => {
    stats.featureCalls++;
    try {
      const result = body();
      JSON.stringify(result);
      return result;
    } catch (error) {
      if (error instanceof RenameError) return undefined;
      fail(what, error);
      return undefined;
    }
  };
  stats.inputs++;
  const uri = 'file:///fuzz.runbook.yaml';
  const service = getLanguageService();
  const document = { uri, version: 1, getText: () => input.text };
  // The service's cache runs analyze() once; every feature below reads that analysis.
  let cached: Analysis;
  try {
    const state = service.inspect(document);
    if (state.kind !== 'analysed') throw new Error(`not analysed: ${state.kind}`);
    cached = state.analysis;
  } catch (error) {
    fail('analyze', error);
    return;
  }
  const bad = checkFindings(cached);
  if (bad) fail('findings', bad);
  const validation = call('doValidation', () => service.doValidation(document));
  const state = service.inspect(document);
  for (const position of positionsFor(cached, random, positions)) {
    call(`hover ${JSON.stringify(position)}`, () => service.doHover(document, position));
    call(`completion ${JSON.stringify(position)}`, () => complete(cached, position));
    call(`definition ${JSON.stringify(position)}`, () => definition(cached, uri, position));
    call(`references ${JSON.stringify(position)}`, () => references(cached, uri, position, random() < 0.5));
    call(`prepareRename ${JSON.stringify(position)}`, () => prepareRename(cached, position));
    const newName = NEW_NAMES[Math.floor(random() * NEW_NAMES.length)];
    const edit = call(`rename ${JSON.stringify(position)} to ${JSON.stringify(newName)}`, () => rename(cached, uri, position, newName));
    const edits = edit?.changes?.[uri];
    if (edits && edits.length > 0 && input.text.length < REANALYSE_BYTES) {
      call('analyze after rename', () => analyze(applyOffsetEdits(input.text, edits.map((e) => ({ start: cached.lineIndex.offsetAt(e.range.start), end: cached.lineIndex.offsetAt(e.range.end), newText: e.newText })))).findings.length);
    }
  }
  const lineCount = cached.lineIndex.lineCount;
  const ranges: Range[] = [
    { start: { line: 0, character: 0 }, end: { line: lineCount + 10, character: 0 } },
    { start: { line: Math.floor(random() * (lineCount + 2)), character: 0 }, end: { line: Math.floor(random() * (lineCount + 2)), character: 5 } },
  ];
  for (const range of ranges) call(`inlayHints ${JSON.stringify(range)}`, () => service.doInlayHints(document, range));
  call('codeLenses', () => service.doCodeLens(document));
  call('schedule', () => service.doSchedule(document));
  call('documentSymbols', () => documentSymbols(cached));
  call('foldingRanges', () => foldingRanges(cached));
  const diagnostics = validation?.diagnostics ?? call('toDiagnostics', () => toDiagnostics(state)) ?? [];
  // A client sends the diagnostics under the cursor: a few at a time, not all 20,000 of them.
  const sampled = diagnostics.length <= 12 ? diagnostics : Array.from({ length: 12 }, () => diagnostics[Math.floor(random() * diagnostics.length)]);
  const actions = call('codeActions', () => codeActions(cached, uri, sampled)) ?? [];
  for (const action of input.text.length < REANALYSE_BYTES ? actions.slice(0, 4) : []) {
    const changes = action.edit?.changes?.[uri] ?? [];
    call(`apply '${action.title}'`, () => {
      const fixed = applyOffsetEdits(input.text, changes.map((e) => ({ start: cached.lineIndex.offsetAt(e.range.start), end: cached.lineIndex.offsetAt(e.range.end), newText: e.newText })));
      return analyze(fixed).findings.length;
    });
  }
  // Hostile FixData as a client could send it back: huge indices, odd paths, wrong types.
  const forgedData: unknown[] = [
    { fix: 'split-wave', waveIndex: 2 ** 31 },
    { fix: 'set-concurrency', waveIndex: 0, concurrency: 1e9 },
    { fix: 'add-key', path: ['vms', 99, '__proto__'], key: 'k', value: 'v' },
    { fix: 'add-key', path: [], key: '[x](javascript:alert(1))', value: '{' },
    { fix: 'replace-value', replacement: '\u001b[2J' },
    { fix: 'break-cycle', vmId: 'constructor', dependencyIndex: 0 },
    { fix: 'create-vm', vmId: 'a: b\n- c' },
    { fix: 'set-transport', linkId: '__proto__', transport: 'wan-optimized' },
    { fix: 'nope' },
    null,
  ];
  const forged = forgedData.map((data) => ({ range: ranges[Math.floor(random() * ranges.length)], message: 'forged', data }));
  call('codeActions forged data', () => codeActions(cached, uri, forged));

  const ms = performance.now() - started;
  stats.totalMs += ms;
  if (ms > stats.slowest.ms) stats.slowest = { kind: input.kind, ms, bytes: input.text.length };
  if (ms > boundMs(input.text.length)) fail('time', `took ${ms.toFixed(0)} ms, above the bound of ${boundMs(input.text.length).toFixed(0)} ms`);
}

/** The size limit: a document above `runbook.maxDocumentBytes` gets one RB000 diagnostic, unanalysed. */
export function checkTooLarge(text: string, limitBytes: number): string | undefined {
  const service = getLanguageService();
  service.configure({ ...DEFAULT_SETTINGS, maxDocumentBytes: limitBytes });
  const v = service.doValidation({ uri: 'file:///big.runbook.yaml', version: 1, getText: () => text });
  if (v.diagnostics.length !== 1 || v.diagnostics[0].code !== 'RB000' || !/runbook\.maxDocumentBytes/.test(String(v.diagnostics[0].message))) {
    return `expected one RB000 naming runbook.maxDocumentBytes, got ${JSON.stringify(v.diagnostics.slice(0, 3))}`;
  }
  return undefined;
}
