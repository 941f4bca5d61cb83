/** "Did you mean" for unknown ids: the closest known id within a small edit distance. */

/** Levenshtein distance, giving up (returning `limit + 1`) once it must exceed `limit`. */
function distanceWithin(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1].toLowerCase() === b[j - 1].toLowerCase() ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known id closest to `unknown` (case-insensitive match first), if within a third of its
 * length (at least 1, at most 3 edits). Linear in the number of ids, each comparison bounded.
 */
export function closestId(unknown: string, known: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(unknown.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const id of known) {
    const d = id.toLowerCase() === unknown.toLowerCase() ? 0 : distanceWithin(unknown, id, Math.min(limit, bestDistance));
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
