import type { Actuals } from '../../../shared/src/measured';
import { DEFAULT_SETTINGS } from '../../../shared/src/settings';

/** Settings the engine honours; the server maps `runbook.*` settings onto these, the CLI uses defaults. */
export interface EngineOptions {
  /** vSphere version assumed for a site that does not say (e.g. "7.0"). */
  readonly defaultVsphereVersion: string;
  /** Predicted switchover above this is a warning (docs/sources.md 1.6: VMware's goal is under 1 s). */
  readonly switchoverWarningSeconds: number;
  /** Payload efficiency of plain TCP when a link does not say (fraction). */
  readonly tcpEfficiency: number;
  /** Payload efficiency of a WAN optimizer when a link does not say (fraction). */
  readonly wanOptimizedEfficiency: number;
  /** The CLI's `--now`: the plan starts at `nowEpochMs` whatever its `start:` says. */
  readonly startNow?: boolean;
  /** "Now" for `start: now` and `startNow`; the clock at analysis time when not given. */
  readonly nowEpochMs?: number;
  /** What already happened (the plan's actuals file, parsed): drives the re-forecast (issue 14). */
  readonly actuals?: Actuals;
  /** Estimate as if no link had a calibration (`runbook calibrate` predicts with the model alone). */
  readonly ignoreCalibration?: boolean;
  /** A link calibration older than this is reported (RB410). */
  readonly calibrationMaxAgeDays?: number;
  /** The actuals file's name and the entries it could not read (RB421). */
  readonly actualsFile?: { readonly fileName: string; readonly problems: readonly { readonly line: number; readonly character: number; readonly message: string }[] };
}

/** The settings' defaults (shared/src/settings.ts, where each is explained). */
export const DEFAULT_OPTIONS: EngineOptions = {
  defaultVsphereVersion: DEFAULT_SETTINGS.defaultVsphereVersion,
  switchoverWarningSeconds: DEFAULT_SETTINGS.switchoverWarningSeconds,
  calibrationMaxAgeDays: DEFAULT_SETTINGS.calibrationMaxAgeDays,
  tcpEfficiency: DEFAULT_SETTINGS.efficiency.tcp,
  wanOptimizedEfficiency: DEFAULT_SETTINGS.efficiency.wanOptimized,
};

export function withDefaults(partial: Partial<EngineOptions> | undefined): EngineOptions {
  return { ...DEFAULT_OPTIONS, ...(partial ?? {}) };
}
