/**
 * Merges imported VMs into an existing runbook text with minimal edits: sizes of known VMs are
 * replaced in place (their quoting and style kept), new VMs are appended to `vms` and put in new
 * waves appended to `waves`, VMs the export no longer has are only reported. Everything else (other
 * keys, comments, order, line endings) stays byte for byte: every edit replaces a source range found
 * through the YAML AST. Merging the same export again yields no edits.
 */
import { isMap, isScalar, isSeq, type Node, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { parseYaml } from '../../server/src/engine/parse';
import { parseQuantity } from '../../shared/src/units/quantity';
import {
  applyOffsetEdits,
  columnOf,
  contentEnd,
  indentUnitOf,
  insertEntryEdit,
  keyOf,
  lineEndAt,
  lineEndingOf,
  lineStartAt,
  pairOf,
  replaceScalarEdit,
  spaces,
  type OffsetEdit,
} from '../../server/src/engine/yamlEdit';
import { baseId, IdAllocator } from './ids';
import type { InventoryVm } from './inventory';
import { desiredSizes, diskText, eligibility, splitIntoWaves, vmEntryFlow, vmEntryLines, waveFlow, waveLines, type PlannedVm } from './render';
import { ImportError } from './table';

export interface UpdatedVm {
  readonly id: string;
  readonly name: string;
  readonly rowNumber: number;
  /** `memory 8 GiB -> 16 GiB` */
  readonly changes: readonly string[];
}

export interface MergeResult {
  readonly text: string;
  readonly edits: readonly OffsetEdit[];
  readonly added: readonly PlannedVm[];
  readonly updated: readonly UpdatedVm[];
  /** Matched VMs whose sizes already agree. */
  readonly unchanged: number;
  /** Runbook VMs that no row of the export matches (reported, never deleted). */
  readonly disappeared: readonly { readonly id: string; readonly name?: string }[];
  readonly newWaves: readonly string[];
  readonly warnings: readonly string[];
}

interface ExistingVm {
  readonly id: string;
  readonly pair: Pair;
  readonly name?: string;
}

function scalarText(node: Node | null | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const v = (node as Scalar).value;
  return typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;
}

/** Whether a size as written equals the size we would write (compared in bytes, so `8192 MiB` = `8 GiB`). */
function sameSize(written: string | undefined, wanted: string): boolean {
  if (written === undefined) return false;
  const a = parseQuantity(written, 'size');
  const b = parseQuantity(wanted, 'size');
  return a.ok && b.ok && Math.abs(a.value - b.value) <= 1e-9 * Math.max(1, Math.abs(b.value));
}

/** The text of a scalar as written (its source), for change descriptions. */
function writtenText(text: string, node: Node | null | undefined): string | undefined {
  if (!isScalar(node) || !node.range) return undefined;
  const s = scalarText(node);
  return s ?? text.slice(node.range[0], node.range[1]).trim();
}

class Merger {
  readonly edits: OffsetEdit[] = [];
  readonly warnings: string[] = [];
  readonly eol: string;
  readonly unit: number;

  constructor(readonly text: string) {
    this.eol = lineEndingOf(text);
    this.unit = indentUnitOf(text);
  }

  /** Replaces a scalar size when it differs; records the change. */
  setScalar(node: Node, wanted: string, label: string, changes: string[]): void {
    const written = writtenText(this.text, node);
    if (sameSize(written, wanted)) return;
    if (isScalar(node)) this.edits.push(replaceScalarEdit(this.text, node as Scalar, wanted));
    changes.push(`${label} ${written ?? '(none)'} -> ${wanted}`);
  }

  insert(map: YAMLMap, entry: string, label: string, changes: string[]): void {
    const edit = insertEntryEdit(this.text, map, entry);
    if (edit) {
      this.edits.push(edit);
      changes.push(`${label} added`);
    }
  }

  /** Updates memory and disk of a known VM; returns the changes made. */
  updateSizes(existing: ExistingVm, vm: InventoryVm): string[] {
    const changes: string[] = [];
    const value = existing.pair.value as Node | null;
    if (!isMap(value)) {
      this.warnings.push(`VM '${existing.id}' is not a map of keys in the runbook; its sizes were not updated.`);
      return changes;
    }
    const map = value as YAMLMap;
    const sizes = desiredSizes(vm);
    if (sizes.memory !== undefined) {
      const memory = pairOf(map, 'memory');
      if (memory && isScalar(memory.value)) this.setScalar(memory.value as Node, sizes.memory, 'memory', changes);
      else if (!memory) this.insert(map, `memory: ${sizes.memory}`, 'memory', changes);
    }
    if (sizes.activeMemory !== undefined) {
      const active = pairOf(map, 'active_memory');
      if (active && isScalar(active.value)) this.setScalar(active.value as Node, sizes.activeMemory, 'active_memory', changes);
      else if (!active) this.insert(map, `active_memory: ${sizes.activeMemory}`, 'active_memory', changes);
    }
    if (sizes.disk !== undefined) {
      const want = sizes.disk;
      const disk = pairOf(map, 'disk');
      const diskNode = disk?.value as Node | null | undefined;
      if (!disk) this.insert(map, `disk: ${diskText(want)}`, 'disk', changes);
      else if (isScalar(diskNode)) {
        if (want.provisioned === want.used) this.setScalar(diskNode, want.provisioned, 'disk', changes);
        else {
          // The shorthand means provisioned = used; the export says they differ.
          const written = writtenText(this.text, diskNode);
          const range = diskNode.range!;
          this.edits.push({ start: range[0], end: contentEnd(this.text, diskNode), newText: diskText(want) });
          changes.push(`disk ${written ?? ''} -> ${diskText(want)}`);
        }
      } else if (isMap(diskNode)) {
        const diskMap = diskNode as YAMLMap;
        const provisioned = pairOf(diskMap, 'provisioned');
        const used = pairOf(diskMap, 'used');
        if (provisioned && isScalar(provisioned.value)) this.setScalar(provisioned.value as Node, want.provisioned, 'disk provisioned', changes);
        else if (!provisioned) this.insert(diskMap, `provisioned: ${want.provisioned}`, 'disk provisioned', changes);
        if (used && isScalar(used.value)) this.setScalar(used.value as Node, want.used, 'disk used', changes);
        // Without `used`, used = provisioned (docs/format.md): add it only when they differ.
        else if (!used && want.used !== want.provisioned) this.insert(diskMap, `used: ${want.used}`, 'disk used', changes);
      }
    }
    this.updateEligibility(map, vm, changes);
    return changes;
  }

  /**
   * The eligibility keys the export carries (render.ts eligibility: hardware version, EVC mode,
   * features such as fault-tolerance or passthrough) on a VM already in the runbook: a different
   * value is replaced, a missing key added; features the runbook lists that the export cannot see
   * (vtpm, vgpu written by the planner) are kept, the export's are added to them.
   */
  updateEligibility(map: YAMLMap, vm: InventoryVm, changes: string[]): void {
    for (const [key, value] of eligibility(vm)) {
      const pair = pairOf(map, key);
      const node = pair?.value as Node | null | undefined;
      if (!pair) {
        this.insert(map, `${key}: ${value}`, key, changes);
        continue;
      }
      if (key === 'features') {
        const wanted = value.replace(/^\[|\]$/g, '').split(',').map((f) => f.trim()).filter(Boolean);
        const written = isSeq(node) ? ((node as YAMLSeq).items as Node[]).map((i) => scalarText(i)).filter((f): f is string => f !== undefined) : [];
        const missing = wanted.filter((f) => !written.includes(f));
        if (missing.length === 0 || !node?.range) continue;
        this.edits.push({ start: node.range[0], end: contentEnd(this.text, node), newText: `[${[...written, ...missing].join(', ')}]` });
        changes.push(`features + ${missing.join(', ')}`);
        continue;
      }
      const written = scalarText(node);
      if (written === value) continue;
      if (isScalar(node) && node.range) {
        // The values are digits or an EVC key (render.ts eligibility): written plain, as a new entry would be.
        this.edits.push({ start: node.range[0], end: contentEnd(this.text, node), newText: value });
        changes.push(`${key} ${written ?? '(none)'} -> ${value}`);
      }
    }
  }
}

/** Column of the `-` of a block sequence item, and of the item's content. */
function dashColumns(text: string, item: Node): { dash: number; content: number } {
  const start = item.range?.[0] ?? 0;
  const lineStart = lineStartAt(text, start);
  const dash = text.slice(lineStart, start).lastIndexOf('-');
  return { dash: Math.max(0, dash), content: columnOf(text, start) };
}

export interface MergeInput {
  readonly text: string;
  readonly fileName: string;
  /** Every row of the export (for matching: a VM skipped or filtered out has not disappeared). */
  readonly inventory: readonly InventoryVm[];
  /** The rows to add or update. */
  readonly selected: readonly InventoryVm[];
  readonly waveSize: number;
}

export function mergeIntoRunbook(input: MergeInput): MergeResult {
  const { text } = input;
  const parsed = parseYaml(text);
  const syntax = parsed.findings.find((f) => f.code === 'RB001' && f.severity === 'error');
  if (syntax) {
    const line = text.slice(0, syntax.span.start).split('\n').length;
    throw new ImportError(`'${input.fileName}' has a YAML syntax error (line ${line}: ${syntax.message}); fix it before importing into it.`);
  }
  const root = parsed.document.contents as Node | null;
  if (!isMap(root) || (root as YAMLMap).flow) {
    throw new ImportError(`'${input.fileName}' is not a runbook (its top level is not a block map of keys such as 'runbook', 'vms', 'waves').`);
  }
  const rootMap = root as YAMLMap;
  const m = new Merger(text);

  // Existing VMs in document order.
  const vmsPair = pairOf(rootMap, 'vms');
  const vmsNode = vmsPair?.value as Node | null | undefined;
  if (vmsPair && vmsNode && !isMap(vmsNode) && !(isScalar(vmsNode) && (vmsNode as Scalar).value === null)) {
    throw new ImportError(`'${input.fileName}': 'vms' is not a map of VM entries; fix it before importing into it.`);
  }
  const vmsMap = isMap(vmsNode) ? (vmsNode as YAMLMap) : undefined;
  const existing: ExistingVm[] = [];
  for (const pair of vmsMap?.items ?? []) {
    const id = keyOf(pair);
    if (id === undefined) continue;
    existing.push({ id, pair, name: scalarText(pairOf(pair.value as Node, 'name')?.value as Node) });
  }

  // Match every export row: by original name (in document order, so duplicate names pair up in
  // order), else by id when that entry has no other name.
  const byName = new Map<string, ExistingVm[]>();
  const byId = new Map<string, ExistingVm>();
  for (const e of existing) {
    if (e.name !== undefined) {
      const list = byName.get(e.name);
      if (list) list.push(e);
      else byName.set(e.name, [e]);
    }
    byId.set(e.id, e);
  }
  const consumed = new Set<ExistingVm>();
  const matchOf = new Map<InventoryVm, ExistingVm>();
  for (const vm of input.inventory) {
    if (vm.name === '') continue;
    let match = byName.get(vm.name)?.find((e) => !consumed.has(e));
    if (!match) {
      for (const id of [vm.name, baseId(vm.name)]) {
        const e = byId.get(id);
        if (e && !consumed.has(e) && (e.name === undefined || e.name === vm.name)) {
          match = e;
          break;
        }
      }
    }
    if (match) {
      consumed.add(match);
      matchOf.set(vm, match);
    }
  }

  const updated: UpdatedVm[] = [];
  let unchanged = 0;
  const ids = new IdAllocator(existing.map((e) => e.id));
  const added: PlannedVm[] = [];
  for (const vm of input.selected) {
    const match = matchOf.get(vm);
    if (match) {
      const changes = m.updateSizes(match, vm);
      if (changes.length > 0) updated.push({ id: match.id, name: vm.name, rowNumber: vm.rowNumber, changes });
      else unchanged++;
    } else {
      added.push({ id: ids.allocate(vm.name), vm });
    }
  }
  const disappeared = existing.filter((e) => !consumed.has(e)).map((e) => ({ id: e.id, name: e.name }));

  const newWaves: string[] = [];
  if (added.length > 0) {
    addVms(m, rootMap, vmsPair, vmsMap, added);
    newWaves.push(...addWaves(m, rootMap, added, input.waveSize));
  }
  const edits = coalesceInsertions(m.edits);
  return {
    text: applyOffsetEdits(text, edits),
    edits,
    added,
    updated,
    unchanged,
    disappeared,
    newWaves,
    warnings: m.warnings,
  };
}

/** Appends the new entries to `vms` (creating the section at the end if there is none). */
function addVms(m: Merger, root: YAMLMap, vmsPair: Pair | undefined, vmsMap: YAMLMap | undefined, added: readonly PlannedVm[]): void {
  const { text, eol, unit } = m;
  if (vmsMap?.flow) {
    for (const p of added) {
      const edit = insertEntryEdit(text, vmsMap, vmsEntryFlowOf(p));
      if (edit) m.edits.push(edit);
    }
    return;
  }
  if (vmsMap && vmsMap.items.length > 0) {
    const first = vmsMap.items[0];
    const column = columnOf(text, (first.key as Node).range?.[0] ?? 0);
    // Children at the column the existing block entries use, else one indent unit deeper.
    const firstValue = vmsMap.items.map((i) => i.value as Node | null).find((v) => isMap(v) && !(v as YAMLMap).flow) as YAMLMap | undefined;
    const childKey = firstValue?.items[0]?.key as Node | undefined;
    const childColumn = childKey?.range ? columnOf(text, childKey.range[0]) : column + unit;
    const last = vmsMap.items[vmsMap.items.length - 1];
    const lastNode = (last.value as Node | null) ?? (last.key as Node);
    const at = lineEndAt(text, contentEnd(text, lastNode));
    const lines = added.flatMap((p) => vmEntryLines(p.id, p.vm, column, childColumn));
    m.edits.push({ start: at, end: at, newText: eol + lines.join(eol) });
    return;
  }
  const lines = (column: number) => added.flatMap((p) => vmEntryLines(p.id, p.vm, column, column + unit));
  if (vmsPair) {
    // `vms:` with no value yet: the entries go on the lines after the key.
    const keyColumn = columnOf(text, (vmsPair.key as Node).range?.[0] ?? 0);
    const at = lineEndAt(text, (vmsPair.key as Node).range?.[1] ?? 0);
    m.edits.push({ start: at, end: at, newText: eol + lines(keyColumn + unit).join(eol) });
    return;
  }
  appendSection(m, root, ['vms:', ...lines(unit)]);
}

function vmsEntryFlowOf(p: PlannedVm): string {
  return vmEntryFlow(p.id, p.vm);
}

/** Appends a top-level section after the root's last entry. */
function appendSection(m: Merger, root: YAMLMap, lines: readonly string[]): void {
  const { text, eol } = m;
  const last = root.items[root.items.length - 1];
  const lastNode = last ? ((last.value as Node | null) ?? (last.key as Node)) : undefined;
  const at = lastNode ? lineEndAt(text, contentEnd(text, lastNode)) : text.length;
  m.edits.push({ start: at, end: at, newText: eol + lines.join(eol) });
}

/** New waves for the new VMs, after the existing ones, on the last wave's link. */
function addWaves(m: Merger, root: YAMLMap, added: readonly PlannedVm[], waveSize: number): string[] {
  const { text, eol } = m;
  const wavesPair = pairOf(root, 'waves');
  const wavesNode = wavesPair?.value as Node | null | undefined;
  if (wavesNode && !isSeq(wavesNode) && !(isScalar(wavesNode) && (wavesNode as Scalar).value === null)) {
    m.warnings.push("'waves' is not a list; the new VMs were not put in a wave.");
    return [];
  }
  const seq = isSeq(wavesNode) ? (wavesNode as YAMLSeq) : undefined;
  const items = (seq?.items ?? []) as Node[];
  const existingNames = new Set(items.map((w) => scalarText(pairOf(w, 'name')?.value as Node)).filter((n): n is string => n !== undefined));
  const lastLink = [...items].reverse().map((w) => scalarText(pairOf(w, 'link')?.value as Node)).find((l) => l !== undefined);
  const linksNode = pairOf(root, 'links')?.value as Node | null | undefined;
  const firstLink = isMap(linksNode) ? (linksNode as YAMLMap).items.map(keyOf).find((k) => k !== undefined) : undefined;
  const link = lastLink ?? firstLink;
  const groups = splitIntoWaves(added, waveSize);
  const names: string[] = [];
  let n = items.length + 1;
  for (let i = 0; i < groups.length; i++) {
    while (existingNames.has(`Wave ${n}`)) n++;
    names.push(`Wave ${n}`);
    existingNames.add(`Wave ${n}`);
  }
  if (seq?.flow) {
    const end = contentEnd(text, seq);
    const lastItem = items[items.length - 1];
    const flowItems = groups.map((g, i) => waveFlow(names[i], link, g));
    if (lastItem?.range) {
      const at = contentEnd(text, lastItem);
      m.edits.push({ start: at, end: at, newText: `, ${flowItems.join(', ')}` });
    } else m.edits.push({ start: end - 1, end: end - 1, newText: flowItems.join(', ') });
    return names;
  }
  if (seq && items.length > 0) {
    const last = items[items.length - 1];
    const { dash } = dashColumns(text, last);
    const at = lineEndAt(text, contentEnd(text, last));
    const lines = groups.flatMap((g, i) => waveLines(names[i], link, g, dash));
    m.edits.push({ start: at, end: at, newText: eol + lines.join(eol) });
    return names;
  }
  if (wavesPair) {
    const keyColumn = columnOf(text, (wavesPair.key as Node).range?.[0] ?? 0);
    const at = lineEndAt(text, (wavesPair.key as Node).range?.[1] ?? 0);
    const lines = groups.flatMap((g, i) => waveLines(names[i], link, g, keyColumn + m.unit));
    m.edits.push({ start: at, end: at, newText: eol + lines.join(eol) });
    return names;
  }
  appendSection(m, root, ['waves:', ...groups.flatMap((g, i) => waveLines(names[i], link, g, m.unit))]);
  return names;
}

/**
 * Insertions at the same offset become one edit, in the order they were made (a memory key added
 * to the last VM, then the new VMs after it), so the result does not depend on how an editor
 * orders equal positions.
 */
function coalesceInsertions(edits: readonly OffsetEdit[]): OffsetEdit[] {
  const out: OffsetEdit[] = [];
  const insertAt = new Map<number, number>();
  for (const e of edits) {
    const i = e.start === e.end ? insertAt.get(e.start) : undefined;
    if (i !== undefined) out[i] = { ...out[i], newText: out[i].newText + e.newText };
    else {
      if (e.start === e.end) insertAt.set(e.start, out.length);
      out.push(e);
    }
  }
  return out;
}
