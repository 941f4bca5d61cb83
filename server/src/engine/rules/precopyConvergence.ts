/**
 * RB203: pre-copy cannot converge when the VM dirties memory at least as fast as the migration
 * sends it (rho = D/R >= 1, docs/sources.md 2.2 and 7.5). From vSphere 5.0 SDPS slows the guest's vCPUs
 * until it converges (docs/sources.md 1.6): the VM survives but runs throttled. vSphere 4.x has no SDPS,
 * so there the migration cannot finish. Reads the estimator's VmEstimate.converges and throughput.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatByteRate } from '../../../../shared/src/units/quantity';
import type { VmEstimate } from '../estimate/types';
import { linkEnds, SDPS_FIRST_MAJOR, waveByVm, vmMethod } from './support/lookup';
import { formatStunSeconds } from './support/format';
import type { Rule } from './support/rule';
import { isPoweredOffMethod } from '../estimate/method';
import { severityOf } from './support/severity';


export const precopyConvergence: Rule = {
  code: 'RB203',
  title: 'Pre-copy cannot converge',
  source: 'docs/sources.md 2.2 (convergence needs dirty rate < throughput) and 1.6 (SDPS from vSphere 5.0, yellow-bricks 2012; 100 s switchover bound, KB 2141355)',
  check({ model, estimate, options }) {
    const findings: Finding[] = [];
    const purpose = purposeOf(model);
    const waveOf = waveByVm(model);
    for (const vmEstimate of estimate.vms.values()) {
      // A VM in no wave is RB105's; its estimate over a stand-in link would only add noise.
      if (vmEstimate.converges || vmEstimate.waveIndex === undefined) continue;
      const vm = model.vms.get(vmEstimate.vmId);
      // Powered-off moves (cold, HCX Bulk) have no pre-copy.
      if (!vm || isPoweredOffMethod(vmMethod(model, vm.id))) continue;
      const wave = waveOf.get(vm.id);
      const link = wave?.link ? model.links.get(wave.link.value) : undefined;
      const ends = link ? linkEnds(link, model, options) : undefined;
      const noSdps = ends !== undefined && ends.older.version.major < SDPS_FIRST_MAJOR;
      const transport = link?.transport?.value ?? model.defaults.transport?.value ?? 'tcp';
      const cause = causeOf(vmEstimate, transport);
      // No throughput (an unreadable bandwidth is RB010's): "dirty rate above 0 B/s" would mislead.
      if (cause === undefined) continue;
      const sdps = noSdps
        ? `vSphere ${ends?.older.version.text} has no SDPS (it arrived in 5.0), so the migration cannot complete`
        : `vSphere will slow the guest's vCPUs (SDPS) until pre-copy converges, so the VM runs throttled for the migration${vmEstimate.switchoverSeconds > options.switchoverWarningSeconds ? `; without throttling the switchover would be about ${formatStunSeconds(vmEstimate.switchoverSeconds)}` : ''}`;
      const t = vmEstimate.throughput;
      const dirty = `${formatByteRate(vmEstimate.dirtyRateBytesPerSecond)} (${dirtySourceText(vmEstimate)})`;
      let message: string;
      switch (cause) {
        case 'disk':
          message = `VM '${vm.id}': the disk copy cannot converge: blocks change at ${vm.diskChangeRateBytesPerSecond ? formatByteRate(vm.diskChangeRateBytesPerSecond.value) : `the rate of its workload profile (${vmEstimate.dirtyRateSource})`}, at or above the ${formatByteRate(t.bytesPerSecond)} migration throughput, so each pass re-copies more than it finishes; the estimate counts extra passes and is unreliable. Replicate the disks ahead of the window (storage strategy replication-async) or lower the write load during the migration.`;
          break;
        case 'precopy-cap': {
          const lossy = transport === 'tcp' && t.limitedBy === 'loss';
          message = `VM '${vm.id}': pre-copy does not get small enough before the estimate's cap of 3 x memory sent (Xen's limit, docs/sources.md 2.1): it dirties memory at ${dirty}, ${formatPercentOf(vmEstimate.dirtyRateBytesPerSecond, t.bytesPerSecond)} of the ${formatByteRate(t.bytesPerSecond)} migration throughput, so each round shrinks the rest only a little. vSphere has no such cap: with the dirty rate below the throughput it keeps iterating and converges, later than estimated. ${
            lossy ? 'The throughput is loss-limited, so more bandwidth does not help: reduce the loss, or use transport: wan-optimized.' : 'Lower the workload during the window, or raise the throughput so the dirty rate is well below it.'
          }`;
          break;
        }
        case 'loss':
          message = `VM '${vm.id}': pre-copy cannot converge on a loss-limited link: it dirties memory at ${dirty}, at or above the ${formatByteRate(t.bytesPerSecond)} that plain TCP reaches through the packet loss; ${sdps}. More bandwidth does not help: reduce the loss, or use transport: wan-optimized (its gains do not count toward the 250 Mbps requirement).`;
          break;
        case 'window':
          message = `VM '${vm.id}': pre-copy cannot converge: it dirties memory at ${dirty}, at or above the ${formatByteRate(t.bytesPerSecond)} migration throughput, which the TCP window limits; ${sdps}. Try transport: wan-optimized, lower the workload during the window, or raise the link share.`;
          break;
        default:
          message = `VM '${vm.id}': pre-copy cannot converge: it dirties memory at ${dirty}, at or above the ${formatByteRate(t.bytesPerSecond)} migration throughput; ${sdps}. Lower the workload during the window, raise the bandwidth or migration share, or lower the wave concurrency.`;
      }
      // The finding and what to do first; how the throughput was derived last (the Problems panel cuts long lines).
      if (t.explanation) message = `${message} (Throughput: ${t.explanation})`;
      findings.push({
        code: 'RB203',
        severity: severityOf(noSdps && cause !== 'disk' && cause !== 'precopy-cap' ? 'RB203/no-sdps' : 'RB203', purpose),
        message,
        span: cause === 'disk' ? (vm.diskChangeRateBytesPerSecond ?? vm.workload)?.span ?? vm.keySpan : (vm.dirtyRateBytesPerSecond ?? vm.workload)?.span ?? vm.keySpan, // a plan-wide default is shared: use the key
        fix: (cause === 'window' || cause === 'loss' || (cause === 'precopy-cap' && vmEstimate.throughput.limitedBy === 'loss' && transport === 'tcp')) && link ? { fix: 'set-transport', linkId: link.id, transport: 'wan-optimized' } : undefined,
      });
    }
    return findings;
  },
};

type Cause = 'disk' | 'precopy-cap' | 'loss' | 'window' | 'dirty-rate';

/** Why the estimate does not converge, most specific first; undefined when there is no throughput. */
function causeOf(e: VmEstimate, transport: string): Cause | undefined {
  if (e.estimable === false || !(e.throughput.bytesPerSecond > 0)) return undefined;
  if (e.memoryConverges !== false && e.diskConverges === false) return 'disk';
  const rho = e.dirtyRateBytesPerSecond / e.throughput.bytesPerSecond;
  if (rho < 1 && (e.precopyStop === 'volume-cap' || e.precopyStop === 'round-cap')) return 'precopy-cap';
  if (transport === 'tcp' && e.throughput.limitedBy === 'loss') return 'loss';
  if (transport === 'tcp' && e.throughput.limitedBy === 'window') return 'window';
  return 'dirty-rate';
}

function formatPercentOf(part: number, whole: number): string {
  return `${Math.round((part / whole) * 100)} %`;
}

function dirtySourceText(e: VmEstimate): string {
  return e.dirtyRateSource === 'given' ? 'given' : `from ${e.dirtyRateSource}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
