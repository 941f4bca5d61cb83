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
