/**
 * The live-server side of the fuzzer: the bundled server (`dist/server.js --stdio`) gets a stream of
 * didOpen/didChange (full and incremental, ranges past the end included) of mutated runbooks,
 * interleaved with hover, completion, inlay hints, code lens, rename, code actions, `runbook/schedule`
 * and other requests at random positions, some with malformed parameters. Contract: every request is
 * answered (a result or a proper LSP error with a numeric code) within a generous bound, the process
 * never exits, and afterwards a plain hover answers in normal time.
 */
import { readFileSync } from 'node:fs';
import type { Position, Range } from 'vscode-languageserver-types';
import { TestClient } from '../protocol/lspClient';
import { mutate, randomYaml, sampleSmall, sampleTexts, seededRandom, specialInputs, type FuzzInput, type Random } from './corpus';

export interface ServerRunOptions {
  readonly seed: number;
  /** Messages (notifications and requests) to send, unless `seconds` is set. */
  readonly messages: number;
  readonly seconds?: number;
  readonly repoRoot: string;
  readonly log?: (line: string) => void;
  /** A request unanswered for this long is a hang. */
  readonly requestTimeoutMs?: number;
}

export interface ServerRunResult {
  messages: number;
  requests: number;
  errorsAnswered: number;
  failures: string[];
  slowestRequest: { method: string; ms: number };
  hoverBeforeMs: number;
  hoverAfterMs: number;
  serverPeakRssBytes: number | undefined;
  exitedEarly: boolean;
  elapsedMs: number;
}

const URIS = ['file:///fuzz/a.runbook.yaml', 'file:///fuzz/b.runbook.yaml', 'untitled:fuzz-c', 'file:///fuzz/not-a-runbook.txt'];
const METHODS = [
  'textDocument/hover', 'textDocument/completion', 'textDocument/inlayHint', 'textDocument/codeLens', 'textDocument/prepareRename',
  'textDocument/rename', 'textDocument/codeAction', 'runbook/schedule', 'textDocument/definition', 'textDocument/references',
  'textDocument/documentSymbol', 'textDocument/foldingRange', 'runbook/unknownMethod',
];
const NAMES = ['renamed', 'web01', 'x y', '', '[x](javascript:alert(1))', '\u001b[2J', 'a'.repeat(300)];

/** Peak resident set of a process, from Linux's /proc (undefined elsewhere). */
function peakRssOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer to ${what} within ${ms} ms`)), ms);
    }),
  ]);
}

export async function runServerFuzz(options: ServerRunOptions): Promise<ServerRunResult> {
  const started = performance.now();
  const random: Random = seededRandom(options.seed);
  const int = (n: number): number => Math.floor(random() * n);
  const log = options.log ?? (() => undefined);
  const timeoutMs = options.requestTimeoutMs ?? 30_000;
  const result: ServerRunResult = {
    messages: 0, requests: 0, errorsAnswered: 0, failures: [], slowestRequest: { method: '', ms: 0 },
    hoverBeforeMs: 0, hoverAfterMs: 0, serverPeakRssBytes: undefined, exitedEarly: false, elapsedMs: 0,
  };
  const client = TestClient.start();
  let exited = false;
  void client.exited.then(() => (exited = true));
  const bases: FuzzInput[] = [...sampleTexts(options.repoRoot), { kind: 'small', text: sampleSmall() }];
  // The heaviest specials (deep nesting, thousands of VMs) run in the engine fuzz; here they would only slow the stream.
  const specials = specialInputs().filter((s) => s.text.length < (options.seconds !== undefined ? 300_000 : 20_000));
  const texts = new Map<string, { version: number; text: string }>();

  const timedHover = async (): Promise<number> => {
    const uri = 'file:///fuzz/plain.runbook.yaml';
    const text = sampleSmall();
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'migration-runbook', version: 1, text } });
    const t0 = performance.now();
    const hover = await withTimeout(client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 8, character: 3 } }), timeoutMs, 'the plain hover');
    const ms = performance.now() - t0;
    if (!hover) result.failures.push('the plain hover on a VM id answered null');
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    return ms;
  };

  try {
    await client.initialize({ textDocument: { hover: { contentFormat: ['markdown'] }, inlayHint: {}, codeLens: {} } });
    result.hoverBeforeMs = await timedHover();

    const nextText = (): string => {
      const r = random();
      if (r < 0.08) return specials[int(specials.length)].text;
      if (r < 0.15) return randomYaml(random);
      return mutate(bases[int(bases.length)], random).text;
    };
    const randomPosition = (uri: string): Position => {
      const text = texts.get(uri)?.text ?? '';
      const lines = text.split('\n');
      const r = random();
      if (r < 0.1) return { line: lines.length + int(100), character: int(10) };
      if (r < 0.15) return { line: 2 ** 31 - 1, character: 2 ** 31 - 1 };
      const line = int(lines.length);
      return { line, character: int((lines[line]?.length ?? 0) + 3) };
    };
    const randomRange = (uri: string): Range => {
      const a = randomPosition(uri);
      const b = randomPosition(uri);
      return random() < 0.8 && (a.line < b.line || (a.line === b.line && a.character <= b.character)) ? { start: a, end: b } : { start: b, end: a };
    };
    const published = (uri: string): unknown[] => {
      for (let i = client.published.length - 1; i >= 0; i--) if (client.published[i].uri === uri) return client.published[i].diagnostics;
      return [];
    };
    const paramsFor = (method: string, uri: string): unknown => {
      const textDocument = { uri };
      if (random() < 0.03) return random() < 0.5 ? {} : { textDocument, position: { line: -1, character: 'x' } }; // malformed
      const position = randomPosition(uri);
      switch (method) {
        case 'textDocument/inlayHint':
          return { textDocument, range: randomRange(uri) };
        case 'textDocument/codeLens':
        case 'textDocument/documentSymbol':
        case 'textDocument/foldingRange':
          return { textDocument };
        case 'textDocument/rename':
          return { textDocument, position, newName: NAMES[int(NAMES.length)] };
        case 'textDocument/references':
          return { textDocument, position, context: { includeDeclaration: random() < 0.5 } };
        case 'textDocument/codeAction': {
          const diagnostics = published(uri).slice(0, 5);
          if (random() < 0.2) diagnostics.push({ range: randomRange(uri), message: 'forged', data: { fix: pickFix(random) } });
          return { textDocument, range: randomRange(uri), context: { diagnostics } };
        }
        case 'runbook/schedule':
          return random() < 0.1 ? { uri: 42 } : { uri };
        default:
          return { textDocument, position };
      }
    };

    const inFlight = new Set<Promise<void>>();
    const deadline = options.seconds !== undefined ? started + options.seconds * 1000 : Infinity;
    const more = (): boolean => (options.seconds !== undefined ? performance.now() < deadline : result.messages < options.messages);
    while (more() && !exited) {
      const uri = URIS[int(URIS.length)];
      const open = texts.get(uri);
      const r = random();
      result.messages++;
      if (!open || r < 0.05) {
        const text = nextText();
        if (open) await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
        texts.set(uri, { version: 1, text });
        await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: uri.endsWith('.txt') ? 'plaintext' : 'migration-runbook', version: 1, text } });
      } else if (r < 0.35) {
        const version = open.version + 1;
        if (random() < 0.5) {
          const text = nextText();
          texts.set(uri, { version, text });
          await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
        } else {
          // Incremental: the client's copy is not tracked exactly; positions stay random.
          const insert = random() < 0.5 ? '' : nextText().slice(0, int(200));
          texts.set(uri, { version, text: open.text });
          await client.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: randomRange(uri), text: insert }] });
        }
      } else if (r < 0.37) {
        texts.delete(uri);
        await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
      } else {
        const method = METHODS[int(METHODS.length)];
        const params = paramsFor(method, uri);
        result.requests++;
        const t0 = performance.now();
        const request = withTimeout(client.connection.sendRequest(method, params), timeoutMs, `${method} ${JSON.stringify(params).slice(0, 200)}`)
          .then(
            () => undefined,
            (error: unknown) => {
              const code = (error as { code?: unknown }).code;
              if (typeof code === 'number') result.errorsAnswered++;
              else result.failures.push(`${method}: ${error instanceof Error ? error.message : String(error)}`);
            },
          )
          .finally(() => {
            const ms = performance.now() - t0;
            if (ms > result.slowestRequest.ms) result.slowestRequest = { method, ms };
            inFlight.delete(request);
          });
        inFlight.add(request);
        if (inFlight.size >= 8) await Promise.race(inFlight);
      }
      if (result.messages % 1000 === 0) log(`server: ${result.messages} messages, ${result.failures.length} failures`);
    }
    await Promise.all(inFlight);
    if (exited) {
      result.exitedEarly = true;
      result.failures.push(`the server exited during the run; stderr: ${client.stderr.join('').slice(-2000)}`);
    } else {
      result.hoverAfterMs = await timedHover();
      result.serverPeakRssBytes = peakRssOf(client.process.pid);
      const code = await withTimeout(client.stop(), timeoutMs, 'shutdown');
      if (code !== 0) result.failures.push(`the server exited with code ${code} after shutdown`);
    }
  } catch (error) {
    result.failures.push(`run aborted: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    client.kill();
  }
  result.elapsedMs = performance.now() - started;
  return result;
}

function pickFix(random: Random): string {
  const fixes = ['split-wave', 'set-concurrency', 'add-key', 'replace-value', 'break-cycle', 'create-vm', 'set-transport', 'bogus'];
  return fixes[Math.floor(random() * fixes.length)];
}
