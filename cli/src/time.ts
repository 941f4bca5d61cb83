/** Instants shown in a maintenance window's own UTC offset, as the planner wrote the window. */

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

/** Wall-clock fields of `epochMs` at `offsetMinutes`, rounded to the second. */
function wallClock(epochMs: number, offsetMinutes: number): Date {
  return new Date(Math.round(epochMs / 1000) * 1000 + offsetMinutes * MS_PER_MINUTE);
}

/** ISO 8601 with the given offset: `2026-12-05T22:00:00-05:00`. */
export function isoWithOffset(epochMs: number, offsetMinutes: number): string {
  const d = wallClock(epochMs, offsetMinutes);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offsetText(offsetMinutes)}`;
}

/** `2026-12-05` at the offset. */
export function dateText(epochMs: number, offsetMinutes: number): string {
  return isoWithOffset(epochMs, offsetMinutes).slice(0, 10);
}

/** `22:00`, or `01:30 +1d` when on a later day than `dayOfEpochMs` (both at the offset). */
export function clockText(epochMs: number, offsetMinutes: number, dayOfEpochMs: number): string {
  const iso = isoWithOffset(epochMs, offsetMinutes);
  const clock = iso.slice(11, 16);
  const days = Math.round((Date.parse(iso.slice(0, 10)) - Date.parse(dateText(dayOfEpochMs, offsetMinutes))) / 86_400_000);
  return days === 0 ? clock : `${clock} ${days > 0 ? '+' : ''}${days}d`;
}
