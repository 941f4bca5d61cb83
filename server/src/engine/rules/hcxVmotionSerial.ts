/**
 * RB241: "Although concurrent VMware HCX vMotion migrations can be initiated up to the vSphere
 * limits, VMware only supports serial VMware HCX vMotion migrations between a source and
 * destination site" (HCX user guide GUID-517866F6, docs/sources.md 5.2). A wave moving by HCX vMotion with
 * `concurrency` above 1 is unsupported (an error); the schedule runs it one at a time anyway.
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const hcxVmotionSerial: Rule = {
  code: 'RB241',
  title: 'HCX vMotion runs one at a time',
  source: 'docs/sources.md 5.2: HCX user guide GUID-517866F6 ("VMware only supports serial VMware HCX vMotion migrations between a source and destination site")',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB241', purposeOf(model));
    for (const wave of model.waves) {
      const method = wave.method?.value ?? model.method?.value;
      const concurrency = wave.concurrency;
      if (method !== 'hcx-vmotion' || !concurrency || concurrency.value <= 1) continue;
      findings.push({
        code: 'RB241',
        severity,
        message: `${waveLabel(wave)} runs ${concurrency.value} HCX vMotions at once, which VMware does not support: HCX vMotion is supported only one at a time between a source and a destination site. Set concurrency to 1 (the estimate already schedules them one by one), or use Replication Assisted vMotion (hcx-rav) to move them in parallel.`,
        span: concurrency.span,
        fix: { fix: 'set-concurrency', waveIndex: wave.index, concurrency: 1 },
      });
    }
    return findings;
  },
};
