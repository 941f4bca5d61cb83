/**
 * The `--filter` expression: terms joined by `,` (all must hold).
 *
 *   term   := key op value
 *   key    := cluster | folder | name | power | datacenter | host | os
 *   op     := =  (glob: `*` any text, `?` one character; `a|b` either; case-insensitive)
 *           | != (none of the globs)
 *           | ~  (JavaScript regular expression, case-insensitive, unanchored)
 *           | !~ (the regular expression does not match)
 *   power  := on | off | suspended (with = or !=)
 *
 * `\,` is a literal comma inside a value. Examples: `cluster=Prod-A`, `name~^web`, `power=on`,
 * `folder=/Apps/*,name!=*-old`.
 */
import type { InventoryVm, PowerState } from './inventory';

export const FILTER_KEYS = ['cluster', 'folder', 'name', 'power', 'datacenter', 'host', 'os'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
const POWER_VALUES: readonly PowerState[] = ['on', 'off', 'suspended'];

export class FilterError extends Error {}

interface Term {
  readonly key: FilterKey;
  readonly negate: boolean;
  readonly test: (value: string) => boolean;
}

export interface VmFilter {
  readonly source: string;
  readonly matches: (vm: InventoryVm) => boolean;
  /** Power states the filter asks for by name (`power=off`): those VMs are not skipped. */
  readonly requestedPowerStates: ReadonlySet<PowerState>;
}

function globRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^(?:${body})$`, 'i');
}

function valueOf(vm: InventoryVm, key: FilterKey): string {
  switch (key) {
    case 'cluster':
      return vm.cluster ?? '';
    case 'folder':
      return vm.folder ?? '';
    case 'name':
      return vm.name;
    case 'power':
      return vm.powerState;
    case 'datacenter':
      return vm.datacenter ?? '';
    case 'host':
      return vm.host ?? '';
    case 'os':
      return vm.os ?? '';
  }
}

/** Splits on commas that are not escaped as `\,`. */
function splitTerms(expression: string): string[] {
  const terms: string[] = [];
  let current = '';
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    if (c === '\\' && expression[i + 1] === ',') {
      current += ',';
      i++;
    } else if (c === ',') {
      terms.push(current);
      current = '';
    } else current += c;
  }
  terms.push(current);
  return terms;
}

function nearestKey(key: string): string | undefined {
  const k = key.toLowerCase();
  return FILTER_KEYS.find((candidate) => candidate.startsWith(k.slice(0, 3)) || k.startsWith(candidate));
}

/** Parses and validates an expression; a FilterError says which term is wrong and why. */
export function parseFilter(expression: string): VmFilter {
  const terms: Term[] = [];
  const requested = new Set<PowerState>();
  for (const raw of splitTerms(expression)) {
    const text = raw.trim();
    if (text === '') throw new FilterError(`--filter '${expression}': an empty term; join terms with ',' (e.g. 'cluster=Prod-A,power=on').`);
    const m = /^([A-Za-z]+)\s*(!=|!~|=|~)\s*(.*)$/.exec(text);
    if (!m) throw new FilterError(`--filter term '${text}' has no operator; write key=glob, key!=glob, key~regex or key!~regex (keys: ${FILTER_KEYS.join(', ')}).`);
    const [, keyText, op, value] = m;
    const key = FILTER_KEYS.find((k) => k === keyText.toLowerCase());
    if (!key) {
      const near = nearestKey(keyText);
      throw new FilterError(`--filter term '${text}': unknown key '${keyText}' (keys: ${FILTER_KEYS.join(', ')})${near ? `; did you mean '${near}'?` : '.'}`);
    }
    if (value.trim() === '' && key !== 'cluster' && key !== 'folder') {
      throw new FilterError(`--filter term '${text}': no value after '${op}'.`);
    }
    const negate = op.startsWith('!');
    if (key === 'power') {
      if (op.endsWith('~')) throw new FilterError(`--filter term '${text}': power takes = or != with ${POWER_VALUES.join(', ')}.`);
      const states = value.split('|').map((v) => v.trim().toLowerCase());
      for (const s of states) {
        if (!(POWER_VALUES as readonly string[]).includes(s)) {
          throw new FilterError(`--filter term '${text}': power '${s}' is not one of ${POWER_VALUES.join(', ')}.`);
        }
      }
      if (!negate) for (const s of states) requested.add(s as PowerState);
      terms.push({ key, negate, test: (v) => states.includes(v) });
      continue;
    }
    if (op.endsWith('~')) {
      let re: RegExp;
      try {
        re = new RegExp(value, 'i');
      } catch (error) {
        const detail = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
        throw new FilterError(`--filter term '${text}': not a valid regular expression (${detail}).`);
      }
      terms.push({ key, negate, test: (v) => re.test(v) });
    } else {
      const globs = value.split('|').map((g) => globRegExp(g.trim()));
      terms.push({ key, negate, test: (v) => globs.some((g) => g.test(v)) });
    }
  }
  return {
    source: expression,
    matches: (vm) => terms.every((t) => t.test(valueOf(vm, t.key)) !== t.negate),
    requestedPowerStates: requested,
  };
}
