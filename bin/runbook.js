#!/usr/bin/env node
// The `runbook` command: the bundled CLI (built by `npm run build`).
require('../dist/cli.js');
