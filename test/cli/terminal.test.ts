import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import { painter, safe, terminalSafeJson } from '../../cli/src/terminal';
import { runIn, VALID, workspace } from './harness';

describe('terminal safety', () => {
  it('escapes C0 (not tab), DEL, C1, ESC and bidi controls', () => {
    assert.equal(safe('a\u001b[2Jb'), 'a\\x1b[2Jb');
    assert.equal(safe('tab\there'), 'tab\there');
    assert.equal(safe('line\nbreak\r'), 'line\\nbreak\\r');
    assert.equal(safe('\u0000\u0007\u007f\u0085\u009b'), '\\x00\\x07\\x7f\\x85\\x9b');
    assert.equal(safe('abc\u202eevil'), 'abc\\u202eevil');
    assert.equal(safe('plain ümlaut 名前'), 'plain ümlaut 名前');
  });

  it('JSON output escapes what JSON.stringify leaves raw, and parses back to the same text', () => {
    const value = { name: 'a\u001b[2J\u009b31m\u007f\u202eb' };
    const json = terminalSafeJson(value);
    assert.doesNotMatch(json, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/);
    assert.deepEqual(JSON.parse(json), value);
  });

  it('colour is off without a TTY and with NO_COLOR, on otherwise', () => {
    assert.equal(painter(false, {}).paint('x', 'red'), 'x');
    assert.equal(painter(true, { NO_COLOR: '1' }).paint('x', 'red'), 'x');
    assert.equal(painter(true, { NO_COLOR: '' }).paint('x', 'red'), '\u001b[31mx\u001b[0m');
  });

  it('a hostile VM name cannot put an escape sequence on the terminal', () => {
    // The VM id carries ESC ] 0 ; (set window title) and a CSI clear-screen; the YAML escapes
    // make them real control characters in the parsed text.
    const hostile = VALID.replace('  web01: { memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s }', '  "web\\e]0;pwned\\a\\e[2J": { memory: 8 GiBB, disk: 40 GiB }').replace('vms: [web01]', 'vms: ["web\\e]0;pwned\\a\\e[2J"]');
    const { dir, cleanup } = workspace({ 'hostile\u001b[31m.runbook.yaml': hostile });
    try {
      const r = runIn(dir, ['check', 'hostile\u001b[31m.runbook.yaml']);
      assert.equal(r.code, 1, r.stdout + r.stderr);
      assert.doesNotMatch(r.stdout, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/, 'no raw control characters');
      assert.match(r.stdout, /hostile\\x1b\[31m\.runbook\.yaml:/);
      const estimate = runIn(dir, ['estimate', 'hostile\u001b[31m.runbook.yaml']);
      assert.doesNotMatch(estimate.stdout + estimate.stderr, /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
      const json = runIn(dir, ['check', '--format', 'json', 'hostile\u001b[31m.runbook.yaml']);
      assert.doesNotMatch(json.stdout, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
      assert.equal((JSON.parse(json.stdout) as { files: { path: string }[] }).files[0].path, 'hostile\u001b[31m.runbook.yaml');
      const missing = runIn(dir, ['check', 'nope\u001b[2J.yaml']);
      assert.equal(missing.stderr, "runbook: cannot read 'nope\\x1b[2J.yaml': no such file\n");
    } finally {
      cleanup();
    }
  });
});
