import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Finding } from './findings';
import { applySuppressions } from './suppression';
import { LineIndex } from './text';

const text = `a: 1
# runbook-disable RB201, RB202
b: 2
# runbook-disable
c: 3
d: 4
`;
const at = (code: string, key: string): Finding => {
  const start = text.indexOf(`${key}:`);
  return { code, severity: 'error', message: code, span: { start, end: start + 1 } };
};

test('a directive silences the named codes on the next line only', () => {
  const kept = applySuppressions(text, new LineIndex(text), [at('RB201', 'b'), at('RB203', 'b'), at('RB201', 'd'), at('RB207', 'c'), at('RB001', 'c')]);
  assert.deepEqual(kept.map((f) => `${f.code}@${text[f.span.start]}`), ['RB203@b', 'RB201@d', 'RB001@c']);
});
