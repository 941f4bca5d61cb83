/**
 * Test support for rule tests (imported only by *.test.ts): a RuleContext from runbook text with a
 * hand-built estimate, and helpers to compare finding spans against the text they should cover.
 */
import { DocumentMemo } from '../../server/src/engine/memo';
import type { Finding } from '../../server/src/engine/findings';
import { buildModel } from '../../server/src/engine/model';
import { DEFAULT_OPTIONS, type EngineOptions } from '../../server/src/engine/options';
import { parseYaml } from '../../server/src/engine/parse';
import type { LinkEstimate, PlanEstimate, PlanSchedule, ThroughputEstimate, VmEstimate, WaveSchedule } from '../../server/src/engine/estimate/types';
import type { Span } from '../../server/src/engine/text';
import type { Rule, RuleContext } from '../../server/src/engine/rules/support/rule';

export const EMPTY_SCHEDULE: PlanSchedule = { startEpochMs: 0, endEpochMs: 0, totalSeconds: 0, fits: true, criticalPath: [], waves: [], lowTotalSeconds: 0, highTotalSeconds: 0, lowEndEpochMs: 0, highEndEpochMs: 0 };

export interface EstimateParts {
  readonly links?: readonly LinkEstimate[];
  readonly vms?: readonly VmEstimate[];
  readonly schedule?: Partial<PlanSchedule>;
}

export function contextOf(yaml: string, parts: EstimateParts = {}, options: Partial<EngineOptions> = {}): RuleContext {
  const { model } = buildModel(parseYaml(yaml).document);
  const estimate: PlanEstimate = {
    links: new Map((parts.links ?? []).map((l) => [l.linkId, l])),
    vms: new Map((parts.vms ?? []).map((v) => [v.vmId, v])),
    schedule: { ...EMPTY_SCHEDULE, ...parts.schedule },
  };
  return { model, estimate, options: { ...DEFAULT_OPTIONS, ...options }, memo: new DocumentMemo() };
}

export function run(rule: Rule, yaml: string, parts?: EstimateParts, options?: Partial<EngineOptions>): Finding[] {
  return rule.check(contextOf(yaml, parts, options));
}

/** The span of the `occurrence`-th (0-based) appearance of `needle` in `text`. */
export function spanOf(text: string, needle: string, occurrence = 0): Span {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`'${needle}' occurs fewer than ${occurrence + 1} times`);
  }
  return { start: at, end: at + needle.length };
}

export function throughput(bytesPerSecond: number, parts: Partial<ThroughputEstimate> = {}): ThroughputEstimate {
  return { bytesPerSecond, limitedBy: 'link-share', explanation: `link share ${bytesPerSecond} B/s`, efficiency: 0.95, concurrentStreams: 1, ...parts };
}

export function vmEstimate(vmId: string, parts: Partial<VmEstimate> = {}): VmEstimate {
  return {
    vmId,
    waveIndex: 0,
    storage: 'storage-vmotion',
    throughput: throughput(100e6),
    memoryBytes: 8 * 2 ** 30,
    dirtyRateBytesPerSecond: 10e6,
    dirtyRateSource: 'given',
    rounds: 3,
    converges: true,
    setupSeconds: 5,
    completionSeconds: 0,
    memorySeconds: 90,
    switchoverSeconds: 0.4,
    diskBytes: 0,
    diskSeconds: 0,
    seedSeconds: 0,
    totalSeconds: 95,
    bytesSent: 9 * 2 ** 30,
    limitedBy: 'link-share',
    explanation: [],
    usedDefaults: false,
    lowSeconds: 95,
    highSeconds: 95,
    switchoverLowSeconds: 0.4,
    switchoverHighSeconds: 0.4,
    rangeDrivers: [],
    diskUnknown: false,
    encrypted: true,
    moveKind: 'same-vcenter',
    vgpuSeconds: 0,
    ...parts,
  };
}

export function waveSchedule(index: number, parts: Partial<WaveSchedule> = {}): WaveSchedule {
  return {
    index,
    name: `Wave ${index + 1}`,
    startEpochMs: 0,
    endEpochMs: 0,
    durationSeconds: 0,
    utcOffsetMinutes: 0,
    overrunSeconds: 0,
    concurrency: 1,
    vms: [],
    ...parts,
  };
}

export function linkEstimate(linkId: string, parts: Partial<LinkEstimate> = {}): LinkEstimate {
  return {
    linkId,
    rttSeconds: 0.005,
    rttSource: 'given',
    rttDerived: false,
    perStream: { tcp: throughput(100e6), 'wan-optimized': throughput(100e6) },
    ...parts,
  };
}
