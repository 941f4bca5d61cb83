/**
 * The typed runbook model, built in one walk over the YAML AST. Every value keeps its source span,
 * so rules and editor features can point at it. Quantities are parsed here (and only here) into base
 * units; a bad quantity becomes an RB010 finding and the field is left undefined. Type and shape
 * errors are the schema's job (schema.ts): this builder silently skips values of the wrong type, so
 * the two never report the same problem twice.
 */
import { BuiltOnce } from './builtOnce';
import { DocumentMemo, type MovableSpan } from './memo';
import { isMap, isScalar, isSeq, type Document, type Node, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { Finding } from './findings';
import { BARE_NUMBER_HINTS, parseQuantity, type QuantityKind } from '../../../shared/src/units/quantity';
import type { Span } from './text';

export const QUANTITY_CODE = 'RB010';
export const DATE_CODE = 'RB011';

export interface Located<T> {
  readonly value: T;
  /** Span of the value node. */
  readonly span: Span;
  /** For a quantity: its unit as written, in its canonical spelling (`GB/s`, `Gbps`). */
  readonly unit?: string;
}

/** An entry of an id-keyed map (`sites`, `links`, `vms`). */
export interface Entry {
  readonly id: string;
  /** Span of the id (the key). */
  readonly keySpan: Span;
  /** Span of the whole entry: key through value. */
  readonly span: Span;
}

export type Purpose = 'planned-move' | 'disaster-avoidance' | 'load-balancing';
export const PURPOSES: readonly Purpose[] = ['planned-move', 'disaster-avoidance', 'load-balancing'];

export type StorageStrategy = 'shared' | 'storage-vmotion' | 'replication-async' | 'replication-sync';
export const STORAGE_STRATEGIES: readonly StorageStrategy[] = ['shared', 'storage-vmotion', 'replication-async', 'replication-sync'];

export type NetworkStrategy = 'stretched-vlan' | 'l2-extension' | 'wan-proxy' | 're-ip';
export const NETWORK_STRATEGIES: readonly NetworkStrategy[] = ['stretched-vlan', 'l2-extension', 'wan-proxy', 're-ip'];

export type Transport = 'tcp' | 'wan-optimized';
export const TRANSPORTS: readonly Transport[] = ['tcp', 'wan-optimized'];

/**
 * vSphere editions. `vsphere-foundation` (VVF) and `cloud-foundation` (VCF) are the subscription
 * editions sold from 2024; they include what Enterprise Plus gave (vsphere.ts licenseTier).
 */
export type License = 'enterprise-plus' | 'enterprise' | 'standard' | 'vsphere-foundation' | 'cloud-foundation';
export const LICENSES: readonly License[] = ['enterprise-plus', 'enterprise', 'standard', 'vsphere-foundation', 'cloud-foundation'];

/**
 * How a VM moves (docs/sources.md 5.2): vSphere vMotion, or one of VMware HCX's migration types, or a
 * cold migration (powered off for the whole transfer).
 */
export type MigrationMethod = 'vmotion' | 'hcx-vmotion' | 'hcx-bulk' | 'hcx-rav' | 'cold';
export const MIGRATION_METHODS: readonly MigrationMethod[] = ['vmotion', 'hcx-vmotion', 'hcx-bulk', 'hcx-rav', 'cold'];

/** What a VM has that can stop a live migration (docs/format.md, eligibility). */
export type VmFeature = 'passthrough' | 'sr-iov' | 'vgpu' | 'fault-tolerance' | 'shared-bus-scsi' | 'rdm-physical' | 'vtpm' | 'encrypted' | 'local-iso';
export const VM_FEATURES: readonly VmFeature[] = ['passthrough', 'sr-iov', 'vgpu', 'fault-tolerance', 'shared-bus-scsi', 'rdm-physical', 'vtpm', 'encrypted', 'local-iso'];

export type EncryptedVmotion = 'disabled' | 'opportunistic' | 'required';
export const ENCRYPTED_VMOTION: readonly EncryptedVmotion[] = ['disabled', 'opportunistic', 'required'];

/** Datastore types at the two ends of a Storage vMotion (KB 431479: cross-type copies are slower). */
export type DatastoreTypes = 'same' | 'different';
export const DATASTORE_TYPES: readonly DatastoreTypes[] = ['same', 'different'];

export type WorkloadProfile = 'idle' | 'light' | 'moderate' | 'heavy' | 'extreme';
export const WORKLOAD_PROFILES: readonly WorkloadProfile[] = ['idle', 'light', 'moderate', 'heavy', 'extreme'];

export interface Site extends Entry {
  readonly name?: Located<string>;
  /** vSphere version as written, e.g. "6.7", "7.0 U2", "8.0". */
  readonly vsphere?: Located<string>;
  readonly vcenter?: Located<string>;
  readonly license?: Located<License>;
  /** Speed of each host's vMotion NIC (bytes/s): decides the network concurrency limit. */
  readonly vmotionNicBytesPerSecond?: Located<number>;
  /** vMotion NICs per host (multi-NIC vMotion, docs/sources.md 1.5); 1 when not given. */
  readonly vmotionNics?: Located<number>;
  /** vMotion vmknics per host: one CPU-bound worker stream each (KB 323379, docs/sources.md 1.5); 1 when not given. */
  readonly vmotionVmknics?: Located<number>;
  /** EVC mode of the site's cluster (`intel-skylake`, `amd-zen2`), or its CPU generation without EVC. */
  readonly evc?: Located<string>;
  /** The key provider (KMS) the site's vCenter uses, for encrypted and vTPM VMs. */
  readonly keyProvider?: Located<string>;
  readonly location?: Located<{ readonly lat: number; readonly lon: number }>;
}

export interface Link extends Entry {
  readonly from?: Located<string>;
  readonly to?: Located<string>;
  readonly bandwidthBytesPerSecond?: Located<number>;
  readonly rttSeconds?: Located<number>;
  readonly distanceKm?: Located<number>;
  /** Fibre route length over straight-line distance. */
  readonly routeFactor?: Located<number>;
  /** Packet loss as a fraction (0.0001 = 0.01 %). */
  readonly lossFraction?: Located<number>;
  readonly transport?: Located<Transport>;
  /** Payload efficiency as a fraction. */
  readonly efficiencyFraction?: Located<number>;
  /** TCP socket buffer / window per stream (bytes), overriding vSphere's own behaviour. */
  readonly socketBufferBytes?: Located<number>;
  /** Share of the link the migrations may use, as a fraction. */
  readonly migrationShareFraction?: Located<number>;
  /** Data reduction of a WAN optimizer (bytes in / bytes on the wire), >= 1. */
  readonly compressionRatio?: Located<number>;
  /** Fitted from measured moves (`runbook calibrate`; docs/calibration.md). */
  readonly calibration?: LinkCalibration;
}

/** A link's calibration from measured moves: what estimates on it use instead of the model's rate and fixed time. */
export interface LinkCalibration {
  readonly span: Span;
  readonly source?: string;
  /** When measured (the date of the pilot), epoch ms. */
  readonly measuredEpochMs?: Located<number>;
  readonly moves?: number;
  /** Share of the modelled rate the link delivers, fitted (with `fixedSeconds`). */
  readonly rateFactor?: Located<number>;
  readonly fixedSeconds?: Located<number>;
  /** With too few moves for two parameters: measured / predicted. */
  readonly scale?: Located<number>;
  /** Largest relative residual of the fit, as a fraction. */
  readonly spreadFraction: number;
  /** The link as it was measured. */
  readonly asMeasured: {
    readonly bandwidthBytesPerSecond?: Located<number>;
    readonly transport?: Located<string>;
    readonly concurrency?: Located<number>;
  };
}

export interface Vm extends Entry {
  readonly name?: Located<string>;
  readonly memoryBytes?: Located<number>;
  /** Memory actually touched by the guest (non-zero pages), if known. */
  readonly activeMemoryBytes?: Located<number>;
  readonly dirtyRateBytesPerSecond?: Located<number>;
  readonly workload?: Located<WorkloadProfile>;
  /** Writable working set: pages re-dirtied so fast that pre-copy cannot shrink them. */
  readonly hotSetBytes?: Located<number>;
  readonly diskProvisionedBytes?: Located<number>;
  readonly diskUsedBytes?: Located<number>;
  readonly diskChangeRateBytesPerSecond?: Located<number>;
  readonly dependsOn: readonly Located<string>[];
  readonly dependsOnSpan?: Span;
  readonly storage?: Located<StorageStrategy>;
  /** Source ESXi host, for per-host concurrency. */
  readonly host?: Located<string>;
  readonly datastore?: Located<string>;
  /** Host vMotion NIC speed for this VM's hosts, overriding the sites' and the wave's. */
  readonly vmotionNicBytesPerSecond?: Located<number>;
  readonly encryptedVmotion?: Located<EncryptedVmotion>;
  /** Used vGPU frame buffer: copied while the VM is stunned (vSphere vGPU vMotion docs). */
  readonly vgpuMemoryBytes?: Located<number>;
  /** GPU model as written (e.g. `P40`, `V100`), for the frame-buffer copy rate. */
  readonly gpu?: Located<string>;
  /** Virtual hardware version (vmx-19 -> 19). */
  readonly hardwareVersion?: Located<number>;
  /** EVC mode the VM needs (its running CPU baseline), e.g. `intel-cascadelake`. */
  readonly evc?: Located<string>;
  /** Devices and settings that can stop a live migration. */
  readonly features: readonly Located<VmFeature>[];
  readonly method?: Located<MigrationMethod>;
}

export type StepKind = 'manual' | 'script' | 'check';
export const STEP_KINDS: readonly StepKind[] = ['manual', 'script', 'check'];

/** Where a step runs: before the wave's migrations, after them, or when rolling the wave back. */
export type StepPhase = 'before' | 'after' | 'rollback';
export const STEP_PHASES: readonly StepPhase[] = ['before', 'after', 'rollback'];

/** A step's duration: one quantity (best = worst) or a range `10-20 min`. */
export interface StepDuration {
  readonly bestSeconds: number;
  readonly worstSeconds: number;
  /** True when written as a range. */
  readonly range: boolean;
}

/** A human or scripted task around a wave (`before`, `after`, `rollback` lists). */
export interface Step {
  readonly id: Located<string>;
  readonly phase: StepPhase;
  /** Span of the whole list item. */
  readonly span: Span;
  readonly title?: Located<string>;
  readonly duration?: Located<StepDuration>;
  readonly owner?: Located<string>;
  /** `manual` when not written. */
  readonly kind?: Located<StepKind>;
  readonly command?: Located<string>;
  /** A check's pass criterion. */
  readonly expect?: Located<string>;
  /** Undefined when not written: the step then follows the previous one of its list. */
  readonly dependsOn?: readonly Located<string>[];
  readonly dependsOnSpan?: Span;
  readonly perVm?: Located<boolean>;
  /** True when the step comes from `defaults.steps` (its spans point into the defaults). */
  readonly fromDefaults: boolean;
}

/** A wave's steps after applying `defaults.steps` (minus `drop_steps` and the wave's overrides). */
export interface WaveSteps {
  readonly before: readonly Step[];
  readonly after: readonly Step[];
  readonly rollback: readonly Step[];
  /** `drop_steps`: default step ids this wave leaves out. */
  readonly dropped: readonly Located<string>[];
}

export interface DefaultSteps {
  readonly before: readonly Step[];
  readonly after: readonly Step[];
  readonly rollback: readonly Step[];
  /** `require_owner: true`: every step must name an owner. */
  readonly requireOwner?: Located<boolean>;
  readonly span: Span;
}

export interface WaveWindow {
  /** Epoch milliseconds of the window start. */
  readonly startEpochMs?: Located<number>;
  /** The start's UTC offset in minutes, as written (for display in the window's own zone). */
  readonly utcOffsetMinutes?: number;
  readonly durationSeconds?: Located<number>;
  readonly span: Span;
}

export interface Wave {
  readonly index: number;
  /** Span of the whole list item. */
  readonly span: Span;
  readonly name?: Located<string>;
  readonly link?: Located<string>;
  readonly window?: WaveWindow;
  readonly concurrency?: Located<number>;
  /** Source ESXi hosts the wave's VMs are spread over (per-host limits multiply). */
  readonly hosts?: Located<number>;
  /** Datastores the wave's disks are spread over (per-datastore limits multiply). */
  readonly datastores?: Located<number>;
  /** Host vMotion NIC speed for this wave's hosts, overriding the sites'. */
  readonly vmotionNicBytesPerSecond?: Located<number>;
  readonly vms: readonly Located<string>[];
  readonly vmsSpan?: Span;
  /** Effective steps (defaults applied); empty lists when the plan has none. */
  readonly steps: WaveSteps;
  readonly method?: Located<MigrationMethod>;
}

export interface StoragePlan {
  readonly strategy?: Located<StorageStrategy>;
  /** Replication interval for replication-async: the final delta is what changed in one RPO. */
  readonly rpoSeconds?: Located<number>;
  /** Storage vMotion between the same or different datastore types (KB 431479). */
  readonly datastoreTypes?: Located<DatastoreTypes>;
  readonly span: Span;
}

export interface NetworkPlan {
  readonly strategy?: Located<NetworkStrategy>;
  readonly span: Span;
}

export interface Defaults {
  readonly vsphere?: Located<string>;
  readonly transport?: Located<Transport>;
  readonly workload?: Located<WorkloadProfile>;
  readonly encryptedVmotion?: Located<EncryptedVmotion>;
  /** `defaults.steps`: recurring steps of every wave. */
  readonly steps?: DefaultSteps;
}

/** The plan's `start`: a date-time, or `now` (the moment of the analysis, or the CLI's `--now`). */
export interface PlanStart {
  readonly now: boolean;
  /** Epoch milliseconds when a date-time is written. */
  readonly epochMs?: number;
  /** The written UTC offset in minutes (0 for `now`). */
  readonly utcOffsetMinutes: number;
  readonly span: Span;
}

/**
 * What is derived from one model and read by several rules (which wave holds a VM, the moves, the
 * methods per link): each built once per model, by key. It belongs to the model (one analysis's),
 * so nothing is kept in a module. Not part of the model's data: JSON leaves it out.
 */
export class ModelLookups extends BuiltOnce {
  toJSON(): undefined {
    return undefined;
  }
}

export interface RunbookModel {
  readonly version?: Located<number>;
  readonly name?: Located<string>;
  readonly purpose?: Located<Purpose>;
  readonly deadlineEpochMs?: Located<number>;
  /** The deadline's UTC offset as written, for messages in the plan's own zone. */
  readonly deadlineUtcOffsetMinutes?: number;
  readonly start?: PlanStart;
  /** Plan-wide migration method (waves and VMs may override it). */
  readonly method?: Located<MigrationMethod>;
  readonly defaults: Defaults;
  readonly sites: ReadonlyMap<string, Site>;
  readonly links: ReadonlyMap<string, Link>;
  readonly vms: ReadonlyMap<string, Vm>;
  readonly waves: readonly Wave[];
  readonly storage?: StoragePlan;
  readonly network?: NetworkPlan;
  /** Spans of the top-level sections' keys, for navigation and fixes. */
  readonly sectionKeySpans: ReadonlyMap<string, Span>;
  /** Span of the document's content (for findings about the whole plan). */
  readonly rootSpan: Span;
  /** Lookups derived from this model (rules/support/lookup.ts), built once each; a copy of the model needs its own. */
  readonly lookups: ModelLookups;
}

// ---------------------------------------------------------------------------------------------

function calibrationOf(b: Builder, node: Node | null | undefined): LinkCalibration | undefined {
  if (!isMap(node)) return undefined;
  const measured = b.str(node, 'measured');
  const measuredMs = measured && /^\d{4}-\d{2}-\d{2}/.test(measured.value) ? Date.parse(measured.value.length === 10 ? `${measured.value}T00:00:00Z` : measured.value) : NaN;
  const link = get(node, 'link')?.value as Node | null | undefined;
  const spread = b.quantity(node, 'spread', 'percent');
  return {
    span: b.span(node),
    source: b.str(node, 'source')?.value,
    measuredEpochMs: measured && Number.isFinite(measuredMs) ? { value: measuredMs, span: measured.span } : undefined,
    moves: b.num(node, 'moves')?.value,
    rateFactor: b.num(node, 'rate_factor'),
    fixedSeconds: b.quantity(node, 'fixed_time', 'duration'),
    scale: b.num(node, 'scale'),
    spreadFraction: spread?.value ?? 0,
    asMeasured: { bandwidthBytesPerSecond: b.quantity(link, 'bandwidth', 'rate'), transport: b.str(link, 'transport'), concurrency: b.num(link, 'concurrency') },
  };
}

function pairs(node: Node | null | undefined): Pair[] {
  return isMap(node) ? (node as YAMLMap).items : [];
}

function keyText(pair: Pair): string | undefined {
  const key = pair.key as Node | null;
  if (isScalar(key) && (typeof key.value === 'string' || typeof key.value === 'number')) return String(key.value);
  return undefined;
}

function get(map: Node | null | undefined, key: string): Pair | undefined {
  for (const p of pairs(map)) if (keyText(p) === key) return p;
  return undefined;
}

/**
 * Builds the model. Model entries are kept in the document's memo by the YAML node they were built
 * from (a `sites`/`links`/`vms` pair, a `waves` item). An entry's model depends only on its own
 * node, and the incremental re-parse (incremental.ts) replaces exactly such an item when it is
 * edited and keeps every other one, only moving its offsets. So an unchanged node maps to the same
 * model entry, with its spans moved by as much as the node moved. A full parse makes new nodes, and
 * the old entries go with the old document.
 */
class Builder {
  readonly findings: Finding[] = [];

  constructor(private readonly memo: DocumentMemo) {}

  /** Spans made while a memoised entry is being built (they move with it later). */
  private spans: MovableSpan[] | undefined;

  /** The span of a node (a fresh object: memoised entries move their own spans). */
  span(node: Node | null | undefined): Span {
    const r = node?.range;
    return this.track(r ? { start: r[0], end: Math.max(r[0], r[1]) } : { start: 0, end: 0 });
  }

  track(made: MovableSpan): Span {
    this.spans?.push(made);
    return made;
  }

  /**
   * `build()`, or the entry built earlier from the same node (`owner`), its spans moved to where
   * the node now starts (`anchor`). Only for builds that read nothing but the node itself.
   */
  memoised<T>(owner: object, anchor: number | undefined, build: () => T): T {
    if (anchor === undefined) return build();
    const hit = this.memo.modelEntries.get(owner);
    if (hit) {
      const delta = anchor - hit.anchor;
      if (delta !== 0) {
        for (const s of hit.spans) {
          s.start += delta;
          s.end += delta;
        }
        hit.anchor = anchor;
      }
      for (const f of hit.findings) this.findings.push(f);
      return hit.value as T;
    }
    const outer = this.spans;
    const firstFinding = this.findings.length;
    const spans: MovableSpan[] = [];
    this.spans = spans;
    try {
      const value = build();
      this.memo.modelEntries.set(owner, { value, findings: this.findings.slice(firstFinding), spans, anchor });
      return value;
    } finally {
      this.spans = outer;
    }
  }

  str(map: Node | null | undefined, key: string): Located<string> | undefined {
    const value = get(map, key)?.value as Node | null | undefined;
    if (isScalar(value) && (typeof value.value === 'string' || typeof value.value === 'number') && value.value !== '') {
      return { value: String(value.value), span: this.span(value) };
    }
    return undefined;
  }

  oneOf<T extends string>(map: Node | null | undefined, key: string, allowed: readonly T[]): Located<T> | undefined {
    const s = this.str(map, key);
    return s && (allowed as readonly string[]).includes(s.value) ? (s as Located<T>) : undefined;
  }

  num(map: Node | null | undefined, key: string): Located<number> | undefined {
    const value = get(map, key)?.value as Node | null | undefined;
    if (isScalar(value) && typeof value.value === 'number' && Number.isFinite(value.value)) return { value: value.value, span: this.span(value) };
    return undefined;
  }

  /** `hintKey`: where the key alone is ambiguous (`window.duration`), for the bare-number suggestion. */
  quantity(map: Node | null | undefined, key: string, kind: QuantityKind, hintKey?: string): Located<number> | undefined {
    const node = get(map, key)?.value as Node | null | undefined;
    return this.quantityNode(node, kind, key, hintKey);
  }

  quantityNode(node: Node | null | undefined, kind: QuantityKind, key: string, hintKey?: string): Located<number> | undefined {
    if (!isScalar(node)) return undefined;
    const raw = (node as Scalar).value;
    if (typeof raw !== 'string' && typeof raw !== 'number') return undefined;
    const valueSpan = this.span(node);
    const source = (node as Scalar).source;
    const text = typeof raw === 'number' ? (source ?? String(raw)) : raw;
    const parsed = parseQuantity(text, kind, BARE_NUMBER_HINTS[hintKey ?? key]);
    if (parsed.ok) {
      if (parsed.value < 0) {
        this.findings.push({ code: QUANTITY_CODE, severity: 'error', message: `'${key}' is negative (${text}); a ${kind} must be zero or more.`, span: valueSpan });
        return undefined;
      }
      return { value: parsed.value, span: valueSpan, unit: parsed.unit };
    }
    // Narrow to the unit inside a plain scalar; quoted scalars shift by the quote.
    const quoteShift = (node as Scalar).type === 'QUOTE_DOUBLE' || (node as Scalar).type === 'QUOTE_SINGLE' ? 1 : 0;
    const inner = typeof raw === 'string' && parsed.end > parsed.start && parsed.end - parsed.start < text.length
      ? this.track({ start: valueSpan.start + quoteShift + parsed.start, end: valueSpan.start + quoteShift + parsed.end })
      : valueSpan;
    this.findings.push({
      code: QUANTITY_CODE,
      severity: 'error',
      message: `${key}: ${parsed.message}`,
      span: inner.end <= valueSpan.end ? inner : valueSpan,
      fix: parsed.suggestion ? { fix: 'replace-value', replacement: parsed.suggestion } : undefined,
    });
    return undefined;
  }

  bool(map: Node | null | undefined, key: string): Located<boolean> | undefined {
    const value = get(map, key)?.value as Node | null | undefined;
    return isScalar(value) && typeof value.value === 'boolean' ? { value: value.value, span: this.span(value) } : undefined;
  }

  /** A step duration: one quantity, or a range `10-20 min` / `10 min - 1 h` (best-worst). */
  stepDuration(map: Node | null | undefined): Located<StepDuration> | undefined {
    const node = get(map, 'duration')?.value as Node | null | undefined;
    if (!isScalar(node)) return undefined;
    const raw = (node as Scalar).value;
    const m = typeof raw === 'string' ? /^\s*(\d[^-–]*?)\s*(?:-|–|\bto\b)\s*(\d.*?)\s*$/.exec(raw) : null;
    if (!m) {
      const one = this.quantityNode(node, 'duration', 'duration', 'step.duration');
      return one && { value: { bestSeconds: one.value, worstSeconds: one.value, range: false }, span: one.span };
    }
    const where = this.span(node);
    const worst = parseQuantity(m[2], 'duration');
    // `10-20 min`: the lower bound borrows the upper bound's unit.
    const unit = m[2].replace(/^[\d.,\s]+/, '');
    let best = parseQuantity(m[1], 'duration');
    if (!best.ok && /^[\d.,\s]+$/.test(m[1])) best = parseQuantity(`${m[1].trim()} ${unit}`, 'duration');
    if (!best.ok || !worst.ok) {
      const bad = !best.ok ? best : worst;
      this.findings.push({ code: QUANTITY_CODE, severity: 'error', message: `duration: '${String(raw)}' is not a duration or a range such as '10-20 min': ${bad.ok ? '' : bad.message}`, span: where });
      return undefined;
    }
    return { value: { bestSeconds: best.value, worstSeconds: worst.value, range: true }, span: where };
  }

  step(node: Node, phase: StepPhase, fromDefaults: boolean): Step | undefined {
    const id = this.str(node, 'id');
    if (!isMap(node) || !id) return undefined; // the schema reports a step without an id
    const deps = get(node, 'depends_on') ? this.idList(node, 'depends_on') : undefined;
    return {
      id,
      phase,
      span: this.span(node),
      title: this.str(node, 'title'),
      duration: this.stepDuration(node),
      owner: this.str(node, 'owner'),
      kind: this.oneOf(node, 'kind', STEP_KINDS),
      command: this.str(node, 'command'),
      expect: this.str(node, 'expect'),
      dependsOn: deps?.items,
      dependsOnSpan: deps?.span,
      perVm: this.bool(node, 'per_vm'),
      fromDefaults,
    };
  }

  steps(map: Node | null | undefined, phase: StepPhase, fromDefaults: boolean): Step[] {
    const node = get(map, phase)?.value as Node | null | undefined;
    if (!isSeq(node)) return [];
    const out: Step[] = [];
    for (const item of node.items as Node[]) {
      const step = this.step(item, phase, fromDefaults);
      if (step) out.push(step);
    }
    return out;
  }

  /** ISO 8601 date-time with an explicit UTC offset (`Z` or `±hh:mm`). */
  dateTime(map: Node | null | undefined, key: string): { at: Located<number>; offsetMinutes: number } | undefined {
    const node = get(map, key)?.value as Node | null | undefined;
    if (!isScalar(node)) return undefined;
    const raw = (node as Scalar).value;
    const text = raw instanceof Date ? (node as Scalar).source ?? raw.toISOString() : typeof raw === 'string' ? raw : undefined;
    if (text === undefined) return undefined;
    const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})$/.exec(text.trim());
    const where = this.span(node);
    if (!m) {
      const noOffset = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/.test(text.trim());
      this.findings.push({
        code: DATE_CODE,
        severity: 'error',
        message: noOffset
          ? `${key}: '${text}' has no UTC offset; add one (e.g. '${text.trim()}Z' or '${text.trim()}-06:00') so the window is unambiguous.`
          : `${key}: '${text}' is not an ISO 8601 date-time; write e.g. '2026-12-05T22:00:00-06:00'.`,
        span: where,
      });
      return undefined;
    }
    const [, y, mo, d, h, mi, s, off] = m;
    let offsetMinutes = 0;
    if (off !== 'Z') {
      const sign = off.startsWith('-') ? -1 : 1;
      const digits = off.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = Number(digits.slice(2));
      if (oh > 14 || om > 59) {
        this.findings.push({ code: DATE_CODE, severity: 'error', message: `${key}: UTC offset '${off}' is out of range (-12:00 to +14:00).`, span: where });
        return undefined;
      }
      offsetMinutes = sign * (oh * 60 + om);
    }
    const fields = [Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s ?? 0)];
    const utc = Date.UTC(fields[0], fields[1] - 1, fields[2], fields[3], fields[4], fields[5]);
    const check = new Date(utc);
    if (check.getUTCMonth() !== fields[1] - 1 || check.getUTCDate() !== fields[2] || fields[3] > 23 || fields[4] > 59 || fields[5] > 60) {
      this.findings.push({ code: DATE_CODE, severity: 'error', message: `${key}: '${text}' is not a real calendar date and time.`, span: where });
      return undefined;
    }
    return { at: { value: utc - offsetMinutes * 60_000, span: where }, offsetMinutes };
  }

  /** `start: now`, or a date-time with an offset (RB011 otherwise, like every date). */
  planStart(map: Node | null | undefined): PlanStart | undefined {
    const node = get(map, 'start')?.value as Node | null | undefined;
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim().toLowerCase() === 'now') {
      return { now: true, utcOffsetMinutes: 0, span: this.span(node) };
    }
    const at = this.dateTime(map, 'start');
    return at && { now: false, epochMs: at.at.value, utcOffsetMinutes: at.offsetMinutes, span: at.at.span };
  }

  /** `hardware_version: 19`, `"vmx-19"` or `"19"`; the schema reports other forms. */
  hardwareVersion(map: Node | null | undefined): Located<number> | undefined {
    const node = get(map, 'hardware_version')?.value as Node | null | undefined;
    if (!isScalar(node)) return undefined;
    const raw = node.value;
    const m = typeof raw === 'number' ? [String(raw), String(raw)] : typeof raw === 'string' ? /^\s*(?:vmx-?)?(\d{1,3})\s*$/i.exec(raw) : null;
    if (!m || !Number.isInteger(Number(m[1]))) return undefined;
    return { value: Number(m[1]), span: this.span(node) };
  }

  /** A list of allowed words (other items are the schema's to report). */
  enumList<T extends string>(map: Node | null | undefined, key: string, allowed: readonly T[]): Located<T>[] {
    return this.idList(map, key).items.filter((item): item is Located<T> => (allowed as readonly string[]).includes(item.value));
  }

  idList(map: Node | null | undefined, key: string): { items: Located<string>[]; span?: Span } {
    const node = get(map, key)?.value as Node | null | undefined;
    if (!isSeq(node)) return { items: [] };
    const items: Located<string>[] = [];
    for (const item of node.items as Node[]) {
      if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) items.push({ value: String(item.value), span: this.span(item) });
    }
    return { items, span: this.span(node) };
  }

  entries<T extends Entry>(section: Node | null | undefined, build: (value: Node | null | undefined, entry: Entry) => T): Map<string, T> {
    const out = new Map<string, T>();
    for (const p of pairs(section)) {
      const id = keyText(p);
      // Duplicate keys are reported by the YAML layer; the first definition wins here.
      if (id === undefined || out.has(id)) continue;
      out.set(id, this.memoised(p, (p.key as Node).range?.[0], () => {
        const keySpan = this.span(p.key as Node);
        const value = p.value as Node | null;
        const end = value?.range ? value.range[1] : keySpan.end;
        const entry: Entry = { id, keySpan, span: this.track({ start: keySpan.start, end: Math.max(keySpan.end, end) }) };
        return build(value, entry);
      }));
    }
    return out;
  }
}

/** Builds the model from a parsed document. Never throws; returns the RB010/RB011 findings. */
export function buildModel(document: Document.Parsed, memo: DocumentMemo = new DocumentMemo()): { model: RunbookModel; findings: Finding[] } {
  const b = new Builder(memo);
  const root = document.contents as Node | null;
  const rootSpan = b.span(root);

  const defaultsNode = get(root, 'defaults')?.value as Node | null | undefined;
  const defaultStepsPair = get(defaultsNode, 'steps');
  const defaultStepsNode = defaultStepsPair?.value as Node | null | undefined;
  const defaults: Defaults = {
    vsphere: b.str(defaultsNode, 'vsphere'),
    transport: b.oneOf(defaultsNode, 'transport', TRANSPORTS),
    workload: b.oneOf(defaultsNode, 'workload', WORKLOAD_PROFILES),
    encryptedVmotion: b.oneOf(defaultsNode, 'encrypted_vmotion', ENCRYPTED_VMOTION),
    // Memoised like an entry (the pair is an item of the `defaults` section), so every wave's
    // merged steps keep the same Step objects across edits elsewhere (the schedule memo relies on it).
    steps: isMap(defaultStepsNode)
      ? b.memoised(defaultStepsPair as Pair, (defaultStepsPair?.key as Node | null)?.range?.[0], () => ({
          before: b.steps(defaultStepsNode, 'before', true),
          after: b.steps(defaultStepsNode, 'after', true),
          rollback: b.steps(defaultStepsNode, 'rollback', true),
          requireOwner: b.bool(defaultStepsNode, 'require_owner'),
          span: b.span(defaultStepsNode),
        }))
      : undefined,
  };

  const sites = b.entries<Site>(get(root, 'sites')?.value as Node, (v, entry) => {
    const loc = get(v, 'location')?.value as Node | null | undefined;
    const lat = b.num(loc, 'lat');
    const lon = b.num(loc, 'lon');
    return {
      // Written out, not spread: a spread followed by many keys gives V8 a slow object shape.
      id: entry.id,
      keySpan: entry.keySpan,
      span: entry.span,
      name: b.str(v, 'name'),
      vsphere: b.str(v, 'vsphere'),
      vcenter: b.str(v, 'vcenter'),
      license: b.oneOf(v, 'license', LICENSES),
      vmotionNicBytesPerSecond: b.quantity(v, 'vmotion_nic', 'rate'),
      vmotionNics: b.num(v, 'vmotion_nics'),
      vmotionVmknics: b.num(v, 'vmotion_vmknics'),
      evc: b.str(v, 'evc'),
      keyProvider: b.str(v, 'key_provider'),
      location: lat && lon ? { value: { lat: lat.value, lon: lon.value }, span: b.span(loc) } : undefined,
    };
  });

  const links = b.entries<Link>(get(root, 'links')?.value as Node, (v, entry) => ({
    id: entry.id,
    keySpan: entry.keySpan,
    span: entry.span,
    from: b.str(v, 'from'),
    to: b.str(v, 'to'),
    bandwidthBytesPerSecond: b.quantity(v, 'bandwidth', 'rate'),
    rttSeconds: b.quantity(v, 'rtt', 'duration'),
    distanceKm: b.quantity(v, 'distance', 'distance'),
    routeFactor: b.num(v, 'route_factor'),
    lossFraction: b.quantity(v, 'loss', 'percent'),
    transport: b.oneOf(v, 'transport', TRANSPORTS),
    efficiencyFraction: b.quantity(v, 'efficiency', 'percent'),
    socketBufferBytes: b.quantity(v, 'socket_buffer', 'size'),
    migrationShareFraction: b.quantity(v, 'migration_share', 'percent'),
    compressionRatio: b.num(v, 'compression'),
    calibration: calibrationOf(b, get(v, 'calibration')?.value as Node | null | undefined),
  }));

  const vms = b.entries<Vm>(get(root, 'vms')?.value as Node, (v, entry) => {
    const diskNode = get(v, 'disk')?.value as Node | null | undefined;
    let diskProvisionedBytes: Located<number> | undefined;
    let diskUsedBytes: Located<number> | undefined;
    if (isScalar(diskNode)) {
      // Shorthand `disk: 500 GiB`: provisioned and used are the same.
      diskProvisionedBytes = b.quantityNode(diskNode, 'size', 'disk');
      diskUsedBytes = diskProvisionedBytes;
    } else if (isMap(diskNode)) {
      diskProvisionedBytes = b.quantity(diskNode, 'provisioned', 'size');
      diskUsedBytes = b.quantity(diskNode, 'used', 'size') ?? diskProvisionedBytes;
    }
    const deps = b.idList(v, 'depends_on');
    return {
      // Written out, not spread: a spread followed by many keys gives V8 a slow object shape.
      id: entry.id,
      keySpan: entry.keySpan,
      span: entry.span,
      name: b.str(v, 'name'),
      memoryBytes: b.quantity(v, 'memory', 'size'),
      activeMemoryBytes: b.quantity(v, 'active_memory', 'size'),
      dirtyRateBytesPerSecond: b.quantity(v, 'dirty_rate', 'rate'),
      workload: b.oneOf(v, 'workload', WORKLOAD_PROFILES),
      hotSetBytes: b.quantity(v, 'hot_set', 'size'),
      diskProvisionedBytes,
      diskUsedBytes,
      diskChangeRateBytesPerSecond: b.quantity(v, 'disk_change_rate', 'rate'),
      dependsOn: deps.items,
      dependsOnSpan: deps.span,
      storage: b.oneOf(v, 'storage', STORAGE_STRATEGIES),
      host: b.str(v, 'host'),
      datastore: b.str(v, 'datastore'),
      vmotionNicBytesPerSecond: b.quantity(v, 'vmotion_nic', 'rate'),
      encryptedVmotion: b.oneOf(v, 'encrypted_vmotion', ENCRYPTED_VMOTION),
      vgpuMemoryBytes: b.quantity(v, 'vgpu_memory', 'size'),
      gpu: b.str(v, 'gpu'),
      hardwareVersion: b.hardwareVersion(v),
      evc: b.str(v, 'evc'),
      features: b.enumList(v, 'features', VM_FEATURES),
      method: b.oneOf(v, 'method', MIGRATION_METHODS),
    };
  });

  const waves: Wave[] = [];
  const wavesNode = get(root, 'waves')?.value as Node | null | undefined;
  if (isSeq(wavesNode)) {
    (wavesNode.items as Node[]).forEach((w, index) => {
      if (!isMap(w)) return;
      // The wave's own part is memoised; its index and the default steps it takes come from outside it.
      const part = b.memoised(w, w.range?.[0], () => {
        const windowNode = get(w, 'window')?.value as Node | null | undefined;
        let window: WaveWindow | undefined;
        if (isMap(windowNode)) {
          const start = b.dateTime(windowNode, 'start');
          window = {
            startEpochMs: start?.at,
            utcOffsetMinutes: start?.offsetMinutes,
            durationSeconds: b.quantity(windowNode, 'duration', 'duration', 'window.duration'),
            span: b.span(windowNode),
          };
        }
        const list = b.idList(w, 'vms');
        return {
          span: b.span(w),
          name: b.str(w, 'name'),
          link: b.str(w, 'link'),
          window,
          concurrency: b.num(w, 'concurrency'),
          hosts: b.num(w, 'hosts'),
          datastores: b.num(w, 'datastores'),
          vmotionNicBytesPerSecond: b.quantity(w, 'vmotion_nic', 'rate'),
          vms: list.items,
          vmsSpan: list.span,
          own: { before: b.steps(w, 'before', false), after: b.steps(w, 'after', false), rollback: b.steps(w, 'rollback', false) },
          dropped: b.idList(w, 'drop_steps').items,
          method: b.oneOf(w, 'method', MIGRATION_METHODS),
        };
      });
      waves.push({
        index,
        span: part.span,
        name: part.name,
        link: part.link,
        window: part.window,
        concurrency: part.concurrency,
        hosts: part.hosts,
        datastores: part.datastores,
        vmotionNicBytesPerSecond: part.vmotionNicBytesPerSecond,
        vms: part.vms,
        vmsSpan: part.vmsSpan,
        steps: mergeSteps(defaults.steps, part.own, part.dropped),
        method: part.method,
      });
    });
  }

  const storageNode = get(root, 'storage')?.value as Node | null | undefined;
  const storage: StoragePlan | undefined = isMap(storageNode)
    ? {
        strategy: b.oneOf(storageNode, 'strategy', STORAGE_STRATEGIES),
        rpoSeconds: b.quantity(storageNode, 'rpo', 'duration'),
        datastoreTypes: b.oneOf(storageNode, 'datastore_types', DATASTORE_TYPES),
        span: b.span(storageNode),
      }
    : undefined;
  const networkNode = get(root, 'network')?.value as Node | null | undefined;
  const network: NetworkPlan | undefined = isMap(networkNode)
    ? { strategy: b.oneOf(networkNode, 'strategy', NETWORK_STRATEGIES), span: b.span(networkNode) }
    : undefined;

  const sectionKeySpans = new Map<string, Span>();
  for (const p of pairs(root)) {
    const k = keyText(p);
    if (k !== undefined) sectionKeySpans.set(k, b.span(p.key as Node));
  }

  const deadline = b.dateTime(root, 'deadline');
  const model: RunbookModel = {
    version: b.num(root, 'runbook'),
    name: b.str(root, 'name'),
    purpose: b.oneOf(root, 'purpose', PURPOSES),
    deadlineEpochMs: deadline?.at,
    deadlineUtcOffsetMinutes: deadline?.offsetMinutes,
    start: b.planStart(root),
    method: b.oneOf(root, 'method', MIGRATION_METHODS),
    defaults,
    sites,
    links,
    vms,
    waves,
    storage,
    network,
    sectionKeySpans,
    rootSpan,
    lookups: new ModelLookups(),
  };
  return { model, findings: b.findings };
}

/**
 * A wave's effective steps: the default steps of each list that the wave neither drops nor
 * redefines (same id, in any list), in their order, then the wave's own steps.
 */
function mergeSteps(defaults: DefaultSteps | undefined, own: Readonly<Record<StepPhase, Step[]>>, dropped: Located<string>[]): WaveSteps {
  if (!defaults) return { ...own, dropped };
  const skip = new Set<string>(dropped.map((d) => d.value));
  for (const phase of STEP_PHASES) for (const s of own[phase]) skip.add(s.id.value);
  const merged = (phase: StepPhase): Step[] => [...defaults[phase].filter((s) => !skip.has(s.id.value)), ...own[phase]];
  return { before: merged('before'), after: merged('after'), rollback: merged('rollback'), dropped };
}

/** The storage strategy that applies to `vm` (its own, else the plan's, else storage-vmotion). */
export function storageStrategyOf(model: RunbookModel, vm: Vm): StorageStrategy {
  return vm.storage?.value ?? model.storage?.strategy?.value ?? 'storage-vmotion';
}

export function purposeOf(model: RunbookModel): Purpose {
  return model.purpose?.value ?? 'planned-move';
}

/** How `vm` moves: its own `method`, else its wave's, else the plan's, else vMotion. */
export function methodOf(model: RunbookModel, vm: Vm, wave?: Wave): MigrationMethod {
  return vm.method?.value ?? wave?.method?.value ?? model.method?.value ?? 'vmotion';
}
