/**
 * Warm-up at server start: compiles the schema validator and runs the whole pipeline (a full and an
 * incremental analysis) on a small made-up runbook, so the first document a user opens does not
 * pay for JIT compilation and the ajv compile (about a second on a loaded 2-core machine).
 */
import { analyze, reanalyze } from '../engine/analyze';

function sampleRunbook(vms: number): string {
  const lines = [
    'runbook: 1',
    'name: warm-up',
    'sites:',
    '  a: { name: A, vsphere: "7.0" }',
    '  b: { name: B, vsphere: "8.0" }',
    'links:',
    '  a-b:',
    '    from: a',
    '    to: b',
    '    bandwidth: 10 Gbps',
    '    distance: 400 km',
    'storage:',
    '  strategy: replication-async',
    '  rpo: 15 min',
    'network:',
    '  strategy: l2-extension',
    'vms:',
  ];
  for (let i = 0; i < vms; i++) {
    lines.push(`  vm${i}:`, `    memory: ${8 + (i % 4) * 8} GiB`, i % 2 ? '    dirty_rate: 20 MB/s' : '    workload: light',
      `    disk: { provisioned: 200 GiB, used: ${20 + i} GiB }`, '    disk_change_rate: 2 MB/s');
    if (i % 5 > 0) lines.push(`    depends_on: [vm${i - 1}]`);
  }
  lines.push('waves:');
  for (let w = 0; w * 20 < vms; w++) {
    const ids = Array.from({ length: Math.min(20, vms - w * 20) }, (_, k) => `vm${w * 20 + k}`);
    lines.push(`  - name: Wave ${w + 1}`, '    link: a-b', `    window: { start: "2030-01-0${1 + (w % 9)}T02:00:00Z", duration: 8h }`, '    concurrency: 4', `    vms: [${ids.join(', ')}, missing]`);
  }
  return lines.join('\n') + '\n';
}

/** Never throws: a failed warm-up only means a slower first analysis. */
export function warmUp(): void {
  try {
    const text = sampleRunbook(120);
    let analysis = analyze(text);
    for (let k = 0; k < 3; k++) {
      const at = text.indexOf('memory: ', text.indexOf(`  vm${50 + k * 40}:`));
      const edited = `${text.slice(0, at)}memory: ${100 + k} GiB${text.slice(text.indexOf('\n', at))}`;
      analysis = reanalyze(analysis, edited);
    }
  } catch {
    // ignore
  }
}
