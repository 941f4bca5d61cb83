/**
 * One-line descriptions of diagnostic codes for SARIF `rules`. The engine documents each code in
 * docs/diagnostics.md; here the fixed codes have their own titles and the rest are named by family
 * (RB1xx references, RB2xx feasibility, RB3xx information) until rules export their titles.
 */
import { INTERNAL_ERROR_CODE } from './report';

const TITLES: Readonly<Record<string, string>> = {
  [INTERNAL_ERROR_CODE]: 'Internal error: the runbook could not be analysed',
  RB001: 'YAML syntax error',
  RB010: 'Invalid quantity (number or unit)',
  RB011: 'Invalid date-time or UTC offset',
};

export function codeTitle(code: string, titles: ReadonlyMap<string, string> = new Map()): string {
  const known = titles.get(code) ?? TITLES[code];
  if (known) return known;
  const n = /^RB(\d+)$/.exec(code)?.[1];
  const value = n === undefined ? NaN : Number(n);
  if (value >= 2 && value <= 9) return 'Runbook structure does not match the schema';
  if (value >= 100 && value < 200) return 'Reference problem';
  if (value >= 200 && value < 300) return 'Feasibility problem';
  if (value >= 300 && value < 400) return 'Information';
  return `Runbook diagnostic ${code}`;
}
