/**
 * One-line descriptions of diagnostic codes for SARIF `rules`: domain rules carry their own title
 * (rules/index.ts RULES); the engine's fixed codes are described here, in the words of
 * docs/diagnostics.md; an unknown code is named by its family.
 */
import { DATE_CODE, QUANTITY_CODE } from '../../server/src/engine/model';
import { SYNTAX_CODE } from '../../server/src/engine/parse';
import { RULES } from '../../server/src/engine/rules/index';
import { BAD_VALUE_CODE, MISSING_PROPERTY_CODE, UNION_CODE, UNKNOWN_PROPERTY_CODE } from '../../server/src/engine/schema';
import { INTERNAL_ERROR_CODE } from './report';

const FIXED_TITLES: Readonly<Record<string, string>> = {
  [INTERNAL_ERROR_CODE]: 'Internal error: the runbook could not be analysed',
  [SYNTAX_CODE]: 'YAML syntax error',
  [UNKNOWN_PROPERTY_CODE]: 'Unknown property',
  [MISSING_PROPERTY_CODE]: 'Missing required property',
  [BAD_VALUE_CODE]: 'Wrong type or value not allowed',
  [UNION_CODE]: 'Property does not belong with the chosen variant',
  [QUANTITY_CODE]: 'Quantity cannot be read (number or unit)',
  [DATE_CODE]: 'Invalid date-time or missing UTC offset',
};

const RULE_TITLES: ReadonlyMap<string, string> = new Map(RULES.map((r) => [r.code, r.title]));

export function codeTitle(code: string): string {
  const known = RULE_TITLES.get(code) ?? FIXED_TITLES[code];
  if (known) return known;
  const n = /^RB(\d+)$/.exec(code)?.[1];
  const value = n === undefined ? NaN : Number(n);
  if (value >= 2 && value <= 9) return 'Runbook structure does not match the schema';
  if (value >= 100 && value < 200) return 'Reference problem';
  if (value >= 200 && value < 300) return 'Feasibility problem';
  if (value >= 300 && value < 400) return 'Information';
  return `Runbook diagnostic ${code}`;
}
