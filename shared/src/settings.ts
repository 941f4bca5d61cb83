/**
 * Every `runbook.*` setting defined once: its type, default and bounds. The client reads them from
 * VS Code's configuration, the server from `workspace/configuration` (section "runbook"), both
 * through `settingsFrom`, so both sides accept and reject the same values; the manifest test checks
 * that package.json contributes exactly these with the same defaults and bounds.
 */

export type SettingDefinition =
  | { readonly type: 'number'; readonly default: number; readonly minimum: number; readonly maximum?: number }
  | { readonly type: 'boolean'; readonly default: boolean }
  | { readonly type: 'string'; readonly default: string; readonly pattern?: string }
  | { readonly type: 'enum'; readonly default: string; readonly values: readonly string[] };

/** `runbook.<key>` -> its definition. */
export const SETTINGS = {
  defaultVsphereVersion: { type: 'string', default: '7.0', pattern: '^\\d+\\.\\d+(\\s*U\\d+[a-z]?)?$' },
  switchoverWarningSeconds: { type: 'number', default: 1, minimum: 0 },
  // A pilot measured a month ago no longer says much about tonight's link (RB410): a choice, not a source.
  calibrationMaxAgeDays: { type: 'number', default: 30, minimum: 0 },
  // Ethernet + IP + TCP framing at 1500-byte MTU: 1460 payload / 1538 on the wire = 0.949
  // (docs/estimates.md); the Hyper-V 1 GbE rows of the measurements peak at 119.5 MB/s = 0.956.
  'efficiency.tcp': { type: 'number', default: 0.95, minimum: 0.1, maximum: 1 },
  'efficiency.wanOptimized': { type: 'number', default: 0.95, minimum: 0.1, maximum: 1 },
  'hints.vmEstimate': { type: 'boolean', default: true },
  'hints.waveFit': { type: 'boolean', default: true },
  'codeLens.enabled': { type: 'boolean', default: true },
  // 8 MiB is about 50,000 VMs: a full analysis of that takes ~10 s and ~1.5 GB (docs/performance.md).
  maxDocumentBytes: { type: 'number', default: 8 * 1024 * 1024, minimum: 0 },
  'trace.server': { type: 'enum', default: 'off', values: ['off', 'messages', 'verbose'] },
} as const satisfies Readonly<Record<string, SettingDefinition>>;

export type SettingKey = keyof typeof SETTINGS;

export type TraceLevel = 'off' | 'messages' | 'verbose';

/** The settings as both sides use them. */
export interface RunbookSettings {
  readonly defaultVsphereVersion: string;
  readonly switchoverWarningSeconds: number;
  /** A link calibration older than this many days is reported (RB410). */
  readonly calibrationMaxAgeDays: number;
  readonly efficiency: { readonly tcp: number; readonly wanOptimized: number };
  readonly hints: { readonly vmEstimate: boolean; readonly waveFit: boolean };
  readonly codeLens: { readonly enabled: boolean };
  /** Documents larger than this (bytes) get one diagnostic instead of a full analysis. */
  readonly maxDocumentBytes: number;
  /** The client library's business (it traces the messages); the server ignores it. */
  readonly trace: { readonly server: TraceLevel };
}

/**
 * A hand-edited value (settings.json is text) checked against its definition; anything of the
 * wrong type or out of bounds is the default.
 */
export function settingValue(key: SettingKey, value: unknown): string | number | boolean {
  const def: SettingDefinition = SETTINGS[key];
  switch (def.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= def.minimum && (def.maximum === undefined || value <= def.maximum) ? value : def.default;
    case 'boolean':
      return typeof value === 'boolean' ? value : def.default;
    case 'string': {
      const text = typeof value === 'string' ? value.trim() : '';
      return text !== '' && (def.pattern === undefined || new RegExp(def.pattern).test(text)) ? text : def.default;
    }
    case 'enum':
      return typeof value === 'string' && def.values.includes(value) ? value : def.default;
  }
}

/**
 * The settings from a getter of dotted keys below `runbook.` (VS Code's `WorkspaceConfiguration.get`,
 * or `nestedGetter` over the object `workspace/configuration` returns).
 */
export function settingsFrom(get: (key: SettingKey) => unknown): RunbookSettings {
  const v = <T>(key: SettingKey): T => settingValue(key, get(key)) as T;
  return {
    defaultVsphereVersion: v('defaultVsphereVersion'),
    switchoverWarningSeconds: v('switchoverWarningSeconds'),
    calibrationMaxAgeDays: v('calibrationMaxAgeDays'),
    efficiency: { tcp: v('efficiency.tcp'), wanOptimized: v('efficiency.wanOptimized') },
    hints: { vmEstimate: v('hints.vmEstimate'), waveFit: v('hints.waveFit') },
    codeLens: { enabled: v('codeLens.enabled') },
    maxDocumentBytes: v('maxDocumentBytes'),
    trace: { server: v('trace.server') },
  };
}

/** A getter of dotted keys over a nested section object (`{ efficiency: { tcp: 0.9 } }`). */
export function nestedGetter(section: unknown): (key: string) => unknown {
  return (key) => {
    let at: unknown = section;
    for (const part of key.split('.')) {
      if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
      at = (at as { readonly [k: string]: unknown })[part];
    }
    return at;
  };
}

export const DEFAULT_SETTINGS: RunbookSettings = settingsFrom(() => undefined);
