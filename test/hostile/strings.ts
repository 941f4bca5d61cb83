/**
 * Hostile text for names, ids and values: each would do something if a renderer trusted it (a link,
 * an image, HTML, a terminal escape, reordered text, a Markdown structure, a spreadsheet formula).
 * Shared by the fuzzer (as mutations) and the safe-rendering tests (as assertions).
 */
export const HOSTILE_STRINGS: readonly string[] = [
  '[x](javascript:alert(1))',
  '![img](http://evil.example/p.png)',
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(1)</script>',
  '\u001b]8;;http://evil.example\u0007click\u001b]8;;\u0007',
  '\u001b[2J\u001b[1;1Hcleared',
  'abc\u202edcba\u2066x\u2069',
  '# Heading',
  '| a | b |\n| --- | --- |',
  '=HYPERLINK("http://evil.example","x")',
  '+1+1',
  '-2+3',
  '@SUM(A1)',
  '<!-- c -->&amp;&lt;',
  '`code` **bold** _em_ ~~s~~',
  'http://autolink.example/x',
  '\u0000nul\u0007bel\u009bcsi',
  '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 😀',
  '\ud800lone',
];

/** The same texts as YAML double-quoted scalars (JSON escapes are valid YAML escapes). */
export function yamlQuoted(text: string): string {
  // JSON.stringify writes a lone surrogate as \ud800, which YAML reads back the same way.
  return JSON.stringify(text);
}
