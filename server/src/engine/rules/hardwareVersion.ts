/**
 * RB231: every ESXi release runs virtual hardware up to its own version (KB 2007240: 6.5 -> 13,
 * 6.7 -> 14, 7.0 U2 -> 19, 8.0 -> 20, ...). A VM whose hardware version the destination cannot run
 * cannot be moved there, live or cold: an error. One the source cannot run means the runbook's
 * version or the source's release is wrong, and a rollback to the source would fail: a warning.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { firstReleaseRunning, HARDWARE_VERSION_SOURCE, maxHardwareVersion } from '../vsphere';
import { vmMoves } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const hardwareVersion: Rule = {
  code: 'RB231',
  title: 'Virtual hardware version not supported at an end',
  source: HARDWARE_VERSION_SOURCE,
  check({ model, options }) {
    const findings: Finding[] = [];
    const purpose = purposeOf(model);
    for (const move of vmMoves(model, options)) {
      const hw = move.vm.hardwareVersion;
      if (!hw) continue;
      const needs = firstReleaseRunning(hw.value);
      const dest = move.destinationVersion;
      if (dest && hw.value > maxHardwareVersion(dest.version)) {
        findings.push({
          code: 'RB231',
          severity: severityOf('RB231', purpose),
          message: `VM '${move.vm.id}' (hardware version ${hw.value}) cannot run at site ${move.destination.id}: vSphere ${dest.version.text}${dest.assumed ? ' (assumed)' : ''} runs hardware versions up to ${maxHardwareVersion(dest.version)} (KB 2007240), so the migration fails. Upgrade the destination to ${needs ?? 'a newer release'} or later, or move the VM elsewhere (hardware versions cannot be lowered in place).`,
          span: hw.span,
          related: move.destination.vsphere ? [{ span: move.destination.vsphere.span, message: `vSphere ${dest.version.text} at ${move.destination.id}` }] : undefined,
        });
      }
      const src = move.sourceVersion;
      if (src && hw.value > maxHardwareVersion(src.version)) {
        findings.push({
          code: 'RB231',
          severity: severityOf('RB231/source', purpose),
          message: `VM '${move.vm.id}' (hardware version ${hw.value}) cannot run at its source site ${move.source.id} (vSphere ${src.version.text}${src.assumed ? ', assumed' : ''} runs up to ${maxHardwareVersion(src.version)}, KB 2007240): a rollback there would fail, and one of the two values is probably wrong. Check the VM's hardware version and the source's release.`,
          span: hw.span,
        });
      }
    }
    return findings;
  },
};
