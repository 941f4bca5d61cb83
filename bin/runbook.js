#!/usr/bin/env node
// The `runbook` command: the bundled CLI (built by `npm run build`). Before a build there is no
// dist/cli.js: say so in one line and exit 2 (a usage or set-up problem), never 1 ("error findings").
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('runbook: the command is not built yet: run `npm run build` first\n');
  process.exit(2);
}
require(cli);
