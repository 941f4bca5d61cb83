/**
 * Writes measured migrations and step times into a plan's actuals file (docs/actuals.md) as a
 * minimal edit: entries already there are left byte for byte (comments and all), a move recorded
 * as running that now has an end is rewritten in place, new entries are appended to their list.
 * Idempotent: merging the same record twice changes nothing; a longer export adds only what is new.
 * A migration is keyed by (vm, start), a step by (wave, step).
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { ActualMigration, ActualStep } from '../../../../shared/src/measured';
import { isoWithOffset } from '../../../../shared/src/units/time';
import { formatScalar } from '../yamlEdit';
import { parseActuals } from './parseActuals';

export interface MergeActualsOptions {
  /** The runbook's file name, written as `runbook:` in a new file. */
  readonly runbookFileName: string;
  /** The UTC offset to write each instant with (minutes east of UTC): the plan's or the export's. */
  readonly offsetMinutesAt: (epochMs: number) => number;
}

export interface MergeActualsResult {
  readonly text: string;
  readonly added: number;
  readonly updated: number;
  readonly unchanged: number;
}

const migrationKey = (vm: string, startEpochMs: number): string => `${vm.toLowerCase()}\u0000${startEpochMs}`;
const stepKey = (wave: string, step: string): string => `${wave.toLowerCase()}\u0000${step}`;

function field(key: string, value: string): string {
  return `${key}: ${formatScalar(value)}`;
}

function migrationText(m: ActualMigration, options: MergeActualsOptions): string {
  const parts = [field('vm', m.vm), `start: ${isoWithOffset(m.startEpochMs, options.offsetMinutesAt(m.startEpochMs))}`];
  if (m.endEpochMs !== undefined && m.status !== 'running') parts.push(`end: ${isoWithOffset(m.endEpochMs, options.offsetMinutesAt(m.endEpochMs))}`);
  parts.push(`status: ${m.status}`);
  if (m.source) parts.push(field('source', m.source));
  return `{ ${parts.join(', ')} }`;
}

function stepText(s: ActualStep, options: MergeActualsOptions): string {
  const parts = [field('wave', s.wave), field('step', s.step)];
  if (s.startEpochMs !== undefined) parts.push(`start: ${isoWithOffset(s.startEpochMs, options.offsetMinutesAt(s.startEpochMs))}`);
  if (s.endEpochMs !== undefined) parts.push(`end: ${isoWithOffset(s.endEpochMs, options.offsetMinutesAt(s.endEpochMs))}`);
  return `{ ${parts.join(', ')} }`;
}

interface Edit { start: number; end: number; text: string }

function get(map: YAMLMap, key: string): { node: Node | null | undefined; keyStart: number } | undefined {
  for (const p of map.items) if (isScalar(p.key) && p.key.value === key) return { node: p.value as Node | null, keyStart: (p.key as Node).range?.[0] ?? 0 };
  return undefined;
}

function lineEndAfter(text: string, offset: number): number {
  const i = text.indexOf('\n', offset);
  return i < 0 ? text.length : i;
}

export function mergeActuals(existing: string | undefined, add: { readonly migrations?: readonly ActualMigration[]; readonly steps?: readonly ActualStep[] }, options: MergeActualsOptions): MergeActualsResult {
  const newline = existing && /\r\n/.test(existing) ? '\r\n' : '\n';
  const addMigrations = add.migrations ?? [];
  const addSteps = add.steps ?? [];
  if (existing === undefined || existing.trim() === '') {
    const lines = [
      `# Actuals of ${options.runbookFileName}: what happened. Written by \`runbook actuals\` and the editor; edit freely.`,
      'actuals: 1',
      field('runbook', options.runbookFileName),
      'migrations:',
      ...dedupeMigrations(addMigrations).map((m) => `  - ${migrationText(m, options)}`),
      'steps:',
      ...dedupeSteps(addSteps).map((s) => `  - ${stepText(s, options)}`),
    ];
    if (addMigrations.length === 0) lines[3] = 'migrations: []';
    if (addSteps.length === 0) lines[lines.length - 1] = 'steps: []';
    return { text: lines.join(newline) + newline, added: dedupeMigrations(addMigrations).length + dedupeSteps(addSteps).length, updated: 0, unchanged: 0 };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(existing, { lineCounter });
  const root = doc.contents;
  if (!isMap(root)) throw new Error('the actuals file is not a map (actuals: 1, migrations:, steps:); fix or remove it first');
  const parsed = parseActuals(existing);
  const edits: Edit[] = [];
  let added = 0;
  let updated = 0;
  let unchanged = 0;

  // Migrations: the parsed entries by key, with their nodes (parseActuals keeps list order).
  const migrationsEntry = get(root, 'migrations');
  const seqNode = migrationsEntry?.node;
  const existingMigrations = new Map<string, { item: Node; value: ActualMigration }>();
  if (isSeq(seqNode)) {
    let k = 0;
    for (const item of (seqNode as YAMLSeq).items as Node[]) {
      const value = parsed.actuals.migrations[k];
      if (!isMap(item) || !value) continue;
      const vm = item.items.find((p) => isScalar(p.key) && p.key.value === 'vm');
      if (!vm || !isScalar(vm.value) || String(vm.value.value) !== value.vm) continue;
      existingMigrations.set(migrationKey(value.vm, value.startEpochMs), { item, value });
      k++;
    }
  }
  const newMigrationLines: string[] = [];
  for (const m of dedupeMigrations(addMigrations)) {
    const known = existingMigrations.get(migrationKey(m.vm, m.startEpochMs));
    if (!known) { newMigrationLines.push(migrationText(m, options)); added++; continue; }
    const v = known.value;
    const finishedNow = v.status === 'running' && m.status !== 'running';
    if (finishedNow && known.item.range) {
      edits.push({ start: known.item.range[0], end: known.item.range[1], text: migrationText({ ...m, source: m.source ?? v.source }, options) });
      updated++;
    } else unchanged++;
  }
  appendToList(existing, root, 'migrations', seqNode, migrationsEntry?.keyStart, newMigrationLines, edits, newline);

  const stepsEntry = get(root, 'steps');
  const stepsNode = stepsEntry?.node;
  const existingSteps = new Map<string, { item: Node; value: ActualStep }>();
  if (isSeq(stepsNode)) {
    let k = 0;
    for (const item of (stepsNode as YAMLSeq).items as Node[]) {
      const value = parsed.actuals.steps[k];
      if (!isMap(item) || !value) continue;
      existingSteps.set(stepKey(value.wave, value.step), { item, value });
      k++;
    }
  }
  const newStepLines: string[] = [];
  for (const s of dedupeSteps(addSteps)) {
    const known = existingSteps.get(stepKey(s.wave, s.step));
    if (!known) { newStepLines.push(stepText(s, options)); added++; continue; }
    const merged: ActualStep = { ...known.value, startEpochMs: s.startEpochMs ?? known.value.startEpochMs, endEpochMs: s.endEpochMs ?? known.value.endEpochMs };
    if (merged.startEpochMs === known.value.startEpochMs && merged.endEpochMs === known.value.endEpochMs) { unchanged++; continue; }
    if (known.item.range) edits.push({ start: known.item.range[0], end: known.item.range[1], text: stepText(merged, options) });
    updated++;
  }
  appendToList(existing, root, 'steps', stepsNode, stepsEntry?.keyStart, newStepLines, edits, newline);

  edits.sort((a, b) => b.start - a.start);
  let text = existing;
  for (const e of edits) text = text.slice(0, e.start) + e.text + text.slice(e.end);
  return { text, added, updated, unchanged };
}

/** Appends `- item` lines to the list under `key` (creating the key at the end when missing). */
function appendToList(text: string, root: YAMLMap, key: string, node: Node | null | undefined, keyStart: number | undefined, lines: readonly string[], edits: Edit[], newline: string): void {
  if (lines.length === 0) return;
  if (isSeq(node) && (node as YAMLSeq).items.length > 0 && !(node as YAMLSeq).flow) {
    const items = (node as YAMLSeq).items as Node[];
    const last = items[items.length - 1];
    const firstStart = (items[0].range?.[0] ?? 0);
    const lineStart = text.lastIndexOf('\n', firstStart - 1) + 1;
    const indent = text.slice(lineStart, firstStart).replace(/-\s*$/, '');
    const at = lineEndAfter(text, last.range?.[1] ?? text.length);
    edits.push({ start: at, end: at, text: lines.map((l) => `${newline}${indent}- ${l}`).join('') });
    return;
  }
  const block = lines.map((l) => `${newline}  - ${l}`).join('');
  if (node !== undefined && keyStart !== undefined) {
    // `key: []`, `key:` with nothing, or a flow list: the list becomes a block list.
    const valueStart = node?.range?.[0];
    const valueEnd = node?.range?.[1];
    if (valueStart !== undefined && valueEnd !== undefined && !(isSeq(node) && (node as YAMLSeq).items.length > 0)) {
      edits.push({ start: valueStart, end: valueEnd, text: block.trimStart() === block ? block : block });
      // Drop the space left before the value (`key: ` then a new line).
      const before = text.lastIndexOf(':', valueStart);
      if (before >= 0 && /^[ \t]*$/.test(text.slice(before + 1, valueStart))) edits[edits.length - 1] = { start: before + 1, end: valueEnd, text: block };
      return;
    }
    const at = lineEndAfter(text, keyStart);
    edits.push({ start: at, end: at, text: block });
    return;
  }
  const end = text.endsWith('\n') ? text.length - (text.endsWith('\r\n') ? 2 : 1) : text.length;
  edits.push({ start: end, end, text: `${newline}${key}:${block}` });
  void root;
}

function dedupeMigrations(list: readonly ActualMigration[]): ActualMigration[] {
  const seen = new Map<string, ActualMigration>();
  for (const m of list) {
    const k = migrationKey(m.vm, m.startEpochMs);
    const prev = seen.get(k);
    if (!prev || (prev.status === 'running' && m.status !== 'running')) seen.set(k, m);
  }
  return [...seen.values()].sort((a, b) => a.startEpochMs - b.startEpochMs);
}

function dedupeSteps(list: readonly ActualStep[]): ActualStep[] {
  const seen = new Map<string, ActualStep>();
  for (const s of list) {
    const k = stepKey(s.wave, s.step);
    const prev = seen.get(k);
    seen.set(k, prev ? { ...prev, startEpochMs: s.startEpochMs ?? prev.startEpochMs, endEpochMs: s.endEpochMs ?? prev.endEpochMs } : s);
  }
  return [...seen.values()];
}
