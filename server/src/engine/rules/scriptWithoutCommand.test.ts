import { test } from 'node:test';
import assert from 'node:assert/strict';
import { scriptWithoutCommand } from './scriptWithoutCommand';
import { run, spanOf } from '../../../../test/support/rules';

test('RB124 warns on a script step without a command, on its kind', () => {
  const text = `waves:\n  - vms: []\n    after:\n      - { id: dns, duration: 5 min, kind: script }\n      - { id: lb, duration: 5 min, kind: script, command: ./lb.sh }\n`;
  const [f, ...rest] = run(scriptWithoutCommand, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.deepEqual(f.span, spanOf(text, 'script'));
  assert.equal(f.message, "The after step 'dns' is a script but names no command; add 'command:' (what runs, e.g. 'ansible-playbook dns-cutover.yml'), or make it kind: manual.");
});

test('RB124 stays silent for manual steps and scripts with a command', () => {
  assert.deepEqual(run(scriptWithoutCommand, `waves:\n  - vms: []\n    after:\n      - { id: a, duration: 5 min }\n      - { id: b, duration: 5 min, kind: script, command: x }\n`), []);
});
