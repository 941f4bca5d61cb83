/**
 * Settings: the `runbook` section, read with `workspace/configuration` when the client supports it
 * (DEFAULT_SETTINGS otherwise) and re-read on `workspace/didChangeConfiguration`. Values are
 * untrusted: each is type-checked and falls back to its default. `runbook.trace.server` is the
 * client library's business.
 */
import { DidChangeConfigurationNotification, type Connection } from 'vscode-languageserver/node';
import { DEFAULT_SETTINGS, type RunbookSettings } from '../../../shared/src/protocol';
import { describeError, type Feature, type FeatureContext } from './context';

type Raw = { readonly [key: string]: unknown };

function object(value: unknown): Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
}

function pick<T>(value: unknown, fallback: T, valid: (v: unknown) => boolean): T {
  return valid(value) ? (value as T) : fallback;
}

const isFraction = (v: unknown): boolean => typeof v === 'number' && v > 0 && v <= 1;
const isPositive = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v) && v > 0;
const isBoolean = (v: unknown): boolean => typeof v === 'boolean';
const isVersion = (v: unknown): boolean => typeof v === 'string' && v.trim() !== '';

/** The client's `runbook` section over the defaults, field by field. */
export function settingsFrom(raw: unknown): RunbookSettings {
  const s = object(raw);
  const d = DEFAULT_SETTINGS;
  const efficiency = object(s.efficiency);
  const hints = object(s.hints);
  const codeLens = object(s.codeLens);
  return {
    defaultVsphereVersion: pick(s.defaultVsphereVersion, d.defaultVsphereVersion, isVersion),
    switchoverWarningSeconds: pick(s.switchoverWarningSeconds, d.switchoverWarningSeconds, isPositive),
    efficiency: {
      tcp: pick(efficiency.tcp, d.efficiency.tcp, isFraction),
      wanOptimized: pick(efficiency.wanOptimized, d.efficiency.wanOptimized, isFraction),
    },
    hints: {
      vmEstimate: pick(hints.vmEstimate, d.hints.vmEstimate, isBoolean),
      waveFit: pick(hints.waveFit, d.hints.waveFit, isBoolean),
    },
    codeLens: { enabled: pick(codeLens.enabled, d.codeLens.enabled, isBoolean) },
    maxDocumentBytes: pick(s.maxDocumentBytes, d.maxDocumentBytes, isPositive),
  };
}

function sameSettings(a: RunbookSettings, b: RunbookSettings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export const settingsFeature: Feature = {
  name: 'settings',
  register(connection: Connection, ctx: FeatureContext): void {
    const pullSupported = (): boolean => ctx.clientCapabilities.workspace?.configuration === true;

    const apply = (settings: RunbookSettings): void => {
      if (sameSettings(settings, ctx.service.settings)) return;
      ctx.service.configure(settings);
      ctx.fireSettingsChanged();
    };

    const load = async (): Promise<void> => {
      if (!pullSupported()) return;
      try {
        const [section] = await connection.workspace.getConfiguration([{ section: 'runbook' }]) as unknown[];
        apply(settingsFrom(section));
      } catch (error) {
        connection.console.error(`reading the runbook settings failed: ${describeError(error)}`);
      }
    };

    connection.onInitialized(() => {
      if (ctx.clientCapabilities.workspace?.didChangeConfiguration?.dynamicRegistration) {
        void connection.client.register(DidChangeConfigurationNotification.type, { section: 'runbook' }).catch(() => undefined);
      }
      void load().finally(() => ctx.markSettingsReady());
    });

    connection.onDidChangeConfiguration((change) => {
      if (pullSupported()) {
        void load();
        return;
      }
      // Clients without workspace/configuration push the settings in the notification.
      const pushed = object(change.settings).runbook;
      if (pushed !== undefined) apply(settingsFrom(pushed));
    });
  },
};
