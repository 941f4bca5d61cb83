/**
 * RB233: vMotion of NVIDIA vGPU VMs is supported from vSphere 6.7 Update 1, with the vCenter
 * advanced setting vgpu.hotmigrate.enabled (vSphere 6.7 docs GUID-8FE6A0DA; williamlam.com 2018).
 * Before that a vGPU VM moves only powered off. Both ends count. (The switchover time of a vGPU
 * VM is the estimator's business.)
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { compareVersions, parseVsphereVersion, VGPU_VMOTION_FIRST } from '../vsphere';
import { vmMoves } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

const FIRST = parseVsphereVersion(VGPU_VMOTION_FIRST);

export const vgpuVersion: Rule = {
  code: 'RB233',
  title: 'vGPU vMotion needs vSphere 6.7 U1',
  source: 'docs/sources.md 1.8: vSphere 6.7 docs GUID-8FE6A0DA ("vMotion of vGPU VMs", 6.7 Update 1 and later; vgpu.hotmigrate.enabled)',
  check({ model, options }) {
    if (!FIRST) return [];
    const findings: Finding[] = [];
    const severity = severityOf('RB233', purposeOf(model));
    for (const move of vmMoves(model, options)) {
      const vgpu = move.vm.features.find((f) => f.value === 'vgpu');
      if (!vgpu || !move.live) continue;
      const old = [
        { site: move.source, v: move.sourceVersion },
        { site: move.destination, v: move.destinationVersion },
      ].filter((e) => e.v !== undefined && compareVersions(e.v.version, FIRST) < 0);
      if (old.length === 0) continue;
      findings.push({
        code: 'RB233',
        severity,
        message: `VM '${move.vm.id}' has a vGPU and cannot be vMotioned: vGPU vMotion needs vSphere 6.7 Update 1 or later at both ends, and ${old.map((e) => `site ${e.site.id} runs ${e.v?.version.text}`).join(' and ')}. Upgrade, or migrate it powered off (method: cold). Also set vgpu.hotmigrate.enabled on vCenter.`,
        span: vgpu.span,
      });
    }
    return findings;
  },
};
