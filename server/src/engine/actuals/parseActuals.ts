/**
 * Reads a plan's actuals file (docs/actuals.md: `night.actuals.yaml` beside `night.runbook.yaml`)
 * into `Actuals` (shared/src/measured.ts). Pure and forgiving: an entry that cannot be read is a
 * problem with its position, never a crash; the entries that can be read are kept.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node, type YAMLMap } from 'yaml';
import type { ActualMigration, ActualStep, Actuals, MeasuredStatus } from '../../../../shared/src/measured';

export interface ActualsProblem {
  /** 0-based line and character, as the editor counts them. */
  readonly line: number;
  readonly character: number;
  readonly message: string;
}

export interface ParsedActuals {
  readonly actuals: Actuals;
  readonly problems: readonly ActualsProblem[];
  /** The runbook the file says it belongs to (`runbook:`), if it says. */
  readonly runbook?: string;
}

const STATUSES: readonly MeasuredStatus[] = ['succeeded', 'failed', 'cancelled', 'running'];
/** An instant with its offset: the file never holds local times without one (they would be a guess). */
const INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

export function parseActuals(text: string): ParsedActuals {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const problems: ActualsProblem[] = [];
  const at = (node: Node | null | undefined, message: string): void => {
    const offset = node?.range?.[0] ?? 0;
    const pos = lineCounter.linePos(offset);
    problems.push({ line: pos.line - 1, character: pos.col - 1, message });
  };
  for (const e of doc.errors) {
    const pos = lineCounter.linePos(e.pos[0]);
    problems.push({ line: pos.line - 1, character: pos.col - 1, message: `Not valid YAML: ${e.message.split('\n')[0]}` });
  }
  const root = doc.contents;
  if (root !== null && !isMap(root)) {
    at(root, 'An actuals file is a map with `actuals: 1`, `migrations:` and `steps:`.');
    return { actuals: { migrations: [], steps: [] }, problems };
  }
  const get = (map: YAMLMap | null | undefined, key: string): Node | null | undefined => {
    if (!map) return undefined;
    for (const p of map.items) if (isScalar(p.key) && p.key.value === key) return p.value as Node | null;
    return undefined;
  };
  const str = (node: Node | null | undefined): string | undefined => (isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined);
  const instant = (entry: YAMLMap, key: string, what: string): number | undefined => {
    const node = get(entry, key);
    if (node === undefined || (isScalar(node) && node.value === null)) return undefined;
    const value = isScalar(node) && node.value instanceof Date ? node.value.toISOString() : str(node);
    if (value === undefined || !INSTANT.test(value.trim())) {
      at(node, `${what}: '${value ?? ''}' is not a time with its offset (write e.g. 2026-12-02T23:10:05-06:00).`);
      return undefined;
    }
    const ms = Date.parse(value.trim().replace(' ', 'T').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
    if (!Number.isFinite(ms)) { at(node, `${what}: '${value}' is not a date.`); return undefined; }
    return ms;
  };
  const map = root as YAMLMap | null;
  const version = str(get(map, 'actuals'));
  if (map && version !== undefined && version !== '1') at(get(map, 'actuals'), `This is actuals format ${version}; this version reads format 1.`);

  const migrations: ActualMigration[] = [];
  const migrationsNode = get(map, 'migrations');
  if (migrationsNode !== undefined && migrationsNode !== null && !isSeq(migrationsNode)) at(migrationsNode, '`migrations` is a list of { vm, start, end, status }.');
  if (isSeq(migrationsNode)) {
    for (const item of migrationsNode.items as (Node | null)[]) {
      if (!isMap(item)) { at(item, 'A migration is a map: { vm, start, end, status, source }.'); continue; }
      const vm = str(get(item, 'vm'));
      if (!vm) { at(item, 'A migration without `vm`: which VM moved?'); continue; }
      const start = instant(item, 'start', `Migration of '${vm}': start`);
      const end = instant(item, 'end', `Migration of '${vm}': end`);
      const statusText = str(get(item, 'status')) ?? (end !== undefined ? 'succeeded' : 'running');
      if (!STATUSES.includes(statusText as MeasuredStatus)) { at(get(item, 'status'), `Migration of '${vm}': status '${statusText}' is not one of ${STATUSES.join(', ')}.`); continue; }
      if (start === undefined) { if (get(item, 'start') === undefined) at(item, `Migration of '${vm}' has no start.`); continue; }
      if (end !== undefined && end < start) { at(get(item, 'end'), `Migration of '${vm}' ends before it starts.`); continue; }
      const status = statusText as MeasuredStatus;
      if (status === 'succeeded' && end === undefined) { at(item, `Migration of '${vm}' succeeded but has no end.`); continue; }
      migrations.push({ vm, startEpochMs: start, endEpochMs: status === 'running' ? undefined : end, status, source: str(get(item, 'source')) });
    }
  }
  const steps: ActualStep[] = [];
  const stepsNode = get(map, 'steps');
  if (stepsNode !== undefined && stepsNode !== null && !isSeq(stepsNode)) at(stepsNode, '`steps` is a list of { wave, step, start, end }.');
  if (isSeq(stepsNode)) {
    for (const item of stepsNode.items as (Node | null)[]) {
      if (!isMap(item)) { at(item, 'A step is a map: { wave, step, start, end }.'); continue; }
      const wave = str(get(item, 'wave'));
      const step = str(get(item, 'step'));
      if (!wave || !step) { at(item, 'A step needs `wave` (the wave\'s name) and `step` (the step\'s id).'); continue; }
      const start = instant(item, 'start', `Step '${step}' of '${wave}': start`);
      const end = instant(item, 'end', `Step '${step}' of '${wave}': end`);
      if (start !== undefined && end !== undefined && end < start) { at(get(item, 'end'), `Step '${step}' of '${wave}' ends before it starts.`); continue; }
      steps.push({ wave, step, startEpochMs: start, endEpochMs: end });
    }
  }
  return { actuals: { migrations, steps }, problems, runbook: str(get(map, 'runbook')) };
}
