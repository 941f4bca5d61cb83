/**
 * "Did you mean ...?" for names and keywords: the candidate nearest to a misspelt word. Case,
 * `_` vs `-` and spaces are ignored first (`Replication_Async` -> `replication-async`), then
 * Damerau-Levenshtein distance decides, with a limit that grows with the word's length.
 */

function normalize(word: string): string {
  return word.trim().toLowerCase().replace(/[\s_]+/g, '-');
}

/** Optimal-string-alignment distance (a swap of two neighbours costs 1). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prevPrev[j - 2] + 1);
      row.push(d);
    }
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length];
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
    const d = editDistance(target, normalize(candidate));
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
