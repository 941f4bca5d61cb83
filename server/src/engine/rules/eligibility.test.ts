import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cpuCompatibility } from './cpuCompatibility';
import { hardwareVersion } from './hardwareVersion';
import { liveMigrationBlocker } from './liveMigrationBlocker';
import { vgpuVersion } from './vgpuVersion';
import { keyProvider } from './keyProvider';
import { run, spanOf } from '../../../../test/support/rules';

const plan = (opts: { src?: string; dst?: string; vm: string; storage?: string; method?: string }): string => `sites:
  src: { vsphere: "7.0 U3", ${opts.src ?? ''} }
  dst: { vsphere: "6.7", ${opts.dst ?? ''} }
links:
  ab: { from: src, to: dst }
storage: { strategy: ${opts.storage ?? 'storage-vmotion'} }
vms:
  v1: { memory: 8 GiB, ${opts.vm} }
waves:
  - { link: ab, ${opts.method ? `method: ${opts.method}, ` : ''}vms: [v1] }
`;

test('RB231: a hardware version the destination cannot run stops the migration (7.0 U3 -> 6.7, vmx-19)', () => {
  const text = plan({ vm: 'hardware_version: vmx-19' });
  const [f, ...rest] = run(hardwareVersion, text);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, 'vmx-19'));
  assert.equal(f.message, "VM 'v1' (hardware version 19) cannot run at site dst: vSphere 6.7 runs hardware versions up to 14 (KB 2007240), so the migration fails. Upgrade the destination to 7.0 U2 or later, or move the VM elsewhere (hardware versions cannot be lowered in place).");
  assert.deepEqual(run(hardwareVersion, plan({ vm: 'hardware_version: 14' })), []);
});

test('RB231 warns when the source cannot run the version either (rollback would fail; one value is wrong)', () => {
  const text = plan({ vm: 'hardware_version: 20' });
  const findings = run(hardwareVersion, text);
  assert.deepEqual(findings.map((f) => f.severity), ['error', 'warning']);
  assert.match(findings[1].message, /cannot run at its source site src \(vSphere 7\.0 U3 runs up to 19, KB 2007240\): a rollback there would fail/);
});

test('RB230: a VM on Cascade Lake features cannot move live to a Skylake baseline, nor Intel to AMD; cold can', () => {
  const text = plan({ dst: 'evc: intel-skylake', vm: 'evc: intel-cascadelake' });
  const [f] = run(cpuCompatibility, text);
  assert.equal(f.severity, 'error');
  assert.deepEqual(f.span, spanOf(text, 'intel-cascadelake'));
  assert.match(f.message, /^VM 'v1' cannot move live to site dst: it uses the CPU features of intel-cascadelake, newer than the intel-skylake baseline of site dst/);
  const [amd] = run(cpuCompatibility, plan({ src: 'evc: intel-broadwell', dst: 'evc: amd-zen2', vm: '' }));
  assert.match(amd.message, /a running VM never moves live between vendors/);
  assert.deepEqual(run(cpuCompatibility, plan({ dst: 'evc: intel-icelake', vm: 'evc: intel-cascadelake' })), []);
  assert.deepEqual(run(cpuCompatibility, plan({ dst: 'evc: intel-skylake', vm: 'evc: intel-cascadelake', method: 'cold' })), []);
});

test('RB232: passthrough, SR-IOV, shared-bus SCSI and a local ISO block a live move; FT and physical RDM when the disks move', () => {
  const text = plan({ vm: 'features: [passthrough, sr-iov, shared-bus-scsi, local-iso, fault-tolerance, rdm-physical]' });
  const findings = run(liveMigrationBlocker, text);
  assert.deepEqual(findings.map((f) => text.slice(f.span.start, f.span.end)), ['passthrough', 'sr-iov', 'shared-bus-scsi', 'local-iso', 'fault-tolerance', 'rdm-physical']);
  assert.ok(findings.every((f) => f.severity === 'error'));
  assert.match(findings[0].message, /^VM 'v1' cannot move as planned \(vmotion, disks by storage-vmotion\): a PCI passthrough \(DirectPath I\/O\) device stays with its host/);
  // Shared storage: FT and the RDM are fine; cold: nothing blocks.
  assert.deepEqual(run(liveMigrationBlocker, plan({ vm: 'features: [fault-tolerance, rdm-physical]', storage: 'shared' })), []);
  assert.deepEqual(run(liveMigrationBlocker, plan({ vm: 'features: [passthrough, sr-iov]', method: 'cold' })), []);
});

test('RB233: vGPU vMotion needs 6.7 U1 at both ends', () => {
  const text = plan({ vm: 'features: [vgpu]' }).replace('vsphere: "6.7"', 'vsphere: "6.5"');
  const [f] = run(vgpuVersion, text);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /^VM 'v1' has a vGPU and cannot be vMotioned: vGPU vMotion needs vSphere 6\.7 Update 1 or later at both ends, and site dst runs 6\.5/);
  assert.deepEqual(run(vgpuVersion, plan({ vm: 'features: [vgpu]' }).replace('vsphere: "6.7"', 'vsphere: "6.7 U1"')), []);
});

test('RB234: a vTPM or encrypted VM needs a key provider at both ends', () => {
  const text = plan({ src: 'key_provider: nkp-east', vm: 'features: [vtpm]' });
  const [f] = run(keyProvider, text);
  assert.equal(f.severity, 'error');
  assert.match(f.message, /^VM 'v1' has a vTPM, so both ends need a key provider with its keys; site dst names none/);
  const [w] = run(keyProvider, plan({ src: 'key_provider: nkp-east', dst: 'key_provider: nkp-west', vm: 'features: [encrypted]' }));
  assert.equal(w.severity, 'warning');
  assert.deepEqual(run(keyProvider, plan({ src: 'key_provider: kms', dst: 'key_provider: kms', vm: 'features: [vtpm]' })), []);
});
