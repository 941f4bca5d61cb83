/**
 * Instants as the planner wrote them: in a given UTC offset, to the second, e.g.
 * `2026-12-05T22:00:00-05:00`. (cli/src/time.ts and service/codeActions.ts keep their own copies;
 * they can move here.)
 */

const MS_PER_MINUTE = 60_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** `-05:00`, `+05:30`, or `Z` for UTC. */
export function offsetText(offsetMinutes: number): string {
  if (offsetMinutes === 0) return 'Z';
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** ISO 8601 at the offset, rounded to the second; a value outside Date's range says so instead. */
export function isoWithOffset(epochMs: number, offsetMinutes: number): string {
  const d = new Date(Math.round(epochMs / 1000) * 1000 + offsetMinutes * MS_PER_MINUTE);
  if (!Number.isFinite(d.getTime())) return 'out of the calendar range';
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offsetText(offsetMinutes)}`;
}
