// Bundles the entry points with esbuild into dist/ (CommonJS, Node 20). `vscode` stays external.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  { in: 'cli/src/index.ts', out: 'cli' },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'client/src/extension.ts', out: 'client' },
  // The RVTools import (ExcelJS): required by client/src/importCommand.ts only when the command runs.
  { in: 'import/src/importRvtools.ts', out: 'import' },
].filter((e) => existsSync(e.in));

const production = process.argv.includes('--production');
await build({
  entryPoints: entries,
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['vscode'],
  // yaml's ES module build instead of its CommonJS one: esbuild reaches a CommonJS module's exports
  // through getters (every isScalar/isMap call paid one), and the CommonJS parser reads
  // process.env.LOG_TOKENS once per token. Same source, same results (docs/performance.md).
  alias: { yaml: './node_modules/yaml/browser/dist/index.js' },
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
});

// The timeline webview's page: browser code, one script and one stylesheet (webview/src/).
if (existsSync('webview/src/main.ts')) {
  await build({
    entryPoints: [{ in: 'webview/src/main.ts', out: 'webview' }, { in: 'webview/src/timeline.css', out: 'webview' }],
    outdir: 'dist',
    bundle: true,
    platform: 'browser',
    target: 'chrome114',
    format: 'iife',
    sourcemap: !production,
    minify: production,
    logLevel: 'warning',
  });
}
