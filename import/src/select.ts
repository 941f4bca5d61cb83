/**
 * Which inventory rows become runbook VMs: the filter first, then powered-off, suspended VMs and
 * templates are skipped unless asked for. Unreadable cells of the selected rows fail the import
 * (all of them listed); duplicate names are warnings (the ids are made unique).
 */
import type { VmFilter } from './filter';
import type { InventoryVm } from './inventory';
import { ImportError } from './table';

export interface SelectOptions {
  readonly filter?: VmFilter;
  readonly includePoweredOff?: boolean;
  readonly includeTemplates?: boolean;
}

export interface Selection {
  readonly selected: readonly InventoryVm[];
  readonly filteredOut: readonly InventoryVm[];
  /** Powered off or suspended, skipped. */
  readonly poweredOff: readonly InventoryVm[];
  readonly templates: readonly InventoryVm[];
  readonly warnings: readonly string[];
}

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED_PROBLEMS = 20;

export function selectVms(inventory: readonly InventoryVm[], options: SelectOptions, source: string): Selection {
  if (inventory.length === 0) throw new ImportError(`${source} has a header row but no VM rows.`);
  const selected: InventoryVm[] = [];
  const filteredOut: InventoryVm[] = [];
  const poweredOff: InventoryVm[] = [];
  const templates: InventoryVm[] = [];
  const requested = options.filter?.requestedPowerStates;
  for (const vm of inventory) {
    if (options.filter && !options.filter.matches(vm)) filteredOut.push(vm);
    else if (vm.template && !options.includeTemplates) templates.push(vm);
    else if (vm.powerState !== 'on' && !options.includePoweredOff && !requested?.has(vm.powerState)) poweredOff.push(vm);
    else selected.push(vm);
  }
  const problems = selected.flatMap((vm) => vm.problems);
  if (problems.length > 0) {
    const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
    const more = problems.length > listed.length ? [`... and ${problems.length - listed.length} more`] : [];
    const head = problems.length === 1 ? `${source}: ${problems[0]}` : `${source}: ${problems.length} cells cannot be read:`;
    throw new ImportError(head, problems.length === 1 ? [head] : [head, ...listed.map((p) => `  ${p}`), ...more]);
  }
  const warnings: string[] = [];
  const rowsByName = new Map<string, number[]>();
  for (const vm of selected) {
    const rows = rowsByName.get(vm.name);
    if (rows) rows.push(vm.rowNumber);
    else rowsByName.set(vm.name, [vm.rowNumber]);
  }
  for (const [name, rows] of rowsByName) {
    if (rows.length > 1) warnings.push(`VM name '${name}' appears ${rows.length} times (rows ${rows.join(', ')}); each gets its own id (the later ones with a -2, -3, ... suffix).`);
  }
  return { selected, filteredOut, poweredOff, templates, warnings };
}
