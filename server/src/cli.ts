/** Entry point of the `runbook` command (bundled to dist/cli.js; see cli/main.ts). */
import { processIo } from './cli/io';
import { main } from './cli/main';

// exitCode rather than process.exit(): pending stdout writes to a pipe are flushed first, and
// `runbook lsp` keeps running on its stdin.
process.exitCode = main(process.argv.slice(2), processIo());
