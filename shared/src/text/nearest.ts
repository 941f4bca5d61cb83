/**
 * "Did you mean ...?": the one edit-distance implementation, for names, keywords, ids and units.
 * `nearest` ignores case, `_` vs `-` and spaces first (`Replication_Async` -> `replication-async`),
 * then Damerau-Levenshtein distance decides, with a limit that grows with the word's length.
 */

export interface DistanceOptions {
  /** Cost of a letter that differs only in case (units care: `Mb` is not `MB`). Default 1. */
  readonly caseCost?: number;
  /** Give up once the distance must exceed this, returning a value above it (bounds the work). */
  readonly limit?: number;
}

/** Optimal-string-alignment distance (a swap of two neighbours costs 1). */
export function editDistance(a: string, b: string, options: DistanceOptions = {}): number {
  if (a === b) return 0;
  const caseCost = options.caseCost ?? 1;
  const limit = options.limit ?? Infinity;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let prevMin = 0;
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const x = a[i - 1];
      const y = b[j - 1];
      const cost = x === y ? 0 : x.toLowerCase() === y.toLowerCase() ? caseCost : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && x === b[j - 2] && a[i - 2] === y) d = Math.min(d, prevPrev[j - 2] + 1);
      row.push(d);
      if (d < rowMin) rowMin = d;
    }
    // A transposition reaches back two rows, so stop only when two rows in a row exceed the limit.
    if (rowMin > limit && prevMin > limit) return limit + 1;
    prevMin = rowMin;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
}

function normalize(word: string): string {
  return word.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/** The candidate closest to `word`, or undefined when none is plausibly meant. */
export function nearest(word: string, candidates: Iterable<string>): string | undefined {
  const target = normalize(word);
  if (target === '') return undefined;
  // 1 edit for short words, up to 3 for long ones: 'rop' -> 'rpo', 'wan-optimised' -> 'wan-optimized'.
  const limit = Math.max(1, Math.min(3, Math.floor(target.length / 3)));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const d = editDistance(target, normalize(candidate), { limit: Math.min(limit, bestDistance) });
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
