/**
 * RB218: `storage-vmotion` with the vMotion method is shared-nothing vMotion (compute and disks
 * together, no shared storage), which arrived with vSphere 5.1 (docs/sources.md 1.7, frankdenneman.nl
 * "vSphere 5.1 vMotion deepdive"). Before 5.1, vMotion needed storage both hosts could see. An error:
 * the migration as planned does not exist on that release.
 */
import type { Finding } from '../findings';
import { methodOf, purposeOf, storageStrategyOf } from '../model';
import { parseVsphereVersion, compareVersions } from '../vsphere';
import { linkEnds, waveByVm } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

const V5_1 = parseVsphereVersion('5.1');

export const sharedNothingVersion: Rule = {
  code: 'RB218',
  title: 'Shared-nothing vMotion before vSphere 5.1',
  source: 'docs/sources.md 1.7: shared-nothing vMotion (5.1+), frankdenneman.nl 2012 "vSphere 5.1 vMotion deepdive" [blog]',
  check({ model, options }) {
    if (!V5_1) return [];
    const findings: Finding[] = [];
    const severity = severityOf('RB218', purposeOf(model));
    const waves = waveByVm(model);
    for (const vm of model.vms.values()) {
      const wave = waves.get(vm.id);
      const link = wave?.link ? model.links.get(wave.link.value) : undefined;
      if (!link || storageStrategyOf(model, vm) !== 'storage-vmotion' || methodOf(model, vm, wave) !== 'vmotion') continue;
      const ends = linkEnds(link, model, options);
      if (!ends || compareVersions(ends.older.version, V5_1) >= 0) continue;
      findings.push({
        code: 'RB218',
        severity,
        message: `VM '${vm.id}' cannot move its disks with vMotion over link '${link.id}': site ${ends.olderSite.id} runs vSphere ${ends.older.version.text}${ends.older.assumed ? ' (assumed)' : ''}, and shared-nothing vMotion (compute and storage together) arrived with 5.1. Upgrade both ends to 5.1+, give both sites shared storage (storage: shared), replicate (replication-async), or migrate cold (method: cold).`,
        span: vm.storage?.span ?? vm.keySpan,
        related: ends.olderSite.vsphere ? [{ span: ends.olderSite.vsphere.span, message: `vSphere ${ends.older.version.text} at ${ends.olderSite.id}` }] : undefined,
      });
    }
    return findings;
  },
};
