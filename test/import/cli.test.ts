/** `runbook import rvtools` in-process: output streams, files written atomically, exit codes. */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileSystemIo, type CliIo } from '../../cli/src/io';
import { mainAsync } from '../../cli/src/main';
import { runIn, workspace } from '../cli/harness';
import { csvOf, fillPlaceholders, makeRows, xlsxOf } from './fixtures';

async function run(cwd: string, argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { ...fileSystemIo(cwd), stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) }, isTTY: false, env: {} };
  const code = await mainAsync(argv, io);
  return { code, stdout, stderr };
}

const PLAN = `runbook: 1\r
name: Plan   # a comment\r
sites:\r
  a: { name: A, vsphere: "7.0" }\r
  b: { name: B, vsphere: "7.0" }\r
links:\r
  a-b: { from: a, to: b, bandwidth: 10 Gbps, rtt: 5 ms }\r
vms:\r
  vm00001: { name: vm00001, memory: 2 GiB, disk: 10 GiB }\r
waves:\r
  - name: Wave 1\r
    link: a-b\r
    vms: [vm00001]\r
`;

describe('runbook import rvtools (CLI)', () => {
  let dir = '';
  let cleanup = (): void => {};
  before(async () => {
    ({ dir, cleanup } = workspace({ 'plan.runbook.yaml': `\ufeff${PLAN}`, 'broken.runbook.yaml': PLAN.replace('    link: a-b', '    link: a-x') }));
    writeFileSync(join(dir, 'export.csv'), csvOf(makeRows(30)));
    writeFileSync(join(dir, 'export.xlsx'), await xlsxOf(makeRows(30)));
    writeFileSync(join(dir, 'bad.csv'), csvOf([{ ...makeRows(1)[0], Memory: 'lots' }]));
  });
  after(() => cleanup());

  it('prints a new runbook on stdout and the summary on stderr; it checks clean once filled', async () => {
    const r = await run(dir, ['import', 'rvtools', 'export.xlsx', '--wave-size', '10']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^# Migration runbook drafted by `runbook import rvtools` from export\.xlsx \(sheet 'vInfo'\)\./);
    assert.match(r.stderr, /^27 VMs imported from sheet 'vInfo' of 'export\.xlsx' in 3 proposed waves; 3 powered off or suspended skipped \(--include-powered-off\)\.\n {2}row 11: 'vm00010' is powered off\n/);
    writeFileSync(join(dir, 'new.runbook.yaml'), fillPlaceholders(r.stdout));
    const check = runIn(dir, ['check', 'new.runbook.yaml']);
    assert.equal(check.code, 0);
    // Every imported VM runs on the default workload profile, and RB301 (information) says so.
    assert.match(check.stdout, /\n0 errors, 0 warnings, 27 information in 1 file\n$/);
    const rb301 = check.stdout.split('\n').filter((l) => / information RB301 VM '[^']+' has no dirty_rate or workload, so its estimate uses workload range idle-heavy, likely 'light'/.test(l));
    assert.equal(rb301.length, 27);
  });

  it('--output writes the new runbook, and refuses to overwrite', async () => {
    const r = await run(dir, ['import', 'rvtools', 'export.csv', '-o', 'out.runbook.yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(readFileSync(join(dir, 'out.runbook.yaml'), 'utf8'), /^# Migration runbook drafted/);
    const again = await run(dir, ['import', 'rvtools', 'export.csv', '-o', 'out.runbook.yaml']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /'out\.runbook\.yaml' exists; merge into it with --into/);
  });

  it('--into merges, keeps the BOM and CRLF, leaves no temporary file; the second run writes nothing', async () => {
    const dry = await run(dir, ['import', 'rvtools', 'export.csv', '--into', 'plan.runbook.yaml', '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /--dry-run: plan\.runbook\.yaml not written/);
    assert.equal(readFileSync(join(dir, 'plan.runbook.yaml'), 'utf8'), `\ufeff${PLAN}`);

    const r = await run(dir, ['import', 'rvtools', 'export.csv', '--into', 'plan.runbook.yaml']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^26 added, 1 updated, 0 unchanged, 0 disappeared from the export \(kept\); 3 powered off or suspended skipped/);
    assert.match(r.stdout, /updated 'vm00001' \(row 2\): memory 2 GiB -> 8 GiB; disk 10 GiB -> \{ provisioned: 50 GiB, used: 25 GiB \}/);
    assert.match(r.stdout, /wrote plan\.runbook\.yaml\n$/);
    const written = readFileSync(join(dir, 'plan.runbook.yaml'), 'utf8');
    assert.ok(written.startsWith(`\ufeffrunbook: 1\r\nname: Plan   # a comment\r\n`));
    assert.ok(!/[^\r]\n/.test(written));
    assert.deepEqual(readdirSync(dir).filter((f) => f.endsWith('.tmp')), []);
    assert.equal(runIn(dir, ['check', 'plan.runbook.yaml']).code, 0);

    const second = await run(dir, ['import', 'rvtools', 'export.csv', '--into', 'plan.runbook.yaml']);
    assert.equal(second.code, 0);
    assert.match(second.stdout, /^0 added, 0 updated, 27 unchanged/);
    assert.match(second.stdout, /plan\.runbook\.yaml is up to date; nothing written\.\n$/);
    assert.equal(readFileSync(join(dir, 'plan.runbook.yaml'), 'utf8'), written);
  });

  it('a bad export leaves the runbook untouched: exit 2 and the cell named', async () => {
    const before = readFileSync(join(dir, 'plan.runbook.yaml'), 'utf8');
    const r = await run(dir, ['import', 'rvtools', 'bad.csv', '--into', 'plan.runbook.yaml']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, "runbook: the CSV file of 'bad.csv': row 2, column 'Memory' (F): 'lots' is not a memory size in MiB.\n");
    assert.equal(readFileSync(join(dir, 'plan.runbook.yaml'), 'utf8'), before);
  });

  it('exit 1 when the merged runbook has errors (written, and said so)', async () => {
    const r = await run(dir, ['import', 'rvtools', 'export.csv', '--into', 'broken.runbook.yaml']);
    assert.equal(r.code, 1);
    // The new waves take the last wave's link, unknown here too: three RB102.
    assert.match(r.stdout, /3 errors in broken\.runbook\.yaml; see 'runbook check broken\.runbook\.yaml'\.\n$/);
  });

  it('usage problems: exit 2 with one line and a hint', async () => {
    const cases: [string[], RegExp][] = [
      [['import'], /import needs a format and a file/],
      [['import', 'vmware', 'x.csv'], /unknown import format 'vmware' \(formats: rvtools\)/],
      [['import', 'rvtools'], /needs the export file/],
      [['import', 'rvtools', 'export.csv', '--wave-size', '0'], /--wave-size must be a whole number of at least 1 \(got '0'\)/],
      [['import', 'rvtools', 'export.csv', '--filter', 'clustr=A'], /unknown key 'clustr'/],
      [['import', 'rvtools', 'export.csv', '--bogus'], /unknown option '--bogus'/],
      [['import', 'rvtools', 'export.csv', '--dry-run'], /--dry-run applies to --into/],
    ];
    for (const [argv, message] of cases) {
      const r = await run(dir, argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, message);
      assert.match(r.stderr, /\nTry 'runbook import --help'\.\n$/);
    }
    const missing = await run(dir, ['import', 'rvtools', 'nope.xlsx']);
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "runbook: cannot read 'nope.xlsx': no such file\n");
  });

  it('help', async () => {
    const r = await run(dir, ['import', '--help']);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^Usage: runbook import rvtools EXPORT \[options\]/);
    assert.match(runIn(dir, ['help', 'import']).stdout, /--include-powered-off/);
    assert.match(runIn(dir, ['--help']).stdout, /import rvtools EXPORT/);
  });
});
