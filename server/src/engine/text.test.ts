import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from './text';

test('positions round-trip with LF, CRLF and CR line ends', () => {
  const text = 'ab\r\ncd\ref\ngh';
  const index = new LineIndex(text);
  assert.equal(index.lineCount, 4);
  assert.deepEqual(index.positionAt(text.indexOf('d')), { line: 1, character: 1 });
  assert.deepEqual(index.positionAt(text.indexOf('f')), { line: 2, character: 1 });
  assert.equal(index.offsetAt({ line: 3, character: 1 }), text.indexOf('h'));
  assert.equal(index.offsetAt({ line: 0, character: 99 }), 2, 'clamped to the line end, before CRLF');
  assert.equal(index.offsetAt({ line: 99, character: 0 }), text.length);
  assert.deepEqual(index.positionAt(-5), { line: 0, character: 0 });
});

test('characters are UTF-16 code units (non-BMP counts two)', () => {
  const text = 'name: 🚀x';
  const index = new LineIndex(text);
  assert.deepEqual(index.positionAt(text.indexOf('x')), { line: 0, character: 8 });
});
