/**
 * The one place that parses and formats quantities and converts units.
 *
 * Base units: sizes in bytes, rates in bytes per second, durations in seconds, distances in
 * kilometres, percentages as fractions (1 % = 0.01). Bits vs bytes and SI (10^n) vs binary (2^n)
 * prefixes are honoured exactly (docs/sources.md, "Units": Mbps/Gbps = 10^6/10^9 bit/s; MB = 10^6 bytes,
 * MiB = 2^20 bytes). Nothing else in the code base multiplies by 8 or 1024.
 */
import { editDistance } from '../text/nearest';

export type QuantityKind = 'size' | 'rate' | 'duration' | 'distance' | 'percent';

export const BITS_PER_BYTE = 8;
const KIB = 1024;

interface UnitDef {
  /** The spelling users see in suggestions and formatted output. */
  readonly canonical: string;
  /** Extra spellings accepted exactly (case-sensitive). */
  readonly aliases: readonly string[];
  /** Factor to the base unit of the kind. */
  readonly factor: number;
}

function sizeUnits(): UnitDef[] {
  const units: UnitDef[] = [{ canonical: 'B', aliases: ['byte', 'bytes'], factor: 1 }];
  const si = ['k', 'M', 'G', 'T', 'P'];
  si.forEach((p, i) => {
    const decimal = Math.pow(1000, i + 1);
    const binary = Math.pow(KIB, i + 1);
    const upper = p.toUpperCase();
    units.push({ canonical: `${upper}B`, aliases: p === 'k' ? ['kB'] : [], factor: decimal });
    units.push({ canonical: `${upper}iB`, aliases: p === 'k' ? ['kiB'] : [], factor: binary });
    // Bits: 1 Mb = 10^6 bit = 125,000 bytes.
    units.push({ canonical: `${p === 'k' ? 'k' : upper}b`, aliases: [`${upper}bit`, `${p}bit`, ...(p === 'k' ? ['Kb'] : [])], factor: decimal / BITS_PER_BYTE });
  });
  return units;
}

function rateUnits(): UnitDef[] {
  const units: UnitDef[] = [];
  for (const size of sizeUnits()) {
    const isBits = /b$|bit$/.test(size.canonical) && !/B$/.test(size.canonical);
    const names = [size.canonical, ...size.aliases].filter((n) => n !== 'byte' && n !== 'bytes');
    const aliases = new Set<string>();
    for (const n of names) {
      aliases.add(`${n}/s`);
      if (isBits) aliases.add(`${n.replace(/bit$/, 'b')}ps`);
    }
    if (size.canonical === 'B') aliases.add('Bps');
    const canonical = isBits ? `${size.canonical}ps` : `${size.canonical}/s`;
    aliases.delete(canonical);
    units.push({ canonical, aliases: [...aliases], factor: size.factor });
  }
  units.push({ canonical: 'bps', aliases: ['bit/s', 'b/s'], factor: 1 / BITS_PER_BYTE });
  return units;
}

const DURATION_UNITS: UnitDef[] = [
  { canonical: 'us', aliases: ['µs', 'μs', 'usec'], factor: 1e-6 },
  { canonical: 'ms', aliases: ['msec', 'millisecond', 'milliseconds'], factor: 1e-3 },
  { canonical: 's', aliases: ['sec', 'secs', 'second', 'seconds'], factor: 1 },
  { canonical: 'min', aliases: ['mins', 'minute', 'minutes', 'm'], factor: 60 },
  { canonical: 'h', aliases: ['hr', 'hrs', 'hour', 'hours'], factor: 3600 },
  { canonical: 'd', aliases: ['day', 'days'], factor: 86400 },
];

const DISTANCE_UNITS: UnitDef[] = [
  { canonical: 'km', aliases: ['kilometre', 'kilometres', 'kilometer', 'kilometers'], factor: 1 },
  { canonical: 'm', aliases: ['metre', 'metres', 'meter', 'meters'], factor: 1e-3 },
  { canonical: 'mi', aliases: ['mile', 'miles'], factor: 1.609344 },
];

const PERCENT_UNITS: UnitDef[] = [{ canonical: '%', aliases: ['percent'], factor: 0.01 }];

const UNITS: Record<QuantityKind, UnitDef[]> = {
  size: sizeUnits(),
  rate: rateUnits(),
  duration: DURATION_UNITS,
  distance: DISTANCE_UNITS,
  percent: PERCENT_UNITS,
};

const EXAMPLES: Record<QuantityKind, string> = {
  size: '64 GiB',
  rate: '10 Gbps',
  duration: '45 min',
  distance: '1060 km',
  percent: '0.01 %',
};

/** The unit suggested for a bare number when nothing more is known than its kind. */
const DEFAULT_UNIT: Record<QuantityKind, string> = { size: 'GiB', rate: 'Mbps', duration: 's', distance: 'km', percent: '%' };

/**
 * What a bare number most plausibly meant for a given key: the unit its values are usually written
 * in (an RTT in ms, a window in hours), and for shares whether a number below 1 is a fraction
 * (`migration_share: 0.6` is 60 %, not 0.6 %). Accepting the suggestion must not be a 100x error.
 */
export interface BareNumberHint {
  readonly unit: string;
  /** A number strictly between 0 and 1 is a fraction: suggest it as a percentage. */
  readonly fraction?: boolean;
}

/** Hints by runbook key (`window.duration` and step `duration` are told apart by the caller). */
export const BARE_NUMBER_HINTS: Readonly<Record<string, BareNumberHint>> = {
  rtt: { unit: 'ms' },
  'window.duration': { unit: 'h' },
  'step.duration': { unit: 'min' },
  rpo: { unit: 'min' },
  memory: { unit: 'GiB' },
  active_memory: { unit: 'GiB' },
  hot_set: { unit: 'MiB' },
  disk: { unit: 'GiB' },
  provisioned: { unit: 'GiB' },
  used: { unit: 'GiB' },
  socket_buffer: { unit: 'MiB' },
  bandwidth: { unit: 'Mbps' },
  vmotion_nic: { unit: 'Gbps' },
  dirty_rate: { unit: 'MB/s' },
  disk_change_rate: { unit: 'MB/s' },
  distance: { unit: 'km' },
  migration_share: { unit: '%', fraction: true },
  efficiency: { unit: '%', fraction: true },
  loss: { unit: '%' },
};

/** Unit spellings by kind, canonical first: used by completion and suggestions. */
export function unitsOf(kind: QuantityKind): string[] {
  return UNITS[kind].map((u) => u.canonical);
}

export function exampleOf(kind: QuantityKind): string {
  return EXAMPLES[kind];
}

const lookup = new Map<QuantityKind, Map<string, UnitDef>>();
for (const kind of Object.keys(UNITS) as QuantityKind[]) {
  const map = new Map<string, UnitDef>();
  for (const u of UNITS[kind]) {
    map.set(u.canonical, u);
    for (const a of u.aliases) if (!map.has(a)) map.set(a, u);
  }
  lookup.set(kind, map);
}

export interface Quantity {
  readonly ok: true;
  readonly kind: QuantityKind;
  /** In the kind's base unit (bytes, bytes/s, seconds, km, fraction). */
  readonly value: number;
  readonly number: number;
  readonly unit: string;
}

export interface QuantityError {
  readonly ok: false;
  readonly message: string;
  /** A corrected text for the whole value, when one is likely (for quick fixes). */
  readonly suggestion?: string;
  /** The offending part inside the text, as offsets, to narrow the diagnostic range. */
  readonly start: number;
  readonly end: number;
}

export type QuantityResult = Quantity | QuantityError;

const NUMBER_RE = /^\s*([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|[+-]?\.\d+)((?:[eE][+-]?\d+)?)\s*(.*?)\s*$/;

/** Parses `text` (as written in the runbook) as a quantity of `kind`. Never throws. */
export function parseQuantity(text: string, kind: QuantityKind, hint?: BareNumberHint): QuantityResult {
  const match = NUMBER_RE.exec(text);
  const whole = { start: 0, end: text.length };
  if (!match) {
    return { ok: false, message: `'${text}' is not a ${kind} quantity; write a number and a unit, e.g. '${EXAMPLES[kind]}'.`, ...whole };
  }
  const numberText = match[1].replace(/,/g, '') + match[2];
  const number = Number(numberText);
  const unitText = match[3];
  const unitStart = text.lastIndexOf(unitText === '' ? text.trimEnd() : unitText);
  if (!Number.isFinite(number)) {
    return { ok: false, message: `'${text}': the number is not finite.`, ...whole };
  }
  if (unitText === '') {
    if (hint?.fraction === true && number > 0 && number < 1) {
      const percent = `${Number((number * 100).toPrecision(6))} %`;
      return { ok: false, message: `'${text}' has no unit; a share below 1 reads as a fraction, so write '${percent}' (or '${number} %' if you meant ${number} percent).`, suggestion: percent, ...whole };
    }
    const defaultUnit = hint?.unit ?? DEFAULT_UNIT[kind];
    return {
      ok: false,
      message: `'${text}' has no unit; write the unit explicitly, e.g. '${number} ${defaultUnit}'.`,
      suggestion: `${numberText} ${defaultUnit}`,
      ...whole,
    };
  }
  const unit = lookup.get(kind)!.get(unitText);
  if (!unit) {
    const best = closestUnit(unitText, kind);
    const other = kindOfUnit(unitText);
    const hint = other && other !== kind ? ` ('${unitText}' is a ${other} unit, a ${kind} is expected)` : '';
    const range = { start: Math.max(0, unitStart), end: Math.max(0, unitStart) + unitText.length };
    if (best) {
      return {
        ok: false,
        message: `'${text}': unknown ${kind} unit '${unitText}'${hint}; did you mean '${best}'?`,
        suggestion: `${match[1]}${match[2]} ${best}`,
        ...range,
      };
    }
    return {
      ok: false,
      message: `'${text}': unknown ${kind} unit '${unitText}'${hint}; use one of ${unitsOf(kind).slice(0, 12).join(', ')}.`,
      ...range,
    };
  }
  return { ok: true, kind, value: scale(number, unit.factor), number, unit: unit.canonical };
}

/** Divides by whole sub-unit counts (1 ms = 1/1000 s) so `18 ms` is exactly 0.018, not 0.018000000000000002. */
function scale(number: number, factor: number): number {
  if (factor >= 1) return number * factor;
  const divisor = Math.round(1 / factor);
  return Math.abs(divisor * factor - 1) < 1e-12 ? number / divisor : number * factor;
}

function kindOfUnit(unitText: string): QuantityKind | undefined {
  for (const [kind, map] of lookup) if (map.has(unitText)) return kind;
  return undefined;
}

/** The accepted unit nearest to `unitText` (edit distance, case differences cheap), if close. */
export function closestUnit(unitText: string, kind: QuantityKind): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const [spelling, def] of lookup.get(kind)!) {
    // A change of letter case costs half an edit: 'gbps' is nearer 'Gbps' than 'Mbps' is.
    const score = editDistance(unitText, spelling, { caseCost: 0.5 }) + (spelling === def.canonical ? 0 : 0.1);
    if (score < bestScore) {
      bestScore = score;
      best = def.canonical;
    }
  }
  const limit = Math.max(1, Math.min(2, Math.floor(unitText.length / 2)));
  return bestScore <= limit + 0.1 ? best : undefined;
}


// ---------------------------------------------------------------------------------------------
// Conversions used by the model (the only multiplications by 8 and 1000 for units).

export function bitsPerSecond(bytesPerSecond: number): number {
  return bytesPerSecond * BITS_PER_BYTE;
}

export function bytesPerSecondFromBits(bitsPerSecondValue: number): number {
  return bitsPerSecondValue / BITS_PER_BYTE;
}

export function megabitsPerSecond(bytesPerSecond: number): number {
  return (bytesPerSecond * BITS_PER_BYTE) / 1e6;
}

export function bytesPerSecondFromMegabits(mbps: number): number {
  return (mbps * 1e6) / BITS_PER_BYTE;
}

export function milliseconds(seconds: number): number {
  return seconds * 1000;
}

export function secondsFromMilliseconds(ms: number): number {
  return ms / 1000;
}

export const BYTES_PER_GIB = KIB * KIB * KIB;
export const BYTES_PER_MIB = KIB * KIB;

// ---------------------------------------------------------------------------------------------
// Formatting for people.

function trimNumber(n: number, digits: number): string {
  const fixed = n.toFixed(digits);
  return fixed.includes('.') ? fixed.replace(/\.?0+$/, '') : fixed;
}

function significant(n: number): string {
  const abs = Math.abs(n);
  if (abs >= 100) return trimNumber(n, 0);
  if (abs >= 10) return trimNumber(n, 1);
  return trimNumber(n, 2);
}

/** Binary prefixes, as vSphere reports memory: `64 GiB`, `1.2 TiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let i = 0;
  while (Math.abs(v) >= KIB && i < units.length - 1) {
    v /= KIB;
    i++;
  }
  return `${significant(v)} ${units[i]}`;
}

/** Network rates in SI bits (`850 Mbps`, `9.5 Gbps`) as links are sold. */
export function formatBitRate(bytesPerSecond: number): string {
  const bits = bytesPerSecond * BITS_PER_BYTE;
  const units = ['bps', 'kbps', 'Mbps', 'Gbps', 'Tbps'];
  let v = bits;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${significant(v)} ${units[i]}`;
}

/** Storage-style rates in SI bytes (`58 MB/s`). */
export function formatByteRate(bytesPerSecond: number): string {
  const units = ['B/s', 'kB/s', 'MB/s', 'GB/s', 'TB/s'];
  let v = bytesPerSecond;
  let i = 0;
  while (Math.abs(v) >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return `${significant(v)} ${units[i]}`;
}

/** `0.4 s`, `42 s`, `12 min`, `3 h 12 min`, `2 d 4 h`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '∞';
  if (seconds < 0) return `-${formatDuration(-seconds)}`;
  if (seconds < 1) return `${trimNumber(seconds, seconds < 0.1 ? 3 : 2)} s`;
  if (seconds < 60) return `${trimNumber(seconds, seconds < 10 ? 1 : 0)} s`;
  const totalMinutes = Math.round(seconds / 60);
  if (totalMinutes < 60) return `${totalMinutes} min`;
  const days = Math.floor(totalMinutes / 1440);
  const hours = Math.floor((totalMinutes % 1440) / 60);
  const minutes = totalMinutes % 60;
  if (days > 0) return [`${days} d`, hours > 0 ? `${hours} h` : '', minutes > 0 ? `${minutes} min` : ''].filter(Boolean).join(' ');
  return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
}

/**
 * A range of durations: `12-18 min` when both ends share the unit, `40 s - 2 min` otherwise,
 * `12 min` when they round the same, `12 min or more` when the high end is open (Infinity).
 */
export function formatDurationRange(lowSeconds: number, highSeconds: number): string {
  const low = formatDuration(lowSeconds);
  if (!Number.isFinite(highSeconds)) return `${low} or more`;
  const high = formatDuration(highSeconds);
  if (low === high) return low;
  const lowUnit = /^[\d.]+ (s|min|h)$/.exec(low)?.[1];
  const highUnit = /^[\d.]+ (s|min|h)$/.exec(high)?.[1];
  if (lowUnit !== undefined && lowUnit === highUnit) return `${low.slice(0, -lowUnit.length - 1)}-${high}`;
  return `${low} - ${high}`;
}

export function formatMilliseconds(seconds: number): string {
  return `${significant(seconds * 1000)} ms`;
}

export function formatDistance(km: number): string {
  return `${significant(km)} km`;
}

export function formatPercent(fraction: number): string {
  return `${significant(fraction * 100)} %`;
}
