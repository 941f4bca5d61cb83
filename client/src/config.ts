/**
 * Typed `runbook.*` settings. Pure: reads through a `get(key)` source shaped like
 * `vscode.WorkspaceConfiguration`, so it is testable without VS Code. The server reads the same
 * settings itself (workspace/configuration, section "runbook"); the client uses them for display
 * and to decide what needs a restart.
 */
import { DEFAULT_SETTINGS, type RunbookSettings } from '../../shared/src/protocol';

/** What `vscode.workspace.getConfiguration('runbook')` offers (the subset we use). */
export interface SettingsSource {
  get<T>(section: string): T | undefined;
}

export type TraceLevel = 'off' | 'messages' | 'verbose';

export interface ClientSettings extends RunbookSettings {
  readonly trace: { readonly server: TraceLevel };
}

/**
 * Every setting key below `runbook.`, with its default. The manifest test checks that package.json
 * contributes exactly these (plus `trace.server`), so a new field of RunbookSettings cannot be
 * forgotten in the manifest.
 */
export const SETTING_DEFAULTS: Readonly<Record<string, string | number | boolean>> = {
  defaultVsphereVersion: DEFAULT_SETTINGS.defaultVsphereVersion,
  switchoverWarningSeconds: DEFAULT_SETTINGS.switchoverWarningSeconds,
  'efficiency.tcp': DEFAULT_SETTINGS.efficiency.tcp,
  'efficiency.wanOptimized': DEFAULT_SETTINGS.efficiency.wanOptimized,
  'hints.vmEstimate': DEFAULT_SETTINGS.hints.vmEstimate,
  'hints.waveFit': DEFAULT_SETTINGS.hints.waveFit,
  'codeLens.enabled': DEFAULT_SETTINGS.codeLens.enabled,
  maxDocumentBytes: DEFAULT_SETTINGS.maxDocumentBytes,
  'trace.server': 'off',
};

function num(source: SettingsSource, key: string, fallback: number, min: number, max: number): number {
  const v = source.get<unknown>(key);
  return typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max ? v : fallback;
}

function bool(source: SettingsSource, key: string, fallback: boolean): boolean {
  const v = source.get<unknown>(key);
  return typeof v === 'boolean' ? v : fallback;
}

/** Values of the wrong type or out of range (settings.json is hand-edited) fall back to the default. */
export function readSettings(source: SettingsSource): ClientSettings {
  const d = DEFAULT_SETTINGS;
  const version = source.get<unknown>('defaultVsphereVersion');
  const trace = source.get<unknown>('trace.server');
  return {
    defaultVsphereVersion: typeof version === 'string' && version.trim() !== '' ? version.trim() : d.defaultVsphereVersion,
    switchoverWarningSeconds: num(source, 'switchoverWarningSeconds', d.switchoverWarningSeconds, 0, Number.MAX_VALUE),
    efficiency: {
      tcp: num(source, 'efficiency.tcp', d.efficiency.tcp, 0.1, 1),
      wanOptimized: num(source, 'efficiency.wanOptimized', d.efficiency.wanOptimized, 0.1, 1),
    },
    hints: {
      vmEstimate: bool(source, 'hints.vmEstimate', d.hints.vmEstimate),
      waveFit: bool(source, 'hints.waveFit', d.hints.waveFit),
    },
    codeLens: { enabled: bool(source, 'codeLens.enabled', d.codeLens.enabled) },
    maxDocumentBytes: num(source, 'maxDocumentBytes', d.maxDocumentBytes, 0, Number.MAX_SAFE_INTEGER),
    trace: { server: trace === 'messages' || trace === 'verbose' ? trace : 'off' },
  };
}
