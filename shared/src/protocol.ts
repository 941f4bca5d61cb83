/**
 * Custom LSP messages and settings, typed once and used by both the client and the server
 * (and the timeline webview, through the client). Plain data only: no `vscode` import.
 */

/** `runbook.*` settings as the server reads them (workspace/configuration section "runbook"). */
export interface RunbookSettings {
  readonly defaultVsphereVersion: string;
  readonly switchoverWarningSeconds: number;
  readonly efficiency: { readonly tcp: number; readonly wanOptimized: number };
  readonly hints: { readonly vmEstimate: boolean; readonly waveFit: boolean };
  readonly codeLens: { readonly enabled: boolean };
  /** Documents larger than this (bytes) get one diagnostic instead of a full analysis. */
  readonly maxDocumentBytes: number;
}

export const DEFAULT_SETTINGS: RunbookSettings = {
  defaultVsphereVersion: '7.0',
  switchoverWarningSeconds: 1,
  efficiency: { tcp: 0.95, wanOptimized: 0.95 },
  hints: { vmEstimate: true, waveFit: true },
  codeLens: { enabled: true },
  maxDocumentBytes: 20 * 1024 * 1024,
};

export const LANGUAGE_ID = 'migration-runbook';

/** Sent by the server after each validation of a document (tests and the status item wait on it). */
export const VALIDATED_NOTIFICATION = 'runbook/validated';
export interface ValidatedParams {
  readonly uri: string;
  readonly version: number;
  readonly durationMs: number;
  readonly errors: number;
  readonly warnings: number;
  /** Whole-plan duration, when the plan could be scheduled. */
  readonly totalSeconds?: number;
  readonly fits?: boolean;
}

/** Request: the plan's schedule for the timeline. Result `null` when the document is unknown. */
export const SCHEDULE_REQUEST = 'runbook/schedule';
export interface ScheduleParams {
  readonly uri: string;
}

export interface TimelinePhase {
  readonly kind: 'seed' | 'disk' | 'memory' | 'switchover';
  readonly startEpochMs: number;
  readonly endEpochMs: number;
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
  readonly limitedBy: string;
  /** 0-based line of the VM's entry, for "reveal in editor". */
  readonly line: number;
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
}
