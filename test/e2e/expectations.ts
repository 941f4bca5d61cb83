/**
 * What the end-to-end test expects to see, read from the sample files themselves (not hard-coded):
 * `# expect: RB###` comments name each planted problem on its line.
 */

/** `RB201@41`: a diagnostic code and its 1-based line, as the Problems panel shows it. */
export type CodeAtLine = string;

const EXPECT_COMMENT = /#\s*expect:\s*((?:RB\d{3}\s*)+)/;

/** Every `code@line` the `# expect:` comments of a runbook name, sorted. */
export function expectedDiagnostics(text: string): CodeAtLine[] {
  const expected = new Set<CodeAtLine>();
  text.split(/\r?\n/).forEach((line, index) => {
    const m = EXPECT_COMMENT.exec(line);
    for (const code of m ? m[1].trim().split(/\s+/) : []) expected.add(`${code}@${index + 1}`);
  });
  return [...expected].sort();
}

/** 1-based line and column of the first occurrence of `needle` (after `fromLine`, 1-based), or throws. */
export function locate(text: string, needle: string | RegExp, fromLine = 1): { line: number; column: number } {
  const lines = text.split(/\r?\n/);
  for (let i = fromLine - 1; i < lines.length; i++) {
    const index = typeof needle === 'string' ? lines[i].indexOf(needle) : lines[i].search(needle);
    if (index >= 0) return { line: i + 1, column: index + 1 };
  }
  throw new Error(`the sample no longer contains ${String(needle)}; update the end-to-end test`);
}
