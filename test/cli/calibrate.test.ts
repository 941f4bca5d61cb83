import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { main } from '../../cli/src/main';
import { fileSystemIo, type CliIo } from '../../cli/src/io';

const SAMPLES = join(__dirname, '../../../samples/night');

function cliIo(cwd: string): CliIo & { out: string; err: string } {
  const io = { ...fileSystemIo(cwd), out: '', err: '', stdout: { write: (t: string) => (io.out += t) }, stderr: { write: (t: string) => (io.err += t) }, isTTY: false, env: {} };
  return io;
}

test('runbook calibrate: fits the pilot, prints before/after, writes one entry (comments kept); re-running replaces it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-calibrate-'));
  try {
    const original = readFileSync(join(SAMPLES, 'night.runbook.yaml'), 'utf8').replace(/\n {4}calibration: \{[^\n]*\}/, '');
    writeFileSync(join(dir, 'night.runbook.yaml'), original);
    copyFileSync(join(SAMPLES, 'pilot-tasks.csv'), join(dir, 'pilot-tasks.csv'));
    const args = ['calibrate', 'night.runbook.yaml', '--from', 'pilot-tasks.csv', '--utc-offset', '-06:00', '--date-order', 'mdy'];
    const io = cliIo(dir);
    assert.equal(main(args, io), 0, io.err);
    assert.match(io.out, /^link 'dal-iad': fixed time \d+ s per migration \+ the transfer at \d+ % of the modelled rate; spread ±10 % over 2 moves\n/);
    assert.match(io.out, /\n {2}pilot-01 {2}6 min {6}5 min -19 % {8}6 min ±0 %\n/);
    const written = readFileSync(join(dir, 'night.runbook.yaml'), 'utf8');
    const added = written.split('\n').filter((l) => !original.split('\n').includes(l));
    assert.equal(added.length, 1, 'one line added');
    assert.match(added[0], /^ {4}calibration: \{ source: pilot-tasks\.csv, measured: 2026-12-01, moves: 2, rate_factor: 0\.\d+, fixed_time: \d+ s, spread: 10 %, link: \{ bandwidth: 1 Gbps, transport: tcp \} \}$/);
    assert.ok(written.includes('# Mid-night: a two-night move'), 'comments kept');
    // Again: the entry is replaced, not added twice.
    assert.equal(main(args, cliIo(dir)), 0);
    assert.equal(readFileSync(join(dir, 'night.runbook.yaml'), 'utf8'), written);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runbook calibrate: one move gives a scale only and says so; problems exit 2 and write nothing', () => {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-calibrate-'));
  try {
    const original = readFileSync(join(SAMPLES, 'night.runbook.yaml'), 'utf8');
    writeFileSync(join(dir, 'night.runbook.yaml'), original);
    writeFileSync(join(dir, 'one.csv'), 'vm,start,end\npilot-01,2026-12-01T22:10:12-06:00,2026-12-01T22:16:40-06:00\n');
    const io = cliIo(dir);
    assert.equal(main(['calibrate', 'night.runbook.yaml', '--from', 'one.csv', '--dry-run'], io), 0, io.err);
    assert.match(io.out, /^link 'dal-iad': scale 1\.\d+ \(1 move: too few for a rate and a fixed time, so only a scale \(measured \/ predicted\)\); spread ±5 % over 1 move\n/);
    assert.match(io.out, /would write to night\.runbook\.yaml: calibration: \{ .*scale: 1\.\d+, spread: 5 %/);
    assert.equal(readFileSync(join(dir, 'night.runbook.yaml'), 'utf8'), original, 'dry run writes nothing');
    writeFileSync(join(dir, 'failed.csv'), 'vm,start,end,status\npilot-01,2026-12-01T22:10:12-06:00,2026-12-01T22:16:40-06:00,failed\n');
    const failed = cliIo(dir);
    assert.equal(main(['calibrate', 'night.runbook.yaml', '--from', 'failed.csv'], failed), 2);
    assert.match(failed.err, /failed\.csv: no succeeded move of a VM of night\.runbook\.yaml to fit/);
    const badLink = cliIo(dir);
    assert.equal(main(['calibrate', 'night.runbook.yaml', '--from', 'one.csv', '--link', 'nope'], badLink), 2);
    assert.match(badLink.err, /no link 'nope' in the runbook \(links: dal-iad\)/);
    assert.equal(readFileSync(join(dir, 'night.runbook.yaml'), 'utf8'), original);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
