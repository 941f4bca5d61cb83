/**
 * Times as migration records write them, to UTC epoch milliseconds. Exports write local wall-clock
 * times without an offset (the vSphere Client and PowerCLI both format in the user's locale and
 * zone), so a time without an offset needs the one the user gives: a fixed `--utc-offset -06:00`,
 * or `--timezone America/Chicago`, converted with the ICU time-zone database that Node and VS Code
 * carry (`Intl.DateTimeFormat`), never a table of our own. Nothing is guessed: a day/month order
 * the file does not settle, a wall time that does not exist (spring forward) or exists twice (fall
 * back) in the zone, is an error that says what to give.
 */

export type DateOrder = 'mdy' | 'dmy' | 'ymd';

export interface WallClock {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  /** Minutes east of UTC when the text carried its own offset (or `Z`). */
  readonly offsetMinutes?: number;
}

/** How the first two numbers of a slashed date were read, and whether the text settles it. */
export interface ParsedTime {
  readonly clock: WallClock;
  /** For `1/2/2026`-style dates: which orders the text allows ('ymd' dates are never ambiguous). */
  readonly orders: readonly DateOrder[];
  /** The shape, to catch files that mix formats: 'iso', 'slash', 'dot'. */
  readonly shape: 'iso' | 'slash' | 'dot';
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const SLASH = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?\s*(AM|PM|a\.m\.|p\.m\.)?$/i;
const DOT = /^(\d{1,2})\.(\d{1,2})\.(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

function offsetOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (/^z$/i.test(text)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text);
  if (!m) return undefined;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function ms(fraction: string | undefined): number {
  return fraction ? Math.round(Number(`0.${fraction}`) * 1000) : 0;
}

function hour12(hour: number, meridiem: string | undefined): number | undefined {
  if (!meridiem) return hour;
  if (hour < 1 || hour > 12) return undefined;
  const pm = /^p/i.test(meridiem);
  return (hour % 12) + (pm ? 12 : 0);
}

/** Reads one time's shape; undefined when it is none of the shapes records use. */
export function parseTimeText(raw: string): ParsedTime | undefined {
  const text = raw.trim().replace(/\u202f|\u00a0/g, ' ');
  let m = ISO.exec(text);
  if (m) {
    const offset = offsetOf(m[8]);
    if (m[8] !== undefined && offset === undefined) return undefined;
    return { shape: 'iso', orders: ['ymd'], clock: { year: +m[1], month: +m[2], day: +m[3], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0), millisecond: ms(m[7]), offsetMinutes: offset } };
  }
  m = SLASH.exec(text);
  if (m) {
    const a = +m[1];
    const b = +m[2];
    const hour = hour12(+m[4], m[8]);
    if (hour === undefined) return undefined;
    const orders: DateOrder[] = [];
    if (a >= 1 && a <= 12 && b >= 1 && b <= 31) orders.push('mdy');
    if (b >= 1 && b <= 12 && a >= 1 && a <= 31) orders.push('dmy');
    if (orders.length === 0) return undefined;
    return { shape: 'slash', orders, clock: { year: +m[3], month: a, day: b, hour, minute: +m[5], second: +(m[6] ?? 0), millisecond: ms(m[7]) } };
  }
  m = DOT.exec(text);
  if (m) return { shape: 'dot', orders: ['dmy'], clock: { year: +m[3], month: +m[2], day: +m[1], hour: +m[4], minute: +m[5], second: +(m[6] ?? 0), millisecond: 0 } };
  return undefined;
}

/** The clock with the date order applied (slashed dates were read month first). */
export function withOrder(parsed: ParsedTime, order: DateOrder): WallClock {
  if (parsed.shape !== 'slash' || order !== 'dmy') return parsed.clock;
  return { ...parsed.clock, month: parsed.clock.day, day: parsed.clock.month };
}

function validClock(c: WallClock): boolean {
  const probe = new Date(Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second, c.millisecond));
  return probe.getUTCFullYear() === c.year && probe.getUTCMonth() === c.month - 1 && probe.getUTCDate() === c.day
    && probe.getUTCHours() === c.hour && probe.getUTCMinutes() === c.minute && c.second < 60;
}

/** Where a local time without an offset is: a fixed offset, or an IANA zone. */
export type TimeBasis = { readonly kind: 'offset'; readonly minutes: number } | { readonly kind: 'zone'; readonly zone: string };

/** `-06:00`, `+05:30`, `Z`, `UTC`, `UTC-6` to minutes east of UTC; undefined when unreadable. */
export function parseUtcOffset(text: string): number | undefined {
  const t = text.trim();
  if (/^(z|utc|gmt)$/i.test(t)) return 0;
  const m = /^(?:utc|gmt)?\s*([+-])(\d{1,2})(?::?(\d{2}))?$/i.exec(t);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (Number(m[2]) > 14 || Number(m[3] ?? 0) >= 60) return undefined;
  return (m[1] === '-' ? -1 : 1) * minutes;
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** The zone's formatter, or undefined when ICU does not know the zone. */
export function zoneFormat(zone: string): Intl.DateTimeFormat | undefined {
  let f = zoneFormats.get(zone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  } catch {
    return undefined;
  }
  zoneFormats.set(zone, f);
  return f;
}

/** The zone's offset (minutes east of UTC) at an instant. */
export function zoneOffsetMinutes(format: Intl.DateTimeFormat, epochMs: number): number {
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(epochMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
  return Math.round((asUtc - Math.floor(epochMs / 1000) * 1000) / 60_000);
}

export type LocalTimeResult = { readonly epochMs: number } | { readonly error: string };

/** A wall-clock time to an instant: its own offset first, else the basis the user gave. */
export function toEpochMs(clock: WallClock, basis: TimeBasis | undefined): LocalTimeResult {
  if (!validClock(clock)) return { error: 'is not a date and time of the calendar' };
  const wall = Date.UTC(clock.year, clock.month - 1, clock.day, clock.hour, clock.minute, clock.second, clock.millisecond);
  if (clock.offsetMinutes !== undefined) return { epochMs: wall - clock.offsetMinutes * 60_000 };
  if (!basis) return { error: 'has no UTC offset: give the one the export was written in (--utc-offset -06:00 or --timezone America/Chicago)' };
  if (basis.kind === 'offset') return { epochMs: wall - basis.minutes * 60_000 };
  const format = zoneFormat(basis.zone);
  if (!format) return { error: `cannot be placed: '${basis.zone}' is not a time zone this system knows` };
  // Every instant whose local time in the zone is this wall time: the zone's offsets a day either side.
  const candidates = new Set<number>();
  for (const probe of [wall - 86_400_000, wall, wall + 86_400_000]) {
    const epoch = wall - zoneOffsetMinutes(format, probe) * 60_000;
    if (wall - zoneOffsetMinutes(format, epoch) * 60_000 === epoch) candidates.add(epoch);
  }
  if (candidates.size === 1) return { epochMs: [...candidates][0] };
  if (candidates.size === 0) return { error: `does not exist in ${basis.zone} (the clocks jumped over it): give --utc-offset for this file` };
  return { error: `happened twice in ${basis.zone} (the clocks went back): give --utc-offset for the offset the export was written in` };
}
