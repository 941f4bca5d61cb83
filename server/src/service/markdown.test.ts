import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeMarkdown, inlineCode, table } from './markdown';

/** What a CommonMark renderer shows for escaped text: each `\x` is the literal x. */
function rendered(markdown: string): string {
  return markdown.replace(/\\(.)/g, '$1');
}

describe('escapeMarkdown', () => {
  const hostile = [
    '[x](javascript:alert(1))',
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '**bold** _em_ `code` ~~strike~~',
    '# heading',
    '![img](http://evil.example/x.png)',
    'a | b | c',
    '&lt;entity&gt; &amp;',
    'https://evil.example/autolink www.evil.example',
    '1. list\n- item\n> quote',
    'back\\slash',
  ];
  for (const input of hostile) {
    it(`neutralises ${JSON.stringify(input)}`, () => {
      const out = escapeMarkdown(input);
      // Every Markdown/HTML metacharacter is preceded by a backslash (so it is literal text).
      assert.doesNotMatch(out, /(^|[^\\])(\\\\)*[<>[\]()`*_|#!&~:]/, out);
      assert.doesNotMatch(out, /[\r\n]/);
      // And what the reader sees is what the runbook says (newlines folded to spaces).
      assert.equal(rendered(out), input.replace(/\n/g, ' '));
    });
  }
});

describe('inlineCode', () => {
  const rows: [string, string][] = [
    ['db01', '`db01`'],
    ['a`b', '``a`b``'],
    ['`x`', '`` `x` ``'],
  ];
  for (const [input, expected] of rows) it(`wraps ${input}`, () => assert.equal(inlineCode(input), expected));
});

describe('table', () => {
  it('escapes every cell, including pipes that would split a row', () => {
    const out = table(['Key', 'Value'], [['name', 'a | <b>']]);
    assert.equal(out, '| Key | Value |\n| --- | --- |\n| name | a \\| \\<b\\> |');
  });
});
