/**
 * The timeline's update message, packed: the per-VM rows (TimelineVm and its tooltip figures,
 * TimelineVmDetail) as one array per field instead of one object per VM. A 5,000-VM plan is ~25,000
 * small objects, and copying them (postMessage's structured clone, or JSON in VS Code) costs far
 * more than copying a few long arrays of numbers and strings. Everything else in the message stays
 * as it is. The page unpacks on receipt, so the chart, table and tooltips see the same objects.
 * Plain data, no DOM or Node.
 */
import type { UpdateMessage } from './messages';
import type { TimelineActual, TimelinePhase, TimelineProblem, TimelineVm, TimelineVmDetail, WhatIfResult } from './protocol';

const PHASE_KINDS: readonly TimelinePhase['kind'][] = ['seed', 'disk', 'memory', 'switchover'];
const CRITICAL = 1;
const CONVERGES = 2;
const HAS_DETAIL = 4;
const RANGE_OPEN = 8;

/** Column-wise VMs: index i of every array belongs to VM i (in schedule order). */
export interface PackedVms {
  readonly count: number;
  readonly ids: readonly string[];
  /** null when the VM has no name. */
  readonly names: readonly (string | null)[];
  readonly waveIndex: readonly number[];
  readonly startEpochMs: readonly number[];
  readonly endEpochMs: readonly number[];
  /** CRITICAL | CONVERGES | HAS_DETAIL | RANGE_OPEN bits. */
  readonly flags: readonly number[];
  readonly switchoverSeconds: readonly number[];
  readonly totalSeconds: readonly number[];
  /** The range of totalSeconds (equal to it when the server sent none). */
  readonly lowSeconds: readonly number[];
  readonly highSeconds: readonly number[];
  /** Index into `strings`. */
  readonly limitedBy: readonly number[];
  readonly line: readonly number[];
  /** Phases of VM i: phaseKind/phaseStart/phaseEnd[phaseOffset[i] .. phaseOffset[i + 1]). */
  readonly phaseOffset: readonly number[];
  readonly phaseKind: readonly number[];
  readonly phaseStartEpochMs: readonly number[];
  readonly phaseEndEpochMs: readonly number[];
  /** depends_on of VM i: dependsOn[depOffset[i] .. depOffset[i + 1]). */
  readonly depOffset: readonly number[];
  readonly dependsOn: readonly string[];
  /** Tooltip figures, 0 where a VM has no detail (flags says which have one). */
  readonly memoryBytes: readonly number[];
  readonly memorySeconds: readonly number[];
  readonly rounds: readonly number[];
  readonly diskBytes: readonly number[];
  readonly diskSeconds: readonly number[];
  readonly seedSeconds: readonly number[];
  readonly setupSeconds: readonly number[];
  readonly dirtyRateBytesPerSecond: readonly number[];
  /** Index into `strings`. */
  readonly dirtyRateSource: readonly number[];
  readonly throughputBytesPerSecond: readonly number[];
  /** Index into `strings`. */
  readonly storage: readonly number[];
  /** The few distinct words (limitedBy, dirty-rate source, storage), each once. */
  readonly strings: readonly string[];
  /** VM problems, few: VM i's are those with problemVm === i (absent from older hosts). */
  readonly problemVm?: readonly number[];
  readonly problems?: readonly TimelineProblem[];
  /** Recorded actuals and re-forecasts (issue 14), few: VM i's are those with actualVm / forecastVm === i. */
  readonly actualVm?: readonly number[];
  readonly actuals?: readonly TimelineActual[];
  readonly forecastVm?: readonly number[];
  readonly forecasts?: readonly { readonly startEpochMs: number; readonly endEpochMs: number }[];
}

/** An update whose `result.schedule.vms` and `result.details` travel in `packed` (and are empty). */
export interface PackedUpdateMessage extends UpdateMessage {
  readonly packed: PackedVms;
}

export function packVms(vms: readonly TimelineVm[], details: Readonly<Record<string, TimelineVmDetail>>): PackedVms {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const word = (s: string): number => {
    let i = stringIndex.get(s);
    if (i === undefined) {
      i = strings.length;
      strings.push(s);
      stringIndex.set(s, i);
    }
    return i;
  };
  const p = {
    count: vms.length, ids: [] as string[], names: [] as (string | null)[], waveIndex: [] as number[], startEpochMs: [] as number[], endEpochMs: [] as number[],
    flags: [] as number[], switchoverSeconds: [] as number[], totalSeconds: [] as number[], lowSeconds: [] as number[], highSeconds: [] as number[], limitedBy: [] as number[], line: [] as number[],
    phaseOffset: [0] as number[], phaseKind: [] as number[], phaseStartEpochMs: [] as number[], phaseEndEpochMs: [] as number[],
    depOffset: [0] as number[], dependsOn: [] as string[],
    memoryBytes: [] as number[], memorySeconds: [] as number[], rounds: [] as number[], diskBytes: [] as number[], diskSeconds: [] as number[],
    seedSeconds: [] as number[], setupSeconds: [] as number[], dirtyRateBytesPerSecond: [] as number[], dirtyRateSource: [] as number[],
    throughputBytesPerSecond: [] as number[], storage: [] as number[], strings, problemVm: [] as number[], problems: [] as TimelineProblem[],
    actualVm: [] as number[], actuals: [] as TimelineActual[], forecastVm: [] as number[], forecasts: [] as { startEpochMs: number; endEpochMs: number }[],
  };
  for (const vm of vms) {
    const d = Object.prototype.hasOwnProperty.call(details, vm.id) ? details[vm.id] : undefined;
    p.ids.push(vm.id);
    p.names.push(vm.name ?? null);
    p.waveIndex.push(vm.waveIndex);
    p.startEpochMs.push(vm.startEpochMs);
    p.endEpochMs.push(vm.endEpochMs);
    p.flags.push((vm.critical ? CRITICAL : 0) | (vm.converges ? CONVERGES : 0) | (d ? HAS_DETAIL : 0) | (vm.rangeOpen ? RANGE_OPEN : 0));
    p.switchoverSeconds.push(vm.switchoverSeconds);
    p.totalSeconds.push(vm.totalSeconds);
    p.lowSeconds.push(vm.lowSeconds ?? vm.totalSeconds);
    p.highSeconds.push(vm.highSeconds ?? vm.totalSeconds);
    p.limitedBy.push(word(vm.limitedBy));
    p.line.push(vm.line);
    for (const ph of vm.phases) {
      p.phaseKind.push(PHASE_KINDS.indexOf(ph.kind));
      p.phaseStartEpochMs.push(ph.startEpochMs);
      p.phaseEndEpochMs.push(ph.endEpochMs);
    }
    p.phaseOffset.push(p.phaseKind.length);
    p.dependsOn.push(...vm.dependsOn);
    p.depOffset.push(p.dependsOn.length);
    p.memoryBytes.push(d?.memoryBytes ?? 0);
    p.memorySeconds.push(d?.memorySeconds ?? 0);
    p.rounds.push(d?.rounds ?? 0);
    p.diskBytes.push(d?.diskBytes ?? 0);
    p.diskSeconds.push(d?.diskSeconds ?? 0);
    p.seedSeconds.push(d?.seedSeconds ?? 0);
    p.setupSeconds.push(d?.setupSeconds ?? 0);
    p.dirtyRateBytesPerSecond.push(d?.dirtyRateBytesPerSecond ?? 0);
    p.dirtyRateSource.push(word(d?.dirtyRateSource ?? ''));
    p.throughputBytesPerSecond.push(d?.throughputBytesPerSecond ?? 0);
    p.storage.push(word(d?.storage ?? ''));
    for (const problem of vm.problems ?? []) {
      p.problemVm.push(p.ids.length - 1);
      p.problems.push({ code: problem.code, severity: problem.severity, message: problem.message });
    }
    if (vm.actual) {
      p.actualVm.push(p.ids.length - 1);
      p.actuals.push({ startEpochMs: vm.actual.startEpochMs, endEpochMs: vm.actual.endEpochMs, status: vm.actual.status });
    }
    if (vm.forecast) {
      p.forecastVm.push(p.ids.length - 1);
      p.forecasts.push({ startEpochMs: vm.forecast.startEpochMs, endEpochMs: vm.forecast.endEpochMs });
    }
  }
  return p;
}

const NO_DEPENDENCIES: readonly string[] = Object.freeze([]);

/** The VM objects, and their tooltip figures made on first access (only hovered VMs need them). */
export function unpackVms(p: PackedVms): { vms: TimelineVm[]; details: Readonly<Record<string, TimelineVmDetail>> } {
  const vms: TimelineVm[] = new Array<TimelineVm>(p.count);
  const indexOf = new Map<string, number>();
  const problemsOf = new Map<number, TimelineProblem[]>();
  (p.problemVm ?? []).forEach((i, k) => {
    const problem = p.problems?.[k];
    if (!problem) return;
    const list = problemsOf.get(i);
    if (list) list.push(problem);
    else problemsOf.set(i, [problem]);
  });
  const actualOf = new Map<number, TimelineActual>();
  (p.actualVm ?? []).forEach((i, k) => { const a = p.actuals?.[k]; if (a) actualOf.set(i, a); });
  const forecastOf = new Map<number, { startEpochMs: number; endEpochMs: number }>();
  (p.forecastVm ?? []).forEach((i, k) => { const f = p.forecasts?.[k]; if (f) forecastOf.set(i, f); });
  for (let i = 0; i < p.count; i++) {
    const phases: TimelinePhase[] = [];
    for (let k = p.phaseOffset[i]; k < p.phaseOffset[i + 1]; k++) {
      phases.push({ kind: PHASE_KINDS[p.phaseKind[k]] ?? 'memory', startEpochMs: p.phaseStartEpochMs[k], endEpochMs: p.phaseEndEpochMs[k] });
    }
    const name = p.names[i];
    const vm: TimelineVm = {
      id: p.ids[i],
      name: name ?? undefined,
      waveIndex: p.waveIndex[i],
      startEpochMs: p.startEpochMs[i],
      endEpochMs: p.endEpochMs[i],
      phases,
      dependsOn: p.depOffset[i] === p.depOffset[i + 1] ? NO_DEPENDENCIES : p.dependsOn.slice(p.depOffset[i], p.depOffset[i + 1]),
      critical: (p.flags[i] & CRITICAL) !== 0,
      converges: (p.flags[i] & CONVERGES) !== 0,
      switchoverSeconds: p.switchoverSeconds[i],
      totalSeconds: p.totalSeconds[i],
      lowSeconds: p.lowSeconds[i],
      highSeconds: p.highSeconds[i],
      rangeOpen: (p.flags[i] & RANGE_OPEN) !== 0 ? true : undefined,
      limitedBy: p.strings[p.limitedBy[i]] ?? '',
      line: p.line[i],
      ...(problemsOf.has(i) ? { problems: problemsOf.get(i) } : {}),
      ...(actualOf.has(i) ? { actual: actualOf.get(i) } : {}),
      ...(forecastOf.has(i) ? { forecast: forecastOf.get(i) } : {}),
    };
    vms[i] = vm;
    if ((p.flags[i] & HAS_DETAIL) !== 0 && !indexOf.has(vm.id)) indexOf.set(vm.id, i);
  }
  return { vms, details: lazyDetails(p, indexOf) };
}

/** A read-only record of VM id -> detail whose entries are built when read. */
function lazyDetails(p: PackedVms, indexOf: ReadonlyMap<string, number>): Readonly<Record<string, TimelineVmDetail>> {
  const made = new Map<string, TimelineVmDetail>();
  const detail = (id: string): TimelineVmDetail | undefined => {
    const i = indexOf.get(id);
    if (i === undefined) return undefined;
    let d = made.get(id);
    if (!d) {
      d = {
        memoryBytes: p.memoryBytes[i],
        memorySeconds: p.memorySeconds[i],
        rounds: p.rounds[i],
        diskBytes: p.diskBytes[i],
        diskSeconds: p.diskSeconds[i],
        seedSeconds: p.seedSeconds[i],
        setupSeconds: p.setupSeconds[i],
        dirtyRateBytesPerSecond: p.dirtyRateBytesPerSecond[i],
        dirtyRateSource: p.strings[p.dirtyRateSource[i]] ?? '',
        throughputBytesPerSecond: p.throughputBytesPerSecond[i],
        storage: p.strings[p.storage[i]] ?? '',
      };
      made.set(id, d);
    }
    return d;
  };
  // No prototype: a VM id such as `__proto__` or `constructor` is just a key.
  return new Proxy(Object.create(null) as Record<string, TimelineVmDetail>, {
    get: (_target, key) => (typeof key === 'string' ? detail(key) : undefined),
    has: (_target, key) => typeof key === 'string' && indexOf.has(key),
    ownKeys: () => [...indexOf.keys()],
    getOwnPropertyDescriptor: (_target, key) => {
      const d = typeof key === 'string' ? detail(key) : undefined;
      return d ? { value: d, enumerable: true, configurable: true, writable: false } : undefined;
    },
  });
}

/** The message the host posts: VMs and their details packed, the rest unchanged. */
export function packUpdate(message: UpdateMessage): PackedUpdateMessage {
  const result = message.result;
  const packed = packVms(result.schedule.vms, result.details);
  return { ...message, result: { ...result, schedule: { ...result.schedule, vms: [] }, details: {} }, packed };
}

function isNumArray(v: unknown, length?: number): boolean {
  if (!Array.isArray(v) || (length !== undefined && v.length !== length)) return false;
  // A plain loop: this runs over ~20 arrays of every VM on each update.
  for (let i = 0; i < v.length; i++) if (typeof v[i] !== 'number' || !Number.isFinite(v[i])) return false;
  return true;
}

/** Whether `raw` is a well-formed PackedVms (the page trusts only those; offsets and indexes in range). */
export function isPackedVms(raw: unknown): raw is PackedVms {
  if (typeof raw !== 'object' || raw === null) return false;
  const p = raw as Record<string, unknown>;
  const n = p.count;
  if (!Number.isInteger(n) || (n as number) < 0) return false;
  const count = n as number;
  const perVm = ['waveIndex', 'startEpochMs', 'endEpochMs', 'flags', 'switchoverSeconds', 'totalSeconds', 'lowSeconds', 'highSeconds', 'limitedBy', 'line', 'memoryBytes', 'memorySeconds', 'rounds',
    'diskBytes', 'diskSeconds', 'seedSeconds', 'setupSeconds', 'dirtyRateBytesPerSecond', 'dirtyRateSource', 'throughputBytesPerSecond', 'storage'];
  if (!perVm.every((k) => isNumArray(p[k], count))) return false;
  if (!Array.isArray(p.ids) || p.ids.length !== count || !p.ids.every((s) => typeof s === 'string')) return false;
  if (!Array.isArray(p.names) || p.names.length !== count || !p.names.every((s) => s === null || typeof s === 'string')) return false;
  if (!Array.isArray(p.strings) || !p.strings.every((s) => typeof s === 'string')) return false;
  if (!Array.isArray(p.dependsOn) || !p.dependsOn.every((s) => typeof s === 'string')) return false;
  const phases = (p.phaseKind as unknown[] | undefined)?.length ?? -1;
  if (!isNumArray(p.phaseKind) || !isNumArray(p.phaseStartEpochMs, phases) || !isNumArray(p.phaseEndEpochMs, phases)) return false;
  const offsetsOk = (offsets: unknown, total: number): boolean => {
    if (!isNumArray(offsets, count + 1)) return false;
    const o = offsets as number[];
    if (o[0] !== 0 || o[count] !== total) return false;
    for (let i = 0; i < count; i++) if (!(o[i] <= o[i + 1])) return false;
    return true;
  };
  if (p.problemVm !== undefined || p.problems !== undefined) {
    if (!isNumArray(p.problemVm) || !Array.isArray(p.problems) || p.problems.length !== (p.problemVm as number[]).length) return false;
    if (!(p.problemVm as number[]).every((i) => Number.isInteger(i) && i >= 0 && i < count)) return false;
    const isProblem = (x: unknown): boolean => {
      if (typeof x !== 'object' || x === null) return false;
      const o = x as Record<string, unknown>;
      return typeof o.code === 'string' && (o.severity === 'error' || o.severity === 'warning') && typeof o.message === 'string';
    };
    if (!p.problems.every(isProblem)) return false;
  }
  const sparse = (vm: unknown, items: unknown, isItem: (x: Record<string, unknown>) => boolean): boolean => {
    if (vm === undefined && items === undefined) return true;
    if (!isNumArray(vm) || !Array.isArray(items) || items.length !== (vm as number[]).length) return false;
    if (!(vm as number[]).every((i) => Number.isInteger(i) && i >= 0 && i < count)) return false;
    return items.every((x) => typeof x === 'object' && x !== null && isItem(x as Record<string, unknown>));
  };
  const finite = (x: unknown): boolean => typeof x === 'number' && Number.isFinite(x);
  if (!sparse(p.actualVm, p.actuals, (a) => finite(a.startEpochMs) && (a.endEpochMs === undefined || a.endEpochMs === null || finite(a.endEpochMs))
    && (a.status === 'succeeded' || a.status === 'failed' || a.status === 'cancelled' || a.status === 'running'))) return false;
  if (!sparse(p.forecastVm, p.forecasts, (f) => finite(f.startEpochMs) && finite(f.endEpochMs))) return false;
  return offsetsOk(p.phaseOffset, phases) && offsetsOk(p.depOffset, p.dependsOn.length);
}

/** The update as the page uses it: packed VMs and details restored; an unpacked message as it is. */
export function unpackUpdate(message: UpdateMessage & { readonly packed?: unknown }): UpdateMessage | undefined {
  if (message.packed === undefined) return message;
  if (!isPackedVms(message.packed)) return undefined;
  const { vms, details } = unpackVms(message.packed);
  const result: WhatIfResult = { ...message.result, schedule: { ...message.result.schedule, vms }, details };
  const { packed: _packed, ...rest } = message;
  return { ...rest, result };
}
