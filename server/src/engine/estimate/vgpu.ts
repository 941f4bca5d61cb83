/**
 * vGPU frame buffer copied while the VM is stunned (vSphere vMotion of vGPU VMs): the stun grows
 * with the used frame buffer. VMware's tables (measurements.yaml rows vgpu-*):
 * - vSphere 6.7 (Tesla P40, 10 Gb network): 1 GB 9.0 s, 2 GB 16.5 s, 4 GB 31.4 s, 8 GB 61.3 s,
 *   10 GB 76.3 s, 12 GB 91.2 s, 16 GB and 24 GB over the 100 s timeout.
 *   https://docs.vmware.com/en/VMware-vSphere/6.7/com.vmware.vsphere.vcenterhost.doc/GUID-8FE6A0DA-49E9-472B-815B-D630CF2014AD.html
 * - vSphere 7.0 (Tesla V100 PCIe 32 GB, 10 Gb network): 1 GB 2 s, 2 GB 4 s, 4 GB 6 s, 8 GB 12 s,
 *   16 GB 22 s, 32 GB 39 s.
 *   https://docs.vmware.com/en/VMware-vSphere/7.0/com.vmware.vsphere.vcenterhost.doc/GUID-8FE6A0DA-49E9-472B-815B-D630CF2014AD.html
 * Model: stun = base + frame buffer (GB) x seconds per GB, a line through two rows of each table
 * (CHOSEN on 2 GB and 8 GB of the 6.7 table, 4 GB and 16 GB of the 7.0 table; the other rows are
 * the check, docs/estimates.md). The tables are by version and by GPU at once; a GPU not in them
 * takes its version's table ("GB" read as GiB: the vSphere API sizes profiles in fbSizeInGib). vSphere 8.0 is read as 7.0 (no table found). The doc calls its figures
 * worst case (the whole frame buffer in use): the range is x 0.8 (low) to x 1.2 (high), ASSUMPTION.
 */
import { BYTES_PER_GIB } from '../../../../shared/src/units/quantity';
import type { VsphereVersion } from '../vsphere';
import type { Level } from './fixedTime';

interface VgpuTable {
  readonly baseSeconds: number;
  readonly secondsPerGb: number;
  readonly source: string;
}

/** 6.7 / P40: (61.3 - 16.5) / (8 - 2) = 7.467 s per GB; base 16.5 - 2 x 7.467 = 1.567 s. */
export const VGPU_67: VgpuTable = { baseSeconds: 16.5 - 2 * ((61.3 - 16.5) / 6), secondsPerGb: (61.3 - 16.5) / 6, source: 'vSphere 6.7 vGPU vMotion stun table (Tesla P40)' };
/** 7.0 / V100: (22 - 6) / (16 - 4) = 1.333 s per GB; base 6 - 4 x 1.333 = 0.667 s. */
export const VGPU_70: VgpuTable = { baseSeconds: 6 - 4 * ((22 - 6) / 12), secondsPerGb: (22 - 6) / 12, source: 'vSphere 7.0 vGPU vMotion stun table (Tesla V100)' };

export const VGPU_RANGE: Readonly<Record<Level, number>> = { low: 0.8, likely: 1, high: 1.2 };

export function vgpuTable(version: VsphereVersion): VgpuTable {
  return version.major >= 7 ? VGPU_70 : VGPU_67;
}

/** Seconds the frame buffer adds to the stun (0 without a frame buffer). */
export function vgpuStunSeconds(frameBufferBytes: number | undefined, version: VsphereVersion, level: Level = 'likely'): number {
  if (frameBufferBytes === undefined || !(frameBufferBytes > 0)) return 0;
  const t = vgpuTable(version);
  return VGPU_RANGE[level] * (t.baseSeconds + (frameBufferBytes / BYTES_PER_GIB) * t.secondsPerGb);
}
