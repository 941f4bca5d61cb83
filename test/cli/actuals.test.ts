import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

function planDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbook-actuals-'));
  copyFileSync(join(SAMPLES, 'night.runbook.yaml'), join(dir, 'night.runbook.yaml'));
  return dir;
}

test('runbook actuals: a shorter export, then the longer one: only what is new is added, the running moves finish in place', () => {
  const dir = planDir();
  try {
    const full = readFileSync(join(SAMPLES, 'tasks-export.csv'), 'utf8').split('\r\n');
    // The same export an hour earlier: the last five lines (oldest tasks), db-01 not yet started.
    writeFileSync(join(dir, 'early.csv'), [full[0], ...full.slice(6)].join('\r\n'));
    writeFileSync(join(dir, 'tasks.csv'), full.join('\r\n'));
    const args = ['actuals', 'night.runbook.yaml', '--utc-offset', '-06:00', '--date-order', 'mdy', '--from'];
    let io = cliIo(dir);
    assert.equal(main([...args, 'early.csv'], io), 0, io.err);
    assert.match(io.out, /^early\.csv: vsphere-client-tasks export, 4 migrations \(3 succeeded, 1 failed, 0 cancelled, 0 running\)\n/);
    assert.match(io.out, /wrote night\.actuals\.yaml: 4 added, 0 updated, 0 already recorded\n$/);
    io = cliIo(dir);
    assert.equal(main([...args, 'tasks.csv'], io), 0, io.err);
    assert.match(io.out, /wrote night\.actuals\.yaml: 4 added, 0 updated, 4 already recorded\n$/);
    const once = readFileSync(join(dir, 'night.actuals.yaml'), 'utf8');
    io = cliIo(dir);
    assert.equal(main([...args, 'tasks.csv'], io), 0);
    assert.match(io.out, /unchanged: night\.actuals\.yaml: 0 added, 0 updated, 8 already recorded\n$/);
    assert.equal(readFileSync(join(dir, 'night.actuals.yaml'), 'utf8'), once, 'idempotent');
    // db-01 finished in a later export: updated in place.
    writeFileSync(join(dir, 'later.csv'), full.join('\r\n').replace('"db-01","Running","Migrating Virtual Machine active state","VSPHERE.LOCAL\\migration-svc","3 ms","12/02/2026, 11:05:55 PM",""', '"db-01","Completed","","VSPHERE.LOCAL\\migration-svc","3 ms","12/02/2026, 11:05:55 PM","12/03/2026, 12:19:02 AM"'));
    io = cliIo(dir);
    assert.equal(main([...args, 'later.csv'], io), 0);
    assert.match(io.out, /: 0 added, 1 updated, 7 already recorded\n$/);
    assert.match(readFileSync(join(dir, 'night.actuals.yaml'), 'utf8'), /vm: db-01, start: 2026-12-02T23:05:55-06:00, end: 2026-12-03T00:19:02-06:00, status: succeeded/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('runbook actuals: broken exports exit 2 with the row and write nothing; unknown VMs are listed (exit 1)', () => {
  const dir = planDir();
  try {
    const cases: [string, RegExp][] = [
      ['"Task Name","Target","Status","Start Time","Completion Time"\n"Relocate virtual machine","app-01"\n', /bad\.csv:2: has 2 fields, the header 5/],
      ['vm;start;end\napp-01;2026-12-02 22:00:00;2026-12-02 22:10:00\n', /bad\.csv:2: start '2026-12-02 22:00:00' has no UTC offset/],
      ['vm,start,end\napp-01,2026-12-02T22:00:00Z,2026-12-02T22:10:00Z\napp-02,12/2/2026 10:00 PM,\n', /bad\.csv:3: start '12\/2\/2026 10:00 PM' is written differently from row 2/],
    ];
    for (const [text, message] of cases) {
      writeFileSync(join(dir, 'bad.csv'), text);
      const io = cliIo(dir);
      assert.equal(main(['actuals', 'night.runbook.yaml', '--from', 'bad.csv'], io), 2, io.out);
      assert.match(io.err, message);
      assert.equal(existsSync(join(dir, 'night.actuals.yaml')), false, 'nothing written');
    }
    writeFileSync(join(dir, 'unknown.csv'), 'vm,start,end,status\napp-1,2026-12-02T22:00:00-06:00,2026-12-02T22:10:00-06:00,succeeded\napp-02,2026-12-02T22:00:00-06:00,2026-12-02T22:09:00-06:00,Error: timeout\n');
    const io = cliIo(dir);
    assert.equal(main(['actuals', 'night.runbook.yaml', '--from', 'unknown.csv'], io), 1);
    assert.match(io.out, /not a VM of night\.runbook\.yaml, not recorded: 1\n {4}'app-1' \(row 2; did you mean 'app-01'\?\)\n/);
    assert.match(readFileSync(join(dir, 'night.actuals.yaml'), 'utf8'), /vm: app-02, start: 2026-12-02T22:00:00-06:00, end: 2026-12-02T22:09:00-06:00, status: failed/);
    const usage = cliIo(dir);
    assert.equal(main(['actuals', 'night.runbook.yaml'], usage), 2);
    assert.match(usage.err, /actuals needs --from EXPORT/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
