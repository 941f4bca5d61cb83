/**
 * The rule registry and runner. Each rule lives in its own module with its code, source and tests;
 * this file only lists them (docs and the CLI read `RULES`) and runs them.
 */
import type { Finding } from '../findings';
import { dependencyCycle } from './dependencyCycle';
import { dependsOnLaterWave } from './dependsOnLaterWave';
import { duplicateIds } from './duplicateIds';
import type { Rule, RuleContext } from './rule';
import { unknownLink } from './unknownLink';
import { unknownSite } from './unknownSite';
import { unknownVm } from './unknownVm';
import { vmInNoWave } from './vmInNoWave';
import { vmInTwoWaves } from './vmInTwoWaves';

export const RULES: readonly Rule[] = [
  unknownSite,
  unknownLink,
  unknownVm,
  vmInTwoWaves,
  vmInNoWave,
  duplicateIds,
  dependencyCycle,
  dependsOnLaterWave,
];

export function runRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) findings.push(...rule.check(ctx));
  return findings;
}
