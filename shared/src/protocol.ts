/**
 * Custom LSP messages, each declared once as a typed `RequestType` / `NotificationType` with its
 * params and result, and used as such by the client (`client.sendRequest(scheduleRequest, params)`)
 * and the server (`connection.onRequest(scheduleRequest, handler)`), so the two cannot disagree on
 * shapes. The timeline webview imports only the types. Plain data otherwise: no `vscode` import.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';

export const LANGUAGE_ID = 'migration-runbook';

/** Sent by the server after each validation of a document (tests and the status item wait on it). */
export interface ValidatedParams {
  readonly uri: string;
  readonly version: number;
  readonly durationMs: number;
  readonly errors: number;
  readonly warnings: number;
  /** Whole-plan duration, when the plan could be scheduled. */
  readonly totalSeconds?: number;
  readonly fits?: boolean;
  /** Milliseconds per stage of the analysis (parse, schema, model, estimate, rules, other). */
  readonly stagesMs?: Readonly<Record<string, number>>;
  /** The re-forecast of the running wave, from the plan's actuals (issue 14), in the plan's words. */
  readonly forecast?: ForecastSummary;
}

/** The running wave's re-forecast, short, for the status item and the code lens. */
export interface ForecastSummary {
  readonly wave: string;
  /** Forecast end past the window, seconds (0: fits or no window). */
  readonly overrunSeconds: number;
  /** `forecast end 00:58 +1d, 13 min past the window (00:45 +1d)`. */
  readonly endText: string;
  /** `41 % slower than planned` / `as planned` / `no finished move yet`. */
  readonly paceText: string;
  /** `5/8 moved, 2 running, 1 failed`. */
  readonly progressText: string;
  /** `decide on a rollback by 23:28` / `point of no return passed (22:21)`; absent without a window. */
  readonly decisionText?: string;
}

/** Request: the plan's schedule for the timeline. Result `null` when the document is unknown. */
export interface ScheduleParams {
  readonly uri: string;
}

export interface TimelinePhase {
  readonly kind: 'seed' | 'disk' | 'memory' | 'switchover';
  readonly startEpochMs: number;
  readonly endEpochMs: number;
}

/**
 * A finding about one VM (its entry in the runbook holds it): the same code, severity and message
 * as the Problems panel. Errors mean the migration fails or cannot run as planned.
 */
export interface TimelineProblem {
  readonly code: string;
  readonly severity: 'error' | 'warning';
  readonly message: string;
}

export interface TimelineVm {
  readonly id: string;
  readonly name?: string;
  readonly waveIndex: number;
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  readonly phases: readonly TimelinePhase[];
  readonly dependsOn: readonly string[];
  readonly critical: boolean;
  readonly converges: boolean;
  readonly switchoverSeconds: number;
  readonly totalSeconds: number;
  /** The range of `totalSeconds` (the likely value); absent from older servers. */
  readonly lowSeconds?: number;
  readonly highSeconds?: number;
  /** The high end is open (a needed input is missing, e.g. a disk size): `highSeconds` is the likely value. */
  readonly rangeOpen?: boolean;
  readonly limitedBy: string;
  /** 0-based line of the VM's entry, for "reveal in editor". */
  readonly line: number;
  /** Errors and warnings found in the VM's entry, errors first (absent: none). */
  readonly problems?: readonly TimelineProblem[];
  /** What happened, from the plan's actuals file (absent: nothing recorded for this VM). */
  readonly actual?: TimelineActual;
  /** The re-forecast of what has not happened yet: a running move's end, a waiting move, a failed move's retry. */
  readonly forecast?: { readonly startEpochMs: number; readonly endEpochMs: number };
}

export interface TimelineActual {
  readonly startEpochMs: number;
  /** Absent while running. */
  readonly endEpochMs?: number;
  readonly status: 'succeeded' | 'failed' | 'cancelled' | 'running';
}

/** A wave's re-forecast from the actuals. */
export interface TimelineWaveForecast {
  readonly endEpochMs: number;
  readonly overrunSeconds: number;
  /** Actual / planned duration of its finished moves (1: as planned). */
  readonly pace: number;
  readonly decideByEpochMs?: number;
  readonly finished: boolean;
}

export interface TimelineWave {
  readonly index: number;
  readonly name: string;
  readonly startEpochMs: number;
  readonly endEpochMs: number;
  readonly windowStartEpochMs?: number;
  readonly windowEndEpochMs?: number;
  readonly utcOffsetMinutes: number;
  readonly fits?: boolean;
  readonly overrunSeconds: number;
  readonly line: number;
  /** With step ranges at their long end (equals endEpochMs without ranges). */
  readonly worstEndEpochMs?: number;
  /** Rollback from the wave's last point (reverse migration + rollback steps). */
  readonly rollbackSeconds?: number;
  readonly rollback?: TimelineRollback;
  /** Present once the wave has actuals (it started). */
  readonly forecast?: TimelineWaveForecast;
  /** Set when nothing anchors the plan (no `start:`, no window: RB214): times are offsets from this origin (`T+02:30`), not dates. */
  readonly relativeOriginEpochMs?: number;
}

/** A `before` or `after` step of a wave: a bar from best start to best end, whiskers to the worst case. */
export interface TimelineStep {
  readonly id: string;
  readonly waveIndex: number;
  readonly phase: 'before' | 'after';
  readonly kind: 'manual' | 'script' | 'check';
  readonly owner?: string;
  readonly title?: string;
  readonly bestStartEpochMs: number;
  readonly bestEndEpochMs: number;
  readonly worstStartEpochMs: number;
  readonly worstEndEpochMs: number;
  /** Step or VM ids (or words such as "the wave start") it waits for. */
  readonly waitsFor: readonly string[];
  /** 0-based line of the step's id, for "reveal in editor". */
  readonly line: number;
  /** Recorded start and end (absent: not recorded). */
  readonly actualStartEpochMs?: number;
  readonly actualEndEpochMs?: number;
}

/** Rolling a wave back: from each point of the wave, how long until everything is at the source. */
export interface TimelineRollback {
  /** From the wave's last point (its worst-case end). */
  readonly seconds: number;
  readonly fromEpochMs: number;
  readonly endEpochMs: number;
  readonly reverseMigrationSeconds: number;
  readonly stepsSeconds: number;
  readonly points: readonly { readonly atEpochMs: number; readonly seconds: number }[];
  readonly pointOfNoReturnEpochMs?: number;
}

export interface ScheduleResult {
  readonly uri: string;
  readonly version: number;
  readonly name?: string;
  readonly totalSeconds: number;
  readonly fits: boolean;
  readonly errors: number;
  readonly warnings: number;
  readonly criticalPath: readonly string[];
  readonly waves: readonly TimelineWave[];
  readonly vms: readonly TimelineVm[];
  /** Runbook steps (before/after), each wave's in list order. */
  readonly steps?: readonly TimelineStep[];
  /** "Now" of the re-forecast, when the plan has actuals: the timeline draws a line there. */
  readonly nowEpochMs?: number;
}

// ---------------------------------------------------------------------------------------------
// What-if (the timeline's controls): recompute the plan with overrides, without touching the file.

/** Per-VM figures for the timeline's tooltips: the same numbers as the VM hover. */
export interface TimelineVmDetail {
  readonly memoryBytes: number;
  readonly memorySeconds: number;
  readonly rounds: number;
  readonly diskBytes: number;
  readonly diskSeconds: number;
  readonly seedSeconds: number;
  readonly setupSeconds: number;
  readonly dirtyRateBytesPerSecond: number;
  readonly dirtyRateSource: string;
  readonly throughputBytesPerSecond: number;
  readonly storage: string;
}

/** A link's what-if override; absent fields keep the runbook's value. */
export interface LinkOverride {
  readonly linkId: string;
  readonly bandwidthBytesPerSecond?: number;
  readonly transport?: 'tcp' | 'wan-optimized';
}

/** A wave's what-if override (wave index as in TimelineWave.index). */
export interface WaveOverride {
  readonly waveIndex: number;
  readonly concurrency?: number;
}

export interface WhatIfOverrides {
  readonly links?: readonly LinkOverride[];
  readonly waves?: readonly WaveOverride[];
}

/** Request: the schedule with `overrides` applied to a copy of the model (the file is not changed). */
export interface WhatIfParams {
  readonly uri: string;
  readonly overrides: WhatIfOverrides;
}

/** A link as the what-if controls show it: the runbook's current values. */
export interface WhatIfLinkKnob {
  readonly id: string;
  readonly bandwidthBytesPerSecond?: number;
  readonly transport: 'tcp' | 'wan-optimized';
  /** Indices of the waves whose migrations use this link. */
  readonly waveIndices: readonly number[];
}

export interface WhatIfWaveKnob {
  readonly index: number;
  readonly name: string;
  readonly linkId?: string;
  /** The concurrency the scheduler uses (1 when the wave does not say). */
  readonly concurrency: number;
}

export interface WhatIfBaselineWave {
  readonly index: number;
  readonly endEpochMs: number;
  readonly fits?: boolean;
  readonly overrunSeconds: number;
}

export interface WhatIfResult {
  readonly uri: string;
  readonly version: number;
  /** The plan with the overrides applied (identical to `runbook/schedule` when there are none). */
  readonly schedule: ScheduleResult;
  /** The plan as written, for the difference. */
  readonly baseline: {
    readonly totalSeconds: number;
    readonly fits: boolean;
    readonly errors: number;
    readonly warnings: number;
    readonly waves: readonly WhatIfBaselineWave[];
  };
  readonly knobs: { readonly links: readonly WhatIfLinkKnob[]; readonly waves: readonly WhatIfWaveKnob[] };
  /** The overrides that changed something (unknown links, waves and no-op values dropped). */
  readonly applied: WhatIfOverrides;
  /** Overrides that were ignored, in words. */
  readonly problems: readonly string[];
  /** Per-VM tooltip figures, keyed by VM id (for the plan with the overrides). */
  readonly details: Readonly<Record<string, TimelineVmDetail>>;
}

/** Request: the one edit that writes `overrides` into the runbook, keeping comments and layout. */
export interface WhatIfApplyParams {
  readonly uri: string;
  /** The document version the overrides were chosen on; the result names the version it edits. */
  readonly version: number;
  readonly overrides: WhatIfOverrides;
}

export interface WhatIfApplyResult {
  readonly uri: string;
  /** The version the edits apply to: the client applies them only if the document is still at it. */
  readonly version: number;
  readonly edits: readonly { readonly range: { readonly start: { readonly line: number; readonly character: number }; readonly end: { readonly line: number; readonly character: number } }; readonly newText: string }[];
  /** What the edit changes, in words (one line each). */
  readonly changes: readonly string[];
  /** Overrides that could not be written, in words. */
  readonly problems: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The messages. Server -> client notifications, then client -> server requests.

/** After each validation of a document (the status item and the tests wait on it). */
export const validatedNotification = new NotificationType<ValidatedParams>('runbook/validated');
/** The plan's schedule for the timeline; `null` when the document is unknown. */
export const scheduleRequest = new RequestType<ScheduleParams, ScheduleResult | null, void>('runbook/schedule');
/** The what-if plan on a copy of the model; `null` when the document is unknown. */
export const whatIfRequest = new RequestType<WhatIfParams, WhatIfResult | null, void>('runbook/whatIf');
/** The edit that writes what-if overrides into the runbook; `null` when the document is unknown. */
export const whatIfApplyRequest = new RequestType<WhatIfApplyParams, WhatIfApplyResult | null, void>('runbook/whatIfApply');
