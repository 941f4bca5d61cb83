/**
 * VM names -> runbook ids (`^[A-Za-z0-9][A-Za-z0-9_.-]*$`, docs/format.md "Ids"). Ids are kept
 * unique ignoring letter case, because ids differing only in case are RB106 (hard to tell apart).
 */

export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
/** Long enough for any sensible VM name, short enough for a wave's `vms` list. */
const MAX_ID_LENGTH = 63;

/** The id a name would get before de-duplication: accents dropped, other characters -> `-`. */
export function baseId(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
  let id = ascii.replace(/[^A-Za-z0-9_.-]+/g, '-').replace(/-{2,}/g, '-');
  id = id.replace(/^[^A-Za-z0-9]+/, '').slice(0, MAX_ID_LENGTH).replace(/[-.]+$/, '');
  return id === '' ? 'vm' : id;
}

/** Hands out ids not yet taken (case-insensitively): `web01`, then `web01-2`, `web01-3`, ... */
export class IdAllocator {
  private readonly taken = new Set<string>();

  constructor(existing: Iterable<string> = []) {
    for (const id of existing) this.taken.add(id.toLowerCase());
  }

  isTaken(id: string): boolean {
    return this.taken.has(id.toLowerCase());
  }

  allocate(name: string): string {
    const base = baseId(name);
    let id = base;
    for (let n = 2; this.isTaken(id); n++) id = `${base.slice(0, MAX_ID_LENGTH - String(n).length - 1)}-${n}`;
    this.taken.add(id.toLowerCase());
    return id;
  }
}
