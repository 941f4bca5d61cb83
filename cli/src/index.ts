/** Entry point of the `runbook` command (bundled to dist/cli.js; see cli/main.ts). */
import { processIo } from './io';
import { EXIT_USAGE, mainAsync } from './main';

// `runbook check ... | head` closes the pipe early: end quietly with the exit code so far rather
// than with an unhandled EPIPE stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => process.exit(error.code === 'EPIPE' ? (process.exitCode ?? 0) : EXIT_USAGE));
}

// exitCode rather than process.exit(): pending stdout writes to a pipe are flushed first, and
// `runbook lsp` keeps running on its stdin. mainAsync: `import` finishes asynchronously.
void mainAsync(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
