/**
 * Settings: the `runbook` section, read with `workspace/configuration` when the client supports it
 * (the defaults otherwise) and re-read on `workspace/didChangeConfiguration`. Values are
 * untrusted: each is checked against its definition in shared/src/settings.ts (the client checks
 * the same) and falls back to its default. `runbook.trace.server` is the
 * client library's business.
 */
import { DidChangeConfigurationNotification, type Connection } from 'vscode-languageserver/node';
import { nestedGetter, settingsFrom, type RunbookSettings } from '../../../shared/src/settings';
import { describeError, type Feature, type FeatureContext } from './context';

type Raw = { readonly [key: string]: unknown };

function object(value: unknown): Raw {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Raw) : {};
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
        apply(settingsFrom(nestedGetter(section)));
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
      if (pushed !== undefined) apply(settingsFrom(nestedGetter(pushed)));
    });
  },
};
