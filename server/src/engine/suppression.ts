/**
 * `# runbook-disable RB201` (or several codes, comma- or space-separated) on the line before a
 * finding's first line silences those codes there. `# runbook-disable` alone silences every code
 * on the next line. Syntax errors (RB001) cannot be silenced.
 */
import type { Finding } from './findings';
import type { LineIndex } from './text';

const DIRECTIVE = /#\s*runbook-disable(?:-next-line)?\b([^\n\r]*)/;

export function applySuppressions(text: string, lineIndex: LineIndex, findings: readonly Finding[]): Finding[] {
  if (!text.includes('runbook-disable')) return [...findings];
  const cache = new Map<number, Set<string> | 'all' | null>();
  const directiveOn = (line: number): Set<string> | 'all' | null => {
    if (line < 0) return null;
    const cached = cache.get(line);
    if (cached !== undefined) return cached;
    const lineText = text.slice(lineIndex.lineStart(line), lineIndex.lineEnd(line));
    const m = DIRECTIVE.exec(lineText);
    let result: Set<string> | 'all' | null = null;
    if (m) {
      const codes = m[1].split(/[\s,]+/).filter((c) => /^RB\d+$/i.test(c)).map((c) => c.toUpperCase());
      result = codes.length > 0 ? new Set(codes) : 'all';
    }
    cache.set(line, result);
    return result;
  };
  return findings.filter((f) => {
    if (f.code === 'RB001') return true;
    const d = directiveOn(lineIndex.positionAt(f.span.start).line - 1);
    return !(d === 'all' || (d !== null && d.has(f.code)));
  });
}
