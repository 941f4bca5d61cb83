/**
 * RB242: HCX vMotion and Replication Assisted vMotion need virtual hardware version 9 or later
 * (HCX user guide GUID-517866F6; Broadcom KB 440117; docs/sources.md 5.2). An error below it.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { vmMoves } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const HCX_MIN_HARDWARE_VERSION = 9;

export const hcxHardwareVersion: Rule = {
  code: 'RB242',
  title: 'HCX vMotion and RAV need hardware version 9',
  source: 'docs/sources.md 5.2: HCX user guide GUID-517866F6 and Broadcom KB 440117 (VM hardware version 9 or later)',
  check({ model, options }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB242', purposeOf(model));
    for (const move of vmMoves(model, options)) {
      const hw = move.vm.hardwareVersion;
      if ((move.method !== 'hcx-vmotion' && move.method !== 'hcx-rav') || !hw || hw.value >= HCX_MIN_HARDWARE_VERSION) continue;
      findings.push({
        code: 'RB242',
        severity,
        message: `VM '${move.vm.id}' (hardware version ${hw.value}) cannot move by ${move.method === 'hcx-vmotion' ? 'HCX vMotion' : 'Replication Assisted vMotion'}, which needs hardware version ${HCX_MIN_HARDWARE_VERSION} or later. Upgrade its virtual hardware before the window, or use HCX Bulk or a cold move.`,
        span: hw.span,
      });
    }
    return findings;
  },
};
