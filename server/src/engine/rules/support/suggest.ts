/** "Did you mean" for unknown ids: the closest known id within a small edit distance. */
import { editDistance } from '../../../../../shared/src/text/nearest';

/**
 * The known id closest to `unknown` (case-insensitive), if within a third of its length (at least
 * 1, at most 3 edits). Linear in the number of ids, each comparison bounded by the best so far.
 */
export function closestId(unknown: string, known: Iterable<string>): string | undefined {
  const limit = Math.min(3, Math.max(1, Math.floor(unknown.length / 3)));
  const target = unknown.toLowerCase();
  let best: string | undefined;
  let bestDistance = limit + 1;
  const histogram = new Int16Array(128);
  for (let k = 0; k < target.length; k++) {
    const c = target.charCodeAt(k);
    if (c < 128) histogram[c]++;
  }
  const asciiTarget = /^[\x00-\x7f]*$/.test(target);
  const scratch: number[] = [];
  for (const id of known) {
    // Cheap lower bounds first (a 20,000-VM plan has 20,000 ids to scan per unknown id).
    const bound = Math.min(limit, bestDistance);
    if (Math.abs(id.length - target.length) > bound) continue;
    if (asciiTarget && letterCountBound(histogram, target.length, id, scratch) > bound) continue;
    const d = editDistance(target, id.toLowerCase(), { limit: Math.min(limit, bestDistance) });
    if (d < bestDistance) {
      best = id;
      bestDistance = d;
      if (d === 0) break;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/**
 * A lower bound on the edit distance of the lowercase target (as counted in `histogram`) and `id`:
 * every edit fixes at most one surplus letter on each side, transpositions none. A non-ASCII id
 * gets 0 (no bound).
 */
function letterCountBound(histogram: Int16Array, targetLength: number, id: string, matched: number[]): number {
  matched.length = 0;
  let surplusInId = 0;
  let ascii = true;
  for (let k = 0; k < id.length; k++) {
    let c = id.charCodeAt(k);
    if (c >= 128) {
      ascii = false;
      break;
    }
    if (c >= 65 && c <= 90) c += 32;
    if (histogram[c] > 0) {
      histogram[c]--;
      matched.push(c);
    } else surplusInId++;
  }
  for (const c of matched) histogram[c]++;
  if (!ascii) return 0;
  return Math.max(surplusInId, targetLength - matched.length);
}
