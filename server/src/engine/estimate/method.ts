/**
 * What the migration method changes in a VM's estimate (docs/sources.md 5.2), applied after the vMotion
 * estimate so the vMotion model stays untouched:
 * - cold: the VM is powered off for its whole transfer (no pre-copy); the downtime is the transfer.
 * - hcx-bulk: the disks are replicated ahead with vSphere Replication (seed before the window), delta
 *   syncs run at a two-hour RPO, and the switchover powers the source off for a final offline sync:
 *   the VM is down for that cutover. Each migration is capped at 1 Gbps and the IX appliance (one
 *   per link here) at 1.6 Gbps shared (KB 321604).
 * - hcx-rav: replicated ahead like Bulk (same caps), then a vMotion switchover of memory and state:
 *   no downtime beyond the vMotion stun.
 * - vmotion, hcx-vmotion: unchanged here (HCX vMotion runs one at a time per site pair: schedule.ts).
 */
import { methodOf, storageStrategyOf, type MigrationMethod, type RunbookModel, type Vm, type Wave } from '../model';
import { bytesPerSecondFromBits, formatByteRate, formatBytes, formatDuration } from '../../../../shared/src/units/quantity';
import { DEFAULT_WORKLOAD, WORKLOAD_PROFILES_TABLE } from './profiles';
import type { VmEstimate } from './types';

/** HCX Bulk / RAV: "1Gbps max per migration workflow" (KB 321604, docs/sources.md 5.2). */
export const HCX_MAX_PER_MIGRATION_BYTES_PER_SECOND = bytesPerSecondFromBits(1e9);
/** HCX Bulk / RAV: "1.6Gbps max per IX appliance (any number of concurrent migration workflows)". */
export const HCX_MAX_PER_IX_BYTES_PER_SECOND = bytesPerSecondFromBits(1.6e9);
/** HCX Bulk delta syncs at a "two-hour recovery point objective" until the switchover (docs/sources.md 5.2). */
export const HCX_BULK_RPO_SECONDS = 2 * 3600;

/** The methods whose switchover is not a vMotion stun (no pre-copy): cold and HCX Bulk. */
export function isPoweredOffMethod(method: MigrationMethod): boolean {
  return method === 'cold' || method === 'hcx-bulk';
}

/**
 * `e` adjusted for the VM's method; the same object when the method is vMotion or HCX vMotion.
 * `streams`: migrations sharing the wave's link at once (for the per-appliance cap).
 */
export function applyMethod(model: RunbookModel, vm: Vm, wave: Wave | undefined, e: VmEstimate, streams: number): VmEstimate {
  const method = methodOf(model, vm, wave);
  if (method === 'vmotion' || method === 'hcx-vmotion' || e.estimable === false) return e;
  const storage = storageStrategyOf(model, vm);
  const used = storage === 'shared' || storage === 'replication-sync' ? 0 : (vm.diskUsedBytes?.value ?? 0);
  const profile = WORKLOAD_PROFILES_TABLE[vm.workload?.value ?? model.defaults.workload?.value ?? DEFAULT_WORKLOAD];
  const change = vm.diskChangeRateBytesPerSecond?.value ?? profile.diskChangeRateBytesPerSecond;
  const base = { ...e, explanation: [...e.explanation] };
  if (method === 'cold') {
    const r = e.throughput.bytesPerSecond;
    const diskSeconds = r > 0 ? used / r : 0;
    const total = e.setupSeconds + diskSeconds;
    base.explanation.push(`method cold: powered off for the whole transfer: ${formatBytes(used)} / ${formatByteRate(r)} = ${formatDuration(diskSeconds)} (no pre-copy); down ${formatDuration(total)}`);
    return { ...base, rounds: 0, converges: true, memoryConverges: true, diskConverges: true, memorySeconds: 0, diskBytes: used, diskSeconds, seedSeconds: 0, switchoverSeconds: total, totalSeconds: total, bytesSent: used, residualBytes: 0, limitedBy: 'cold migration: powered off for the transfer' };
  }
  // Bulk and RAV replicate under HCX's caps.
  const r = Math.min(e.throughput.bytesPerSecond, HCX_MAX_PER_MIGRATION_BYTES_PER_SECOND, HCX_MAX_PER_IX_BYTES_PER_SECOND / Math.max(1, streams));
  const seedSeconds = r > 0 ? used / r : 0;
  const delta = Math.min(used, change * (method === 'hcx-bulk' ? HCX_BULK_RPO_SECONDS : (model.storage?.rpoSeconds?.value ?? HCX_BULK_RPO_SECONDS)));
  const deltaSeconds = r > 0 ? delta / r : 0;
  const capLine = `HCX caps: ${formatByteRate(HCX_MAX_PER_MIGRATION_BYTES_PER_SECOND)} per migration, ${formatByteRate(HCX_MAX_PER_IX_BYTES_PER_SECOND)} per IX appliance shared by ${Math.max(1, streams)} (KB 321604): ${formatByteRate(r)}`;
  if (method === 'hcx-bulk') {
    const down = e.setupSeconds + deltaSeconds;
    base.explanation.push(capLine, `method hcx-bulk: seed ${formatBytes(used)} before the window (${formatDuration(seedSeconds)}); switchover powers the source off for the final sync of up to 2 h of changes (${formatBytes(delta)}, ${formatDuration(deltaSeconds)}): down ${formatDuration(down)}`);
    return { ...base, rounds: 0, converges: true, memoryConverges: true, diskConverges: change < r, memorySeconds: 0, diskBytes: delta, diskSeconds: deltaSeconds, seedSeconds, switchoverSeconds: down, totalSeconds: down, bytesSent: used + delta, residualBytes: 0, limitedBy: `HCX Bulk: down for the cutover (${formatByteRate(r)})` };
  }
  // hcx-rav: memory and switchover as vMotion; the disks as a replicated delta.
  const total = e.setupSeconds + deltaSeconds + e.memorySeconds + e.switchoverSeconds;
  base.explanation.push(capLine, `method hcx-rav: seed ${formatBytes(used)} before the window (${formatDuration(seedSeconds)}); in the window the last delta (${formatBytes(delta)}, ${formatDuration(deltaSeconds)}) and a vMotion switchover`);
  return { ...base, diskBytes: delta, diskSeconds: deltaSeconds, diskConverges: change < r, seedSeconds, totalSeconds: total };
}
