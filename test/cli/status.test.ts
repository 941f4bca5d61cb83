import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../cli/src/main';
import { fileSystemIo, type CliIo } from '../../cli/src/io';

const SAMPLES = join(__dirname, '../../../samples/night');
const NOW = '2026-12-02T23:20:00-06:00';

function cliIo(cwd: string): CliIo & { out: string; err: string } {
  const io = { ...fileSystemIo(cwd), out: '', err: '', stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) }, isTTY: false, env: {} };
  return io;
}

function sampleDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-status-'));
  copyFileSync(join(SAMPLES, 'night.runbook.yaml'), join(dir, 'night.runbook.yaml'));
  copyFileSync(join(SAMPLES, 'night.actuals.yaml'), join(dir, 'night.actuals.yaml'));
  return dir;
}

test('runbook status: the sample mid-night overruns (exit 1) and says by when to decide', () => {
  const dir = sampleDir();
  try {
    const io = cliIo(dir);
    assert.equal(main(['status', 'night.runbook.yaml', '--now', NOW], io), 1);
    assert.match(io.out, /^night\.runbook\.yaml at 2026-12-02 23:20 -06:00; actuals: night\.actuals\.yaml \(10 migrations, 3 steps\)\n/);
    assert.match(io.out, /\npilot: done, 2\/2 moved\n/);
    assert.match(io.out, /\nwave-2: running, 5\/8 moved, 2 running, 1 failed \(app-02\)\n  pace: 1\d % slower than planned \(5 finished moves\)\n  forecast end 00:5\d \+1d \(planned 00:27 \+1d\); window ends 00:45 \+1d: overruns by 1\d min\n  decide on a rollback by 23:2\d \(in \d+ min\)\n/);
    const json = cliIo(dir);
    assert.equal(main(['status', 'night.runbook.yaml', '--now', NOW, '--format', 'json'], json), 1);
    const parsed = JSON.parse(json.out) as { runningWave: string; waves: { name: string; state: string; vms: { failed: number }; overrunSeconds: number; decideBy: string | null; failed: { vm: string }[] }[] };
    assert.equal(parsed.runningWave, 'wave-2');
    assert.equal(parsed.waves[1].state, 'running');
    assert.ok(parsed.waves[1].overrunSeconds > 0);
    assert.match(parsed.waves[1].decideBy ?? '', /^2026-12-02T23:2\d:\d\d-06:00$/);
    assert.deepEqual(parsed.waves[1].failed.map((f) => f.vm), ['app-02']);
    // Earlier in the night the same wave still fits: exit 0.
    assert.equal(main(['status', 'night.runbook.yaml', '--now', '2026-12-01T23:00:00-06:00', '--actuals', 'pilot.actuals.yaml'], writePilotOnly(dir)), 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

function writePilotOnly(dir: string): CliIo {
  writeFileSync(join(dir, 'pilot.actuals.yaml'), 'actuals: 1\nmigrations:\n  - { vm: pilot-01, start: 2026-12-01T22:10:00-06:00, end: 2026-12-01T22:15:14-06:00, status: succeeded }\n');
  return cliIo(dir);
}

test('runbook status: usage and input problems exit 2 with the file and line', () => {
  const dir = sampleDir();
  try {
    let io = cliIo(dir);
    assert.equal(main(['status', 'night.runbook.yaml', '--now', '23:20'], io), 2);
    assert.match(io.err, /--now '23:20' is not a time with its offset/);
    io = cliIo(dir);
    assert.equal(main(['status', 'night.runbook.yaml', '--actuals', 'missing.yaml'], io), 2);
    assert.match(io.err, /cannot read the actuals file 'missing\.yaml'/);
    writeFileSync(join(dir, 'bad.actuals.yaml'), 'actuals: 1\nmigrations:\n  - { vm: app-01, start: 23:10 }\n');
    io = cliIo(dir);
    assert.equal(main(['status', 'night.runbook.yaml', '--actuals', 'bad.actuals.yaml'], io), 2);
    assert.match(io.err, /bad\.actuals\.yaml:3:\d+: Migration of 'app-01': start: '23:10' is not a time with its offset/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
