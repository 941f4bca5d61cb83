/** "Did you mean" for unknown ids: the closest known id within a small edit distance. */
import { editDistance } from '../nearest';

/**
 * The known id closest to `unknown` (case-insensitive), if within a third of its length (at least
 * 1, at most 3 edits). Linear in the number of ids, each comparison bounded by the best so far.
 */
export function closestId(unknown: string, known: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(unknown.length / 3)));
  const target = unknown.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const id of known) {
    // The distance is at least the length difference: skip without comparing (large plans).
    if (Math.abs(id.length - target.length) > Math.min(limit, bestDistance)) continue;
    const d = editDistance(target, id.toLowerCase(), { limit: Math.min(limit, bestDistance) });
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return bestDistance <= limit ? best : undefined;
}
