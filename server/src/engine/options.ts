/** Settings the engine honours; the server maps `runbook.*` settings onto these, the CLI uses defaults. */
export interface EngineOptions {
  /** vSphere version assumed for a site that does not say (e.g. "7.0"). */
  readonly defaultVsphereVersion: string;
  /** Predicted switchover above this is a warning (domain.md 1.6: VMware's goal is under 1 s). */
  readonly switchoverWarningSeconds: number;
  /** Payload efficiency of plain TCP when a link does not say (fraction). */
  readonly tcpEfficiency: number;
  /** Payload efficiency of a WAN optimizer when a link does not say (fraction). */
  readonly wanOptimizedEfficiency: number;
  /** The CLI's `--now`: the plan starts at `nowEpochMs` whatever its `start:` says. */
  readonly startNow?: boolean;
  /** "Now" for `start: now` and `startNow`; the clock at analysis time when not given. */
  readonly nowEpochMs?: number;
}

export const DEFAULT_OPTIONS: EngineOptions = {
  defaultVsphereVersion: '7.0',
  switchoverWarningSeconds: 1,
  // Ethernet + IP + TCP framing at 1500-byte MTU: 1460 payload / 1538 on the wire = 0.949
  // (docs/estimates.md); the Hyper-V 1 GbE rows in measurements.yaml peak at 119.5 MB/s = 0.956.
  tcpEfficiency: 0.95,
  wanOptimizedEfficiency: 0.95,
};

export function withDefaults(partial: Partial<EngineOptions> | undefined): EngineOptions {
  return { ...DEFAULT_OPTIONS, ...(partial ?? {}) };
}
