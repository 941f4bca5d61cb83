/**
 * RB232: devices and settings that stop a live migration across sites, each with VMware's words:
 * - passthrough: DirectPath I/O VMs "cannot migrate across hosts" (vSphere 8.0 Networking, GUID-BF2770C3).
 * - sr-iov: "vSphere vMotion" and "Storage vMotion" are not available with SR-IOV (vSphere 6.5 Networking, "Supported Configurations for Using SR-IOV").
 * - fault-tolerance: "You cannot invoke Storage vMotion for virtual machines with Fault Tolerance turned on" (vSphere 8.0 Availability, GUID-F5264795): a problem when the disks move.
 * - shared-bus-scsi: "Migration with vSphere vMotion of clustered virtual machines" is not supported (vSphere 5.0 MSCS guide, GUID-6BD834AE), nor online Storage vMotion of clustered VMDKs (vSphere 8.0 WSFC guide, GUID-04626D3C).
 * - rdm-physical: "When you move a virtual machine with RDMs and do not convert those RDMs to VMDKs, the destination host must have access to the RDM LUNs" (vSphere 6.7 vCenter and Host Management, vMotion without shared storage): a problem unless the storage is shared.
 * - local-iso: a virtual device "backed by a device that is not accessible on the destination host" blocks vMotion (vSphere 6.7, "Virtual Machine Conditions and Limitations for vMotion").
 * Cold moves (powered off) are not affected; HCX Bulk powers the VM off for its switchover but
 * replicates the disks with vSphere Replication, so only the storage items apply to it.
 */
import type { Finding } from '../findings';
import { purposeOf, type VmFeature } from '../model';
import { vmMoves, type VmMove } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

interface Blocker {
  /** Whether the feature blocks this move. */
  readonly blocks: (move: VmMove) => boolean;
  readonly why: string;
  readonly remedy: string;
}

const disksMove = (m: VmMove): boolean => m.storage !== 'shared' && m.storage !== 'replication-sync';

const BLOCKERS: Readonly<Partial<Record<VmFeature, Blocker>>> = {
  passthrough: { blocks: (m) => m.live, why: 'a PCI passthrough (DirectPath I/O) device stays with its host, so vMotion cannot move the VM (vSphere 8.0 Networking)', remedy: 'remove the device for the move and add the destination\'s, or migrate cold' },
  'sr-iov': { blocks: (m) => m.live, why: 'vMotion and Storage vMotion are not available with SR-IOV (vSphere 6.5 Networking)', remedy: 'switch the adapter to VMXNET3 for the move, or migrate cold' },
  'fault-tolerance': { blocks: (m) => m.live && disksMove(m), why: 'Storage vMotion cannot run on a VM with Fault Tolerance turned on (vSphere 8.0 Availability)', remedy: 'turn Fault Tolerance off for the move and on again at the destination' },
  'shared-bus-scsi': { blocks: (m) => m.live, why: 'vMotion of clustered (WSFC/MSCS, shared-bus SCSI) VMs is not supported (vSphere 5.0 MSCS guide), nor online Storage vMotion of clustered disks (vSphere 8.0 WSFC guide)', remedy: 'fail the cluster role over and move the nodes powered off, or rebuild the node at the destination' },
  'rdm-physical': { blocks: (m) => (m.live || m.method === 'hcx-bulk') && disksMove(m), why: 'a physical-mode RDM cannot be copied as a virtual disk: the destination hosts must see the same LUN (vSphere 6.7 vCenter and Host Management)', remedy: 'present (replicate) the LUN at the destination and use storage: shared or replication-sync, or copy the data inside the guest' },
  'local-iso': { blocks: (m) => m.live, why: 'a CD drive connected to an ISO or device the destination cannot see blocks vMotion (vSphere 6.7 "Virtual Machine Conditions and Limitations for vMotion")', remedy: 'disconnect the CD drive before the move' },
};

export const liveMigrationBlocker: Rule = {
  code: 'RB232',
  title: 'A device or setting blocks the migration',
  source: 'docs/sources.md 1.8: vSphere docs: 8.0 Networking GUID-BF2770C3 (DirectPath I/O), 6.5 Networking (SR-IOV), 8.0 Availability GUID-F5264795 (FT), 5.0 MSCS GUID-6BD834AE and 8.0 WSFC GUID-04626D3C, 6.7 vCenter and Host Management (RDMs, devices)',
  check({ model, options }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB232', purposeOf(model));
    for (const move of vmMoves(model, options)) {
      for (const feature of move.vm.features) {
        const blocker = BLOCKERS[feature.value];
        if (!blocker || !blocker.blocks(move)) continue;
        findings.push({
          code: 'RB232',
          severity,
          message: `VM '${move.vm.id}' cannot move as planned (${move.method}${disksMove(move) ? `, disks by ${move.storage}` : ''}): ${blocker.why}. ${capitalise(blocker.remedy)}.`,
          span: feature.span,
        });
      }
    }
    return findings;
  },
};

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
