/** One engine fuzz run: the hostile specials, every truncation of a small runbook, then mutations. */
import { fuzzOne, checkTooLarge, newStats, type EngineStats } from './engineFuzz';
import { mutate, randomYaml, sampleSmall, sampleTexts, seededRandom, specialInputs, tenMegabyteRunbook, type FuzzInput } from './corpus';

export interface EngineRunOptions {
  readonly seed: number;
  /** Mutated inputs to run after the fixed ones (ignored when `seconds` is set). */
  readonly mutations: number;
  /** Keep mutating until this many seconds have passed since the start. */
  readonly seconds?: number;
  /** Include the 10 MB generated runbook (slow: seconds). */
  readonly tenMegabytes: boolean;
  readonly repoRoot: string;
  readonly log?: (line: string) => void;
}

export interface EngineRunResult extends EngineStats {
  readonly peakRssBytes: number;
  readonly elapsedMs: number;
}

export function runEngineFuzz(options: EngineRunOptions): EngineRunResult {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const stats = newStats();
  const log = options.log ?? (() => undefined);

  for (const input of specialInputs(options.tenMegabytes)) fuzzOne(input, random, stats, 3);
  log(`engine: ${stats.inputs} special inputs`);

  const small = sampleSmall();
  for (let i = 0; i <= small.length; i++) fuzzOne({ kind: `small runbook truncated at ${i}`, text: small.slice(0, i) }, random, stats, 1);
  log(`engine: ${small.length + 1} truncations`);

  if (options.tenMegabytes) {
    const big = tenMegabyteRunbook();
    fuzzOne(big, random, stats, 2);
    const tooLarge = checkTooLarge(big.text, 1_000_000);
    if (tooLarge) stats.failures.push({ kind: big.kind, what: 'maxDocumentBytes', error: tooLarge, text: '' });
    log(`engine: ${big.kind} (${(big.text.length / 1e6).toFixed(1)} MB)`);
  } else {
    // The size limit holds without analysing: a 10 MB text is turned away in one diagnostic.
    const text = `runbook: 1\n${'# padding\n'.repeat(1_000_000)}`;
    const tooLarge = checkTooLarge(text, 1_000_000);
    if (tooLarge) stats.failures.push({ kind: '10 MB text over the limit', what: 'maxDocumentBytes', error: tooLarge, text: '' });
  }

  const bases: FuzzInput[] = [...sampleTexts(options.repoRoot), { kind: 'small', text: small }];
  const deadline = options.seconds !== undefined ? started + options.seconds * 1000 : Infinity;
  for (let i = 0; options.seconds !== undefined ? performance.now() < deadline : i < options.mutations; i++) {
    const input = random() < 0.1 ? { kind: 'random YAML', text: randomYaml(random) } : mutate(bases[Math.floor(random() * bases.length)], random);
    fuzzOne(input, random, stats);
    if (i > 0 && i % 500 === 0) log(`engine: ${stats.inputs} inputs, ${stats.failures.length} failures`);
  }
  return { ...stats, peakRssBytes: process.resourceUsage().maxRSS * 1024, elapsedMs: performance.now() - started };
}
