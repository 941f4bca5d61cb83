import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LineIndex } from './text';
import { seededRandom } from '../../../test/support/generateRunbook';

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

test('an index updated after an edit equals one built afresh (LF, CRLF, CR; edits at line breaks)', () => {
  const random = seededRandom(11);
  const pieces = ['a', 'bc', '\n', '\r\n', '\r', '  key: v', '\n\n', ''];
  const pick = (): string => pieces[Math.floor(random() * pieces.length)];
  for (let round = 0; round < 2000; round++) {
    let text = '';
    for (let k = Math.floor(random() * 12); k > 0; k--) text += pick();
    const start = Math.floor(random() * (text.length + 1));
    const oldEnd = Math.min(text.length, start + Math.floor(random() * 4));
    let inserted = '';
    for (let k = Math.floor(random() * 3); k > 0; k--) inserted += pick();
    const next = text.slice(0, start) + inserted + text.slice(oldEnd);
    const updated = LineIndex.afterEdit(new LineIndex(text), next, start, oldEnd, next.length - text.length);
    const fresh = new LineIndex(next);
    assert.equal(updated.lineCount, fresh.lineCount, JSON.stringify({ text, next }));
    for (let line = 0; line < fresh.lineCount; line++) assert.equal(updated.lineStart(line), fresh.lineStart(line), JSON.stringify({ text, next, line }));
  }
});
