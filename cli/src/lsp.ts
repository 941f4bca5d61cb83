/**
 * `runbook lsp --stdio`: starts the language server in this process. The server module is loaded
 * only when this command runs, so `check` and `estimate` do not pay for it and this CLI builds even
 * where the server is not part of the build.
 */

interface ServerModule {
  startServer(): void;
}

function isServerModule(value: unknown): value is ServerModule {
  return typeof value === 'object' && value !== null && typeof (value as { startServer?: unknown }).startServer === 'function';
}

/** Loads `../server` lazily; a string with the reason when it is missing or has no startServer. */
export function loadServer(load?: () => unknown): ServerModule | string {
  let loaded: unknown;
  try {
    // A plain require inside the handler keeps the server out of the CLI's start-up path and lets
    // the CLI compile and bundle before or without server.ts (esbuild leaves an unresolvable
    // require inside try/catch to run time). The module's shape is checked by isServerModule
    // rather than trusted.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    loaded = load ? load() : require('../../server/src/server');
  } catch (error) {
    const code = typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
    if (code === 'MODULE_NOT_FOUND') return 'the language server is not part of this build';
    return `the language server failed to load: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
  return isServerModule(loaded) ? loaded : 'the language server module has no startServer()';
}
