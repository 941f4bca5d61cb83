import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml } from './parse';

test('duplicate keys are one RB001 error each, on the later key, pointing back to the first', () => {
  const text = 'vms:\n  a: {}\n  b: {}\n  a: {}\nname: x\nname: y\n';
  const { findings } = parseYaml(text);
  assert.deepEqual(
    findings.map((f) => [f.code, text.slice(f.span.start, f.span.end), f.related?.[0] && text.slice(f.related[0].span.start, f.related[0].span.end)]),
    [
      ['RB001', 'name', 'name'],
      ['RB001', 'a', 'a'],
    ],
  );
  assert.match(findings.find((f) => f.span.start === text.lastIndexOf('a:'))!.message, /already defined on line 2/);
});

test('syntax errors carry a non-empty span inside the text', () => {
  for (const text of ['a: [1, 2', 'a: "x', 'a:\n\t- b', 'key: value: other', '- a\nb: c']) {
    const { findings } = parseYaml(text);
    assert.ok(findings.length > 0, text);
    for (const f of findings) {
      assert.ok(f.span.start >= 0 && f.span.end <= text.length && f.span.end > f.span.start, `${text}: ${JSON.stringify(f.span)}`);
    }
  }
});

test('an alias bomb ("billion laughs") is one RB001 error, not silence', () => {
  const levels = ['a: &a ["x","x","x","x","x","x","x","x","x"]'];
  for (let i = 1; i < 8; i++) {
    const prev = String.fromCharCode(96 + i);
    levels.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const text = levels.join('\n') + '\n';
  const { findings } = parseYaml(text);
  const bombs = findings.filter((f) => /alias bombs/.test(f.message));
  assert.equal(bombs.length, 1);
  assert.equal(bombs[0].severity, 'error');
  assert.equal(text[bombs[0].span.start], '*');
  // A self-referencing anchor expands forever: the same error.
  assert.ok(parseYaml('a: &a [*a]\n').findings.some((f) => /alias bombs/.test(f.message)));
});

test('an alias is a warning (the model does not read it), never a silently missing value', () => {
  const text = 'vms:\n  a: { memory: &m 8 GiB }\n  b: { memory: *m }\n';
  const { findings } = parseYaml(text);
  assert.deepEqual(findings.map((f) => [f.code, f.severity, text.slice(f.span.start, f.span.end)]), [['RB001', 'warning', '*m']]);
  assert.match(findings[0].message, /not read/);
});

test('many aliases: at most 20 warnings and one line for the rest', () => {
  const text = 'x: &x 1\nl: [' + Array(30).fill('*x').join(', ') + ']\n';
  const { findings } = parseYaml(text);
  assert.equal(findings.length, 21);
  assert.match(findings[20].message, /^10 more YAML aliases/);
});

test('nesting too deep for the parser is a clear RB001, not a stack-overflow message', () => {
  const text = 'a: ' + '['.repeat(10_000) + ']'.repeat(10_000);
  const { findings } = parseYaml(text);
  assert.ok(findings.some((f) => f.code === 'RB001' && /nests too deeply/.test(f.message)), JSON.stringify(findings.map((f) => f.message)));
  assert.ok(findings.every((f) => !/call stack/.test(f.message)));
});
