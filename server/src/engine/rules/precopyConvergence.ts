/**
 * RB203: pre-copy cannot converge when the VM dirties memory at least as fast as the migration
 * sends it (rho = D/R >= 1, domain.md 2.2 and 7.5). From vSphere 5.0 SDPS slows the guest's vCPUs
 * until it converges (domain.md 1.6): the VM survives but runs throttled. vSphere 4.x has no SDPS,
 * so there the migration cannot finish. Reads the estimator's VmEstimate.converges and throughput.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { formatByteRate } from '../../../../shared/src/units/quantity';
import type { VmEstimate } from '../estimate/types';
import { linkEnds, SDPS_FIRST_MAJOR, waveByVm } from './support/lookup';
import { formatStunSeconds } from './support/format';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';


export const precopyConvergence: Rule = {
  code: 'RB203',
  title: 'Pre-copy cannot converge',
  source: 'domain.md 2.2 (convergence needs dirty rate < throughput) and 1.6 (SDPS from vSphere 5.0, yellow-bricks 2012; 100 s switchover bound, KB 2141355)',
  check({ model, estimate, options }) {
    const findings: Finding[] = [];
    const purpose = purposeOf(model);
    const waveOf = waveByVm(model);
    for (const vmEstimate of estimate.vms.values()) {
      // A VM in no wave is RB105's; its estimate over a stand-in link would only add noise.
      if (vmEstimate.converges || vmEstimate.waveIndex === undefined) continue;
      const vm = model.vms.get(vmEstimate.vmId);
      if (!vm) continue;
      const wave = waveOf.get(vm.id);
      const link = wave?.link ? model.links.get(wave.link.value) : undefined;
      const ends = link ? linkEnds(link, model, options) : undefined;
      const noSdps = ends !== undefined && ends.older.version.major < SDPS_FIRST_MAJOR;
      const transport = link?.transport?.value ?? model.defaults.transport?.value ?? 'tcp';
      const windowLimited = vmEstimate.throughput.limitedBy === 'window' && transport === 'tcp';
      const consequence = noSdps
        ? `vSphere ${ends?.older.version.text} has no SDPS (it arrived in 5.0), so the migration cannot complete`
        : `vSphere will slow the guest's vCPUs (SDPS) until pre-copy converges, so the VM runs throttled for the migration${vmEstimate.switchoverSeconds > options.switchoverWarningSeconds ? `; without throttling the switchover would be about ${formatStunSeconds(vmEstimate.switchoverSeconds)}` : ''}`;
      const remedy = windowLimited
        ? `throughput is window-limited over plain TCP: try transport: wan-optimized, lower the workload during the window, or raise the link share`
        : 'lower the workload during the window, raise the bandwidth or migration share, or lower the wave concurrency';
      findings.push({
        code: 'RB203',
        severity: severityOf(noSdps ? 'RB203/no-sdps' : 'RB203', purpose),
        message: `VM '${vm.id}': pre-copy cannot converge: it dirties memory at ${formatByteRate(vmEstimate.dirtyRateBytesPerSecond)} (${dirtySourceText(vmEstimate)}), at or above the ${formatByteRate(vmEstimate.throughput.bytesPerSecond)} migration throughput (${vmEstimate.throughput.explanation}); ${consequence}. ${capitalise(remedy)}.`,
        span: (vm.dirtyRateBytesPerSecond ?? vm.workload)?.span ?? vm.keySpan, // a plan-wide default is shared: use the key
        fix: windowLimited && link ? { fix: 'set-transport', linkId: link.id, transport: 'wan-optimized' } : undefined,
      });
    }
    return findings;
  },
};

function dirtySourceText(e: VmEstimate): string {
  return e.dirtyRateSource === 'given' ? 'given' : `from ${e.dirtyRateSource}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
