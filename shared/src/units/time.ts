/**
 * The one formatter of instants: every time shown to a planner (hover, inlay hint, code lens, CLI,
 * exports, timeline page, quick fixes) is an epoch instant shown in a UTC offset, usually the offset
 * its maintenance window was written in. Instants are rounded to the nearest second once, here;
 * the minute forms then drop the seconds of that rounded instant.
 */

const MS_PER_MINUTE = 60_000;

/** What is shown for an instant beyond what `Date` can represent (a 1e300 h duration can reach it). */
export const OUT_OF_CALENDAR = 'out of the calendar range';

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Wall-clock fields of `epochMs` at `offsetMinutes` (read with getUTC*), rounded to the second. */
function wallClock(epochMs: number, offsetMinutes: number): Date | undefined {
  const d = new Date(Math.round(epochMs / 1000) * 1000 + offsetMinutes * MS_PER_MINUTE);
  return Number.isFinite(d.getTime()) ? d : undefined;
}

function offsetDigits(offsetMinutes: number): string {
  const abs = Math.abs(offsetMinutes);
  return `${offsetMinutes < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** `-05:00`, `+05:30`, or `Z` for UTC: the offset as ISO 8601 writes it. */
export function offsetText(offsetMinutes: number): string {
  return offsetMinutes === 0 ? 'Z' : offsetDigits(offsetMinutes);
}

/** `UTC`, `UTC+01:00`, `UTC-05:00`: the offset as a label for people. */
export function offsetLabel(offsetMinutes: number): string {
  return offsetMinutes === 0 ? 'UTC' : `UTC${offsetDigits(offsetMinutes)}`;
}

/** ISO 8601 with the given offset: `2026-12-05T22:00:00-05:00` (`Z` for UTC). */
export function isoWithOffset(epochMs: number, offsetMinutes: number): string {
  const d = wallClock(epochMs, offsetMinutes);
  if (!d) return OUT_OF_CALENDAR;
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${offsetText(offsetMinutes)}`;
}

/** `2026-12-05 22:00 -05:00` (`UTC` for a zero offset): an instant for people, to the minute. */
export function formatLocalTime(epochMs: number, offsetMinutes: number): string {
  const iso = isoWithOffset(epochMs, offsetMinutes);
  if (iso === OUT_OF_CALENDAR) return iso;
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} ${offsetMinutes === 0 ? 'UTC' : offsetDigits(offsetMinutes)}`;
}

/** `2026-12-05` at the offset. */
export function dateText(epochMs: number, offsetMinutes: number): string {
  return isoWithOffset(epochMs, offsetMinutes).slice(0, 10);
}

/** `22:00`, or `01:30 +1d` when on a later day than `dayOfEpochMs` (both at the offset). */
export function clockText(epochMs: number, offsetMinutes: number, dayOfEpochMs: number): string {
  const iso = isoWithOffset(epochMs, offsetMinutes);
  if (iso === OUT_OF_CALENDAR) return iso;
  const clock = iso.slice(11, 16);
  const days = Math.round((Date.parse(iso.slice(0, 10)) - Date.parse(dateText(dayOfEpochMs, offsetMinutes))) / 86_400_000);
  return days === 0 ? clock : `${clock} ${days > 0 ? '+' : ''}${days}d`;
}

/**
 * `T+02:30`, `T+1d 04:00`: an instant as an offset from the plan's origin, for plans that nothing
 * anchors (no `start:` and no window, RB214): their times are durations, not dates.
 */
export function relativeText(epochMs: number, originEpochMs: number): string {
  const minutes = Math.round((epochMs - originEpochMs) / 60_000);
  if (!Number.isFinite(minutes)) return OUT_OF_CALENDAR;
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  const days = Math.floor(m / 1440);
  return `T${sign}${days > 0 ? `${days}d ` : ''}${pad(Math.floor((m % 1440) / 60))}:${pad(m % 60)}`;
}
