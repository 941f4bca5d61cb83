/**
 * The plan's actuals file (docs/actuals.md: `night.actuals.yaml` beside `night.runbook.yaml`): read
 * from disk when a runbook opens, re-read when the client reports the file changed (the client
 * watches `**\/*.actuals.yaml`: workspace/didChangeWatchedFiles), and handed to the service, which
 * re-forecasts (RB420). While a wave is running the forecast depends on the clock: every minute the
 * runbooks with a running wave are re-forecast. Then the same refresh as a settings change runs
 * (diagnostics, code lenses, inlay hints, the status item and the timeline ask again).
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Connection } from 'vscode-languageserver/node';
import { actualsFileName } from '../../../shared/src/measured';
import { describeError, isRunbookDocument, type Feature, type FeatureContext } from './context';

/** How often a running wave's forecast is recomputed: "now" moves, and so does the forecast. */
export const CLOCK_REFRESH_MS = 60_000;
/** Larger actuals files are not read (a runaway file must not stall the server). */
const MAX_ACTUALS_BYTES = 16 * 1024 * 1024;

/** The actuals file URI of a runbook URI, or undefined when the runbook is not a file on disk. */
export function actualsUriOf(runbookUri: string): string | undefined {
  if (!runbookUri.startsWith('file:')) return undefined;
  try {
    const path = fileURLToPath(runbookUri);
    return pathToFileURL(join(dirname(path), actualsFileName(basename(path)))).href;
  } catch {
    return undefined;
  }
}

async function readActuals(actualsUri: string): Promise<{ fileName: string; text: string } | undefined> {
  const path = fileURLToPath(actualsUri);
  try {
    const text = await readFile(path, 'utf8');
    if (text.length > MAX_ACTUALS_BYTES) return { fileName: basename(path), text: '' };
    return { fileName: basename(path), text: text.replace(/^\uFEFF/, '') };
  } catch {
    return undefined; // no actuals file (yet): the plan is the forecast
  }
}

export const actualsFeature: Feature = {
  name: 'actuals',
  register(connection: Connection, ctx: FeatureContext): void {
    const load = async (runbookUri: string): Promise<boolean> => {
      const actualsUri = actualsUriOf(runbookUri);
      if (!actualsUri) return false;
      const file = await readActuals(actualsUri);
      // The runbook may have closed while we read.
      if (!ctx.documents.get(runbookUri)) return false;
      return ctx.service.setActuals(runbookUri, file);
    };
    const reloadAll = async (filter: (runbookUri: string) => boolean): Promise<void> => {
      let changed = false;
      for (const document of ctx.documents.all()) {
        if (!isRunbookDocument(document) || !filter(document.uri)) continue;
        try {
          if (await load(document.uri)) changed = true;
        } catch (error) {
          connection.console.error(`reading the actuals of ${document.uri} failed: ${describeError(error)}`);
        }
      }
      if (changed) ctx.fireSettingsChanged();
    };

    ctx.documents.onDidOpen((e) => {
      if (!isRunbookDocument(e.document)) return;
      const uri = e.document.uri;
      void load(uri).then((changed) => { if (changed) ctx.fireSettingsChanged(); }).catch((error) => connection.console.error(`reading the actuals of ${uri} failed: ${describeError(error)}`));
    });
    connection.onDidChangeWatchedFiles((params) => {
      const changed = new Set(params.changes.map((c) => c.uri));
      void reloadAll((runbookUri) => {
        const actualsUri = actualsUriOf(runbookUri);
        return actualsUri !== undefined && [...changed].some((u) => sameFile(u, actualsUri));
      });
    });
    const timer = setInterval(() => {
      let changed = false;
      for (const document of ctx.documents.all()) {
        if (isRunbookDocument(document) && ctx.service.isRunning(document.uri) && ctx.service.refreshClock(document.uri)) changed = true;
      }
      if (changed) ctx.fireSettingsChanged();
    }, CLOCK_REFRESH_MS);
    timer.unref();
    connection.onShutdown(() => clearInterval(timer));
  },
};

/** Clients encode file URIs differently (`%3A` vs `:` in a drive letter): compare the paths. */
function sameFile(a: string, b: string): boolean {
  if (a === b) return true;
  try {
    return fileURLToPath(a) === fileURLToPath(b);
  } catch {
    return false;
  }
}
