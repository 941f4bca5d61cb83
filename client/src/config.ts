/**
 * Typed `runbook.*` settings on the client: shared/src/settings.ts defines and checks them (the
 * server reads the same definitions); this reads them through a `get(key)` source shaped like
 * `vscode.WorkspaceConfiguration`, so it is testable without VS Code.
 */
import { settingsFrom, type RunbookSettings, type SettingKey } from '../../shared/src/settings';

/** What `vscode.workspace.getConfiguration('runbook')` offers (the subset we use). */
export interface SettingsSource {
  get<T>(section: string): T | undefined;
}

/** Values of the wrong type or out of range (settings.json is hand-edited) fall back to the default. */
export function readSettings(source: SettingsSource): RunbookSettings {
  return settingsFrom((key: SettingKey) => source.get<unknown>(key));
}
