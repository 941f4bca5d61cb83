/**
 * RB234: an encrypted VM, or one with a vTPM (whose home files are encrypted), needs a key provider
 * at the destination that holds its keys: "To add a vTPM to a virtual machine, you must configure
 * a key provider" (vSphere 8.0 Security, GUID-C0AF1F3A); cross-vCenter vMotion of VMs encrypted
 * with a Native Key Provider fails ("Unable to decrypt the ciphertext") unless that key provider is
 * restored at the destination (Broadcom KB 378053, KB 386333). An error when a site names no
 * `key_provider`; a warning when the two names differ (the keys must be the same).
 */
import type { Finding } from '../findings';
import { purposeOf } from '../model';
import { vmMoves } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

export const keyProvider: Rule = {
  code: 'RB234',
  title: 'Encrypted or vTPM VM without a key provider at both ends',
  source: 'docs/sources.md 1.8: vSphere 8.0 Security GUID-C0AF1F3A (vTPM needs a key provider) and GUID-6865D84A (encrypted vMotion across vCenters); Broadcom KB 378053 and KB 386333 (restore the Native Key Provider at the destination)',
  check({ model, options }) {
    const findings: Finding[] = [];
    const purpose = purposeOf(model);
    for (const move of vmMoves(model, options)) {
      const feature = move.vm.features.find((f) => f.value === 'vtpm' || f.value === 'encrypted');
      if (!feature) continue;
      const what = feature.value === 'vtpm' ? 'has a vTPM' : 'is encrypted';
      const missing = [move.source, move.destination].filter((s) => !s.keyProvider);
      if (missing.length > 0) {
        findings.push({
          code: 'RB234',
          severity: severityOf('RB234', purpose),
          message: `VM '${move.vm.id}' ${what}, so both ends need a key provider with its keys; ${missing.map((s) => `site ${s.id}`).join(' and ')} ${missing.length > 1 ? 'name' : 'names'} none. Set key_provider on both sites (restore the source's Native Key Provider at the destination, KB 378053), or the migration fails to decrypt the VM.`,
          span: feature.span,
        });
        continue;
      }
      const a = move.source.keyProvider;
      const b = move.destination.keyProvider;
      if (a && b && a.value !== b.value) {
        findings.push({
          code: 'RB234',
          severity: severityOf('RB234/different', purpose),
          message: `VM '${move.vm.id}' ${what}: its keys come from '${a.value}' at ${move.source.id}, and ${move.destination.id} uses '${b.value}'. The destination must hold the same keys (the same KMS, or the source's Native Key Provider restored, KB 378053); check before the window.`,
          span: feature.span,
          related: [{ span: b.span, message: `key provider at ${move.destination.id}` }],
        });
      }
    }
    return findings;
  },
};
