/**
 * What-if: the plan recomputed with the timeline's overrides (link bandwidth, transport, wave
 * concurrency) on a copy of the model, so the file is never touched; and the one edit that writes
 * those overrides into the runbook, made of minimal text edits (yamlEdit.ts) that keep comments.
 */
import { isMap, type Node, type YAMLMap } from 'yaml';
import type {
  LinkOverride, TimelineVmDetail, WaveOverride, WhatIfApplyResult, WhatIfLinkKnob, WhatIfOverrides, WhatIfResult, WhatIfWaveKnob,
} from '../../../shared/src/protocol';
import type { Analysis } from '../engine/analyze';
import { estimatePlan } from '../engine/estimate/index';
import type { PlanEstimate } from '../engine/estimate/types';
import type { LocatedFinding } from '../engine/findings';
import { ModelLookups, type Link, type RunbookModel, type Transport, type Wave } from '../engine/model';
import { formatBitRate } from '../../../shared/src/units/quantity';
import { DocumentMemo } from '../engine/memo';
import { runRules } from '../engine/rules/index';
import { applySuppressions } from '../engine/suppression';
import { setEntry } from './codeActions';
import { buildScheduleResult } from './schedule';
import { nodeAtPath, pairOf, type OffsetEdit } from '../engine/yamlEdit';

const TRANSPORTS: readonly Transport[] = ['tcp', 'wan-optimized'];
/** Above this the number is a typo, not a link (1 Pbps); the schema has no upper bound either. */
const MAX_BANDWIDTH_BYTES_PER_SECOND = 1e15 / 8;
/** Waves run at most this many migrations at once in the what-if (far above any vSphere limit). */
const MAX_CONCURRENCY = 1000;

/** The overrides that are well-formed, name something in the model and change it; the rest in words. */
export function normaliseOverrides(model: RunbookModel, overrides: unknown): { applied: WhatIfOverrides; problems: string[] } {
  const problems: string[] = [];
  const links: LinkOverride[] = [];
  const waves: WaveOverride[] = [];
  const o = (typeof overrides === 'object' && overrides !== null ? overrides : {}) as Record<string, unknown>;
  for (const raw of Array.isArray(o.links) ? o.links : []) {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const linkId = typeof r.linkId === 'string' ? r.linkId : undefined;
    const link = linkId !== undefined ? model.links.get(linkId) : undefined;
    if (!link) {
      problems.push(`no link '${String(r.linkId)}' in the runbook: its override is ignored`);
      continue;
    }
    let bandwidth: number | undefined;
    if (r.bandwidthBytesPerSecond !== undefined) {
      const b = r.bandwidthBytesPerSecond;
      if (typeof b === 'number' && Number.isFinite(b) && b > 0 && b <= MAX_BANDWIDTH_BYTES_PER_SECOND) {
        if (b !== link.bandwidthBytesPerSecond?.value) bandwidth = b;
      } else problems.push(`bandwidth for link '${link.id}' must be a positive rate up to 1 Pbps: ignored`);
    }
    let transport: Transport | undefined;
    if (r.transport !== undefined) {
      if (TRANSPORTS.includes(r.transport as Transport)) {
        if (r.transport !== transportOf(model, link)) transport = r.transport as Transport;
      } else problems.push(`transport for link '${link.id}' must be tcp or wan-optimized: ignored`);
    }
    if (bandwidth !== undefined || transport !== undefined) {
      links.push({ linkId: link.id, ...(bandwidth !== undefined ? { bandwidthBytesPerSecond: bandwidth } : {}), ...(transport ? { transport } : {}) });
    }
  }
  for (const raw of Array.isArray(o.waves) ? o.waves : []) {
    const r = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    const wave = Number.isInteger(r.waveIndex) ? model.waves.find((w) => w.index === r.waveIndex) : undefined;
    if (!wave) {
      problems.push(`no wave ${String(r.waveIndex)} in the runbook: its override is ignored`);
      continue;
    }
    const c = r.concurrency;
    if (c === undefined) continue;
    if (typeof c === 'number' && Number.isInteger(c) && c >= 1 && c <= MAX_CONCURRENCY) {
      if (c !== concurrencyOf(wave)) waves.push({ waveIndex: wave.index, concurrency: c });
    } else problems.push(`concurrency for '${waveName(wave)}' must be a whole number from 1 to ${MAX_CONCURRENCY}: ignored`);
  }
  const applied: WhatIfOverrides = { ...(links.length ? { links } : {}), ...(waves.length ? { waves } : {}) };
  return { applied, problems };
}

/** The scheduler's reading of a wave's concurrency (estimate/schedule.ts: 1 unless >= 1, floored). */
function concurrencyOf(wave: Wave): number {
  return wave.concurrency && wave.concurrency.value >= 1 ? Math.floor(wave.concurrency.value) : 1;
}

function transportOf(model: RunbookModel, link: Link): Transport {
  return link.transport?.value ?? model.defaults.transport?.value ?? 'tcp';
}

function waveName(wave: Wave): string {
  return wave.name?.value ?? `wave ${wave.index + 1}`;
}

/** A copy of the model with the overrides in place; values keep the span they override (or the entry's key). */
export function modelWithOverrides(model: RunbookModel, overrides: WhatIfOverrides): RunbookModel {
  if (!overrides.links?.length && !overrides.waves?.length) return model;
  const links = new Map(model.links);
  for (const o of overrides.links ?? []) {
    const link = links.get(o.linkId);
    if (!link) continue;
    links.set(link.id, {
      ...link,
      ...(o.bandwidthBytesPerSecond !== undefined
        ? { bandwidthBytesPerSecond: { value: o.bandwidthBytesPerSecond, span: link.bandwidthBytesPerSecond?.span ?? link.keySpan } }
        : {}),
      ...(o.transport !== undefined ? { transport: { value: o.transport, span: link.transport?.span ?? link.keySpan } } : {}),
    });
  }
  const waveOverrides = new Map((overrides.waves ?? []).map((w) => [w.waveIndex, w]));
  const waves = model.waves.map((wave) => {
    const o = waveOverrides.get(wave.index);
    if (o?.concurrency === undefined) return wave;
    return { ...wave, concurrency: { value: o.concurrency, span: wave.concurrency?.span ?? wave.name?.span ?? wave.span } };
  });
  // The copy's lookups are its own: the original's were derived from other links and waves.
  return { ...model, links, waves, lookups: new ModelLookups() };
}

/**
 * The analysis of the model copy: estimates, rules and suppressions rerun; text and AST are the
 * original's. The rules get a memo of their own: a what-if never touches the document's state.
 */
export function analyseWithOverrides(analysis: Analysis, overrides: WhatIfOverrides): Analysis {
  if (!overrides.links?.length && !overrides.waves?.length) return analysis;
  const model = modelWithOverrides(analysis.model, overrides);
  const estimate = estimatePlan(model, analysis.options);
  // Syntax, schema, quantity and date findings (RB0xx) do not depend on the overrides: keep them;
  // every other finding comes from the rules, which run again on the copy.
  const kept: LocatedFinding[] = analysis.findings.filter((f) => /^RB0\d\d$/.test(f.code));
  const rules = applySuppressions(analysis.text, analysis.lineIndex, runRules({ model, estimate, options: analysis.options, memo: new DocumentMemo() }));
  const findings: LocatedFinding[] = [...kept, ...rules.map((f) => ({ ...f, range: analysis.lineIndex.rangeOf(f.span) }))];
  return { ...analysis, model, estimate, findings };
}

function detailsOf(estimate: PlanEstimate): Record<string, TimelineVmDetail> {
  const details: Record<string, TimelineVmDetail> = {};
  for (const [id, e] of estimate.vms) {
    details[id] = {
      memoryBytes: e.memoryBytes,
      memorySeconds: e.memorySeconds,
      rounds: e.rounds,
      diskBytes: e.diskBytes,
      diskSeconds: e.diskSeconds,
      seedSeconds: e.seedSeconds,
      setupSeconds: e.setupSeconds,
      dirtyRateBytesPerSecond: e.dirtyRateBytesPerSecond,
      dirtyRateSource: e.dirtyRateSource,
      throughputBytesPerSecond: e.throughput.bytesPerSecond,
      storage: e.storage,
    };
  }
  return details;
}

export function whatIfKnobs(analysis: Analysis): { links: WhatIfLinkKnob[]; waves: WhatIfWaveKnob[] } {
  const { model, estimate } = analysis;
  const waves: WhatIfWaveKnob[] = estimate.schedule.waves.map((w) => {
    const source = model.waves.find((m) => m.index === w.index);
    return { index: w.index, name: w.name, ...(w.linkId !== undefined ? { linkId: w.linkId } : {}), concurrency: source ? concurrencyOf(source) : w.concurrency };
  });
  const links: WhatIfLinkKnob[] = [...model.links.values()].map((link) => ({
    id: link.id,
    ...(link.bandwidthBytesPerSecond ? { bandwidthBytesPerSecond: link.bandwidthBytesPerSecond.value } : {}),
    transport: transportOf(model, link),
    waveIndices: waves.filter((w) => w.linkId === link.id).map((w) => w.index),
  }));
  return { links, waves };
}

/** The `runbook/whatIf` result: the plan with the overrides next to the plan as written. */
export function computeWhatIf(uri: string, version: number, analysis: Analysis, overrides: unknown): WhatIfResult {
  const { applied, problems } = normaliseOverrides(analysis.model, overrides);
  const baseline = buildScheduleResult(uri, version, analysis);
  const changed = analyseWithOverrides(analysis, applied);
  const schedule = changed === analysis ? baseline : buildScheduleResult(uri, version, changed);
  return {
    uri,
    version,
    schedule,
    baseline: {
      totalSeconds: baseline.totalSeconds,
      fits: baseline.fits,
      errors: baseline.errors,
      warnings: baseline.warnings,
      waves: baseline.waves.map((w) => ({ index: w.index, endEpochMs: w.endEpochMs, fits: w.fits, overrunSeconds: w.overrunSeconds })),
    },
    knobs: whatIfKnobs(analysis),
    applied,
    problems,
    details: detailsOf(changed.estimate),
  };
}

/** The edits (offsets) that write the overrides into the runbook text, and what they change in words. */
export function whatIfEdits(analysis: Analysis, overrides: unknown): { edits: OffsetEdit[]; changes: string[]; problems: string[] } {
  const { applied, problems } = normaliseOverrides(analysis.model, overrides);
  const edits: OffsetEdit[] = [];
  const changes: string[] = [];
  const linksNode = nodeAtPath(analysis.document, ['links']);
  for (const o of applied.links ?? []) {
    const map = pairOf(linksNode, o.linkId)?.value as Node | null | undefined;
    if (!isMap(map)) {
      problems.push(`link '${o.linkId}' is not a mapping in the file: cannot write its override`);
      continue;
    }
    if (o.bandwidthBytesPerSecond !== undefined) {
      const text = formatBitRate(o.bandwidthBytesPerSecond);
      const edit = setEntry(analysis, map as YAMLMap, 'bandwidth', text);
      if (edit) {
        edits.push(edit);
        changes.push(`link ${o.linkId}: bandwidth ${text}`);
      } else problems.push(`link '${o.linkId}': bandwidth is not a plain value in the file: not written`);
    }
    if (o.transport !== undefined) {
      const edit = setEntry(analysis, map as YAMLMap, 'transport', o.transport);
      if (edit) {
        edits.push(edit);
        changes.push(`link ${o.linkId}: transport ${o.transport}`);
      } else problems.push(`link '${o.linkId}': transport is not a plain value in the file: not written`);
    }
  }
  for (const o of applied.waves ?? []) {
    const map = nodeAtPath(analysis.document, ['waves', o.waveIndex]);
    const wave = analysis.model.waves.find((w) => w.index === o.waveIndex);
    if (!isMap(map) || !wave || o.concurrency === undefined) continue;
    const edit = setEntry(analysis, map as YAMLMap, 'concurrency', String(o.concurrency));
    if (edit) {
      edits.push(edit);
      changes.push(`${waveName(wave)}: concurrency ${o.concurrency}`);
    } else problems.push(`${waveName(wave)}: concurrency is not a plain value in the file: not written`);
  }
  return { edits, changes, problems };
}

/** The `runbook/whatIfApply` result: LSP-shaped edits for the analysed version. */
export function computeWhatIfApply(uri: string, version: number, analysis: Analysis, overrides: unknown): WhatIfApplyResult {
  const { edits, changes, problems } = whatIfEdits(analysis, overrides);
  return {
    uri,
    version,
    edits: edits.map((e) => ({ range: analysis.lineIndex.rangeOf({ start: e.start, end: e.end }), newText: e.newText })),
    changes,
    problems,
  };
}
