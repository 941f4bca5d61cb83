/**
 * Fuzz inputs: the samples mutated at random, random YAML, and hand-made hostile documents (deep
 * nesting, alias bombs, merge keys, several documents, binary junk, BOM, CRLF, tabs, non-BMP text).
 * Everything is driven by one seeded generator, so a seed reproduces a run exactly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateRunbook, seededRandom } from '../support/generateRunbook';
import { HOSTILE_STRINGS, yamlQuoted } from '../hostile/strings';

export { seededRandom };
export type Random = () => number;

export interface FuzzInput {
  /** How the input was made (reported with a failure, together with the seed). */
  readonly kind: string;
  readonly text: string;
}

/** The samples and the new-runbook template, read from the repository. */
export function sampleTexts(repoRoot: string): FuzzInput[] {
  const out: FuzzInput[] = [];
  for (const dir of ['samples', 'samples/templates']) {
    for (const name of readdirSync(join(repoRoot, dir)).sort()) {
      if (name.endsWith('.yaml')) out.push({ kind: `${dir}/${name}`, text: readFileSync(join(repoRoot, dir, name), 'utf8') });
    }
  }
  return out;
}

const int = (random: Random, n: number): number => Math.floor(random() * n);
const pick = <T>(random: Random, xs: readonly T[]): T => xs[int(random, xs.length)];

const UNIT_STRINGS = ['GiB', 'Gib', 'gb', 'MB/s', 'Mbps', 'Gbps', 'bps', 'ms', 'h', 's', 'km', 'mi', '%', 'TiB', 'PB', 'µs', 'furlongs', '', ' ', 'GiBGiB', 'e', 'k', 'x', 'GB/s/s'];
const NUMBERS = ['1e308', '1e400', '-1e400', '-5', '-0', '0', '.nan', '.inf', '-.inf', 'NaN', 'Infinity', '0x1F', '0o17', '99999999999999999999999', '1e-320', '1_000', '4.', '.5', '00', '1/0'];
const WRONG_TYPES = ['[]', '{}', 'true', 'null', '~', '"text"', '[1, [2, [3]]]', '{a: {b: c}}', '|\n  block', '!!binary aGVsbG8=', '!custom x', '2026-01-01'];
const BAD_DATES = [
  '"2026-12-05T22:00:00+25:00"', '"2026-12-05T22:00:00-99:99"', '"2026-02-30T00:00:00Z"', '"2026-12-05T24:61:61Z"',
  '"2026-12-05"', '"+275760-09-13T00:00:00Z"', '"-271821-04-20T00:00:00Z"', '"9999-12-31T23:59:59+14:00"', '"0000-01-01T00:00:00Z"',
  '"2026-12-05T22:00:00Z+1"', '2026-12-05T22:00:00', '"yesterday"', '1e20', '"2026-W49-6T22:00Z"',
];
const KEYS = ['zzz', 'memroy', '__proto__', 'constructor', 'toString', '<<', '', '"a b"', '? complex', '[k]', '{k: v}', 'vms', 'waves', 'sites', 'links', 'depends_on', 'window', 'rtt', 'bandwidth'];
const NON_BMP = ['𝔘𝔫𝔦', '😀😀', '\u{10FFFF}', 'a\u0301', '\u200b', 'ﾟ', '\uFEFF', 'Ω'];

type Mutator = (text: string, random: Random) => string;

function lines(text: string): string[] {
  return text.split('\n');
}

/** Replaces one random match of `re` in `text` (with the replacer's result). */
function replaceOne(text: string, re: RegExp, random: Random, replacer: (match: string) => string): string {
  const matches = [...text.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`))];
  if (matches.length === 0) return text;
  const m = pick(random, matches);
  const at = m.index ?? 0;
  return text.slice(0, at) + replacer(m[0]) + text.slice(at + m[0].length);
}

export const MUTATORS: Readonly<Record<string, Mutator>> = {
  deleteLine: (t, r) => {
    const ls = lines(t);
    ls.splice(int(r, ls.length), 1 + int(r, 3));
    return ls.join('\n');
  },
  duplicateLine: (t, r) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    ls.splice(i, 0, ...ls.slice(i, i + 1 + int(r, 4)));
    return ls.join('\n');
  },
  swapLines: (t, r) => {
    const ls = lines(t);
    const a = int(r, ls.length);
    const b = int(r, ls.length);
    [ls[a], ls[b]] = [ls[b], ls[a]];
    return ls.join('\n');
  },
  reindent: (t, r) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    const choice = int(r, 4);
    ls[i] = choice === 0 ? ` ${ls[i]}` : choice === 1 ? ls[i].replace(/^ {1,3}/, '') : choice === 2 ? `\t${ls[i]}` : ls[i].trimStart();
    return ls.join('\n');
  },
  truncate: (t, r) => t.slice(0, int(r, t.length + 1)),
  unitString: (t, r) => replaceOne(t, /\b\d+(?:\.\d+)? ?[A-Za-z%/]+/, r, (m) => `${m.match(/^[\d.]+/)?.[0] ?? '1'}${r() < 0.5 ? ' ' : ''}${pick(r, UNIT_STRINGS)}`),
  number: (t, r) => replaceOne(t, /\b\d+(?:\.\d+)?\b/, r, () => pick(r, NUMBERS)),
  wrongType: (t, r) => replaceOne(t, /: [^\n#]+/, r, () => `: ${pick(r, WRONG_TYPES)}`),
  unknownKey: (t, r) => {
    const ls = lines(t);
    const i = int(r, ls.length);
    const indent = /^\s*/.exec(ls[i])?.[0] ?? '';
    ls.splice(i, 0, `${indent}${pick(r, KEYS)}: ${pick(r, [...WRONG_TYPES, ...NUMBERS, 'x'])}`);
    return ls.join('\n');
  },
  badDate: (t, r) => replaceOne(t, /start: [^,}\n]+/, r, () => `start: ${pick(r, BAD_DATES)}`),
  hostileName: (t, r) => replaceOne(t, /name: [^\n]+/, r, () => `name: ${yamlQuoted(pick(r, HOSTILE_STRINGS))}`),
  nonBmp: (t, r) => replaceOne(t, /\b[a-z][a-z0-9]*\d\b/, r, (m) => `${m}${pick(r, NON_BMP)}`),
  binaryJunk: (t, r) => {
    const at = int(r, t.length + 1);
    let junk = '';
    for (let i = 0, n = 1 + int(r, 40); i < n; i++) junk += String.fromCharCode(int(r, 0x10000));
    return t.slice(0, at) + junk + t.slice(at);
  },
  bom: (t) => `\uFEFF${t}`,
  crlf: (t) => t.replace(/\r?\n/g, '\r\n'),
  loneCr: (t) => t.replace(/\n/g, '\r'),
  tabs: (t, r) => t.replace(/^( {2})+/gm, (m) => (r() < 0.3 ? '\t'.repeat(m.length / 2) : m)),
  anchorAlias: (t, r) => {
    let out = replaceOne(t, /memory: [^\n,}]+/, r, (m) => m.replace('memory: ', 'memory: &mem '));
    out = replaceOne(out, /disk_change_rate: [^\n,}]+/, r, () => 'disk_change_rate: *mem');
    return out;
  },
  mergeKey: (t, r) => replaceOne(t, /\n {4}name: [^\n]+/, r, (m) => `${m}\n    <<: { memory: 4 GiB, workload: idle }`),
  multiDocument: (t, r) => (r() < 0.5 ? `${t}\n---\n${t}` : `---\n${t}\n...\n`),
  flowToBlock: (t, r) => replaceOne(t, /\{ ?[^{}\n]*\}/, r, (m) => `[${m}]`),
  emptyValue: (t, r) => replaceOne(t, /: [^\n]+/, r, () => ':'),
  spliceOther: (t, r) => {
    const at = int(r, t.length);
    return t.slice(0, at) + t.slice(int(r, t.length), int(r, t.length)) + t.slice(at);
  },
};

const MUTATOR_NAMES = Object.keys(MUTATORS);

/** 1-4 random mutations of `base`; the kind names them in order. */
export function mutate(base: FuzzInput, random: Random): FuzzInput {
  let text = base.text;
  const applied: string[] = [];
  for (let i = 0, n = 1 + int(random, 4); i < n; i++) {
    const name = pick(random, MUTATOR_NAMES);
    text = MUTATORS[name](text, random);
    applied.push(name);
  }
  return { kind: `${base.kind} +${applied.join('+')}`, text };
}

/** A random YAML-ish document: mappings, sequences, flow and block, scalars of every type. */
export function randomYaml(random: Random): string {
  const scalar = (): string => pick(random, [...NUMBERS, ...WRONG_TYPES.slice(2, 6), ...UNIT_STRINGS.map((u) => `1 ${u}`), ...KEYS, yamlQuoted(pick(random, HOSTILE_STRINGS)), ...BAD_DATES, '&a x', '*a', '*nope', "'q'", '"unterminated', '- ', '? ', ': ', '#c']);
  const out: string[] = [];
  const block = (indent: number, depth: number): void => {
    for (let i = 0, n = 1 + int(random, 4); i < n; i++) {
      const pad = ' '.repeat(indent);
      const key = pick(random, KEYS);
      const shape = depth > 4 ? 0 : int(random, 4);
      if (shape === 0) out.push(`${pad}${key}: ${scalar()}`);
      else if (shape === 1) {
        out.push(`${pad}${key}:`);
        block(indent + 2, depth + 1);
      } else if (shape === 2) {
        out.push(`${pad}${key}:`);
        for (let j = 0, m = int(random, 3); j < m; j++) out.push(`${pad}  - ${scalar()}`);
      } else out.push(`${pad}${key}: { ${KEYS.slice(0, 1 + int(random, 3)).map((k) => `${k}: ${scalar()}`).join(', ')} }`);
    }
  };
  block(0, 0);
  return out.join(random() < 0.2 ? '\r\n' : '\n');
}

/** The fixed hostile documents (each also runs in the short fuzz run inside `npm test`). */
export function specialInputs(long = false): FuzzInput[] {
  const laughs = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const name = String.fromCharCode(97 + i);
    const prev = String.fromCharCode(96 + i);
    laughs.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  const small = sampleSmall();
  const junk = (n: number): string => {
    const random = seededRandom(7);
    let s = '';
    for (let i = 0; i < n; i++) s += String.fromCharCode(Math.floor(random() * 256));
    return s;
  };
  return [
    { kind: 'empty', text: '' },
    { kind: 'whitespace', text: ' \n\t\r\n   ' },
    { kind: 'billion laughs', text: laughs.join('\n') + '\n' },
    { kind: 'self alias', text: 'a: &a [*a, *a]\nrunbook: 1\n' },
    { kind: 'alias to nothing', text: 'runbook: 1\nvms: *nothing\n' },
    { kind: 'deep flow nesting 10000', text: `runbook: 1\nvms: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n` },
    { kind: 'deep flow map nesting 10000', text: `runbook: 1\nsites: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n` },
    { kind: 'deep block sequence nesting 10000', text: `runbook: 1\nwaves:\n${'- '.repeat(10_000)}x\n` },
    { kind: 'deep block nesting 1000', text: Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}k${i}:`).join('\n') },
    { kind: 'merge keys', text: small.replace('vms:\n', 'vms:\n  base: &base { memory: 8 GiB, workload: light }\n').replace('  web01: {', '  web01: { <<: *base, ') },
    { kind: 'multi-document', text: `${small}---\n${small}` },
    { kind: 'binary junk', text: junk(4096) },
    { kind: 'NUL bytes', text: small.replace(/ /g, '\u0000') },
    { kind: 'BOM', text: `\uFEFF${small}` },
    { kind: 'BOM twice', text: `\uFEFF\uFEFF${small}` },
    { kind: 'CRLF', text: small.replace(/\n/g, '\r\n') },
    { kind: 'CR only', text: small.replace(/\n/g, '\r') },
    { kind: 'tabs', text: small.replace(/ {2}/g, '\t') },
    { kind: 'non-BMP ids', text: small.replace(/web01/g, 'web😀01').replace(/Site A/g, '𝔖𝔦𝔱𝔢 🅰') },
    { kind: 'lone surrogates', text: small.replace(/web01/g, 'web\ud80001') },
    { kind: 'hostile names', text: small.replace('Small move', HOSTILE_STRINGS.map((s) => s.replace(/[\u0000-\u001f"\\]/g, '')).join(' ')) },
    { kind: 'huge numbers', text: small.replace('8 GiB', '1e308 GiB').replace('10 Gbps', '1e-320 Gbps').replace('4h', '1e300 h') },
    { kind: 'negative and zero', text: small.replace('8 GiB', '-8 GiB').replace('10 Gbps', '0 Gbps').replace('5 ms', '-5 ms').replace('4h', '0 h') },
    { kind: 'far dates', text: small.replace('2026-12-05T22:00:00-05:00', '+275760-09-13T00:00:00Z') },
    { kind: 'long line 1 MB', text: `runbook: 1\nname: ${'x'.repeat(1_000_000)}\n` },
    { kind: `many keys (${long ? 20_000 : 2_000} empty VMs)`, text: `runbook: 1\nvms:\n${Array.from({ length: long ? 20_000 : 2_000 }, (_, i) => `  v${i}: {}`).join('\n')}\n` },
    { kind: 'duplicate keys x5000', text: `runbook: 1\nvms:\n${Array.from({ length: 5000 }, () => '  v: {}').join('\n')}\n` },
  ];
}

/** The 10 MB runbook: a generated estate (~60,000 VMs). Slow to analyse; the long run uses it. */
export function tenMegabyteRunbook(): FuzzInput {
  return { kind: '10 MB runbook (generated, with errors)', text: generateRunbook({ vms: 60_000, injectErrors: true, seed: 11 }) };
}

/** A small valid runbook (truncated at every offset by the fuzzer). */
export function sampleSmall(): string {
  return `runbook: 1
name: Small move
sites:
  a: { name: Site A, vsphere: "7.0" }
  b: { name: Site B, vsphere: "7.0" }
links:
  a-b: { from: a, to: b, bandwidth: 10 Gbps, rtt: 5 ms }
vms:
  web01: { memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s, depends_on: [db01] }
  db01:
    name: "db"   # a comment
    memory: 16 GiB
    disk: { provisioned: 100 GiB, used: 50 GiB }
waves:
  - name: Wave 1
    link: a-b
    window: { start: "2026-12-05T22:00:00-05:00", duration: 4h }
    vms: [db01, web01]
`;
}
