/**
 * Generates realistic runbooks of N VMs (about 50 VMs a wave, depends_on edges, fixed seed) for
 * benchmarks and scale tests. `injectErrors` adds ~20 findings of different kinds.
 */

/** Mulberry32: small, fast, deterministic. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenerateOptions {
  readonly vms: number;
  readonly seed?: number;
  readonly vmsPerWave?: number;
  readonly injectErrors?: boolean;
}

export function generateRunbook(options: GenerateOptions): string {
  const random = seededRandom(options.seed ?? 42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const perWave = options.vmsPerWave ?? 50;
  const lines: string[] = [];
  const push = (s: string) => lines.push(s);
  push('# Generated benchmark runbook: do not edit by hand.');
  push('runbook: 1');
  push(`name: Generated estate of ${options.vms} VMs`);
  push('purpose: planned-move');
  push('defaults:');
  push('  vsphere: "7.0"');
  push('  workload: light');
  push('sites:');
  push('  src:');
  push('    name: Source DC');
  push('    vsphere: "7.0"');
  push('    vcenter: vc01.src.example.com');
  push('  dst:');
  push('    name: Target DC');
  push('    vsphere: "7.0"');
  push('    vcenter: vc01.dst.example.com');
  push('links:');
  push('  src-dst:');
  push('    from: src');
  push('    to: dst');
  push('    bandwidth: 10 Gbps');
  push('    distance: 400 km');
  push('    transport: tcp');
  push('storage:');
  push('  strategy: replication-async');
  push('  rpo: 15 min');
  push('network:');
  push('  strategy: l2-extension');
  push('vms:');
  const ids: string[] = [];
  for (let i = 0; i < options.vms; i++) {
    const id = `vm${String(i).padStart(5, '0')}`;
    ids.push(id);
    push(`  ${id}:`);
    push(`    name: ${pick(['web', 'app', 'db', 'cache', 'batch'])}-${i}`);
    push(`    memory: ${pick([4, 8, 16, 32, 64])} GiB`);
    if (random() < 0.5) push(`    dirty_rate: ${Math.round(1 + random() * 80)} MB/s`);
    else push(`    workload: ${pick(['idle', 'light', 'moderate'])}`);
    push(`    disk: { provisioned: ${pick([40, 80, 200, 500])} GiB, used: ${Math.round(10 + random() * 30)} GiB }`);
    push(`    disk_change_rate: ${Math.round(1 + random() * 5)} MB/s`);
    if (i % perWave > 0 && random() < 0.3) push(`    depends_on: [${ids[i - 1 - Math.floor(random() * Math.min(5, i % perWave))]}]`);
  }
  push('waves:');
  const start = Date.UTC(2027, 0, 8, 2, 0, 0);
  for (let w = 0; w * perWave < ids.length; w++) {
    const members = ids.slice(w * perWave, (w + 1) * perWave);
    const day = new Date(start + w * 86_400_000).toISOString().replace('.000Z', 'Z');
    push(`  - name: Wave ${w + 1}`);
    push('    link: src-dst');
    push(`    window: { start: "${day}", duration: 8h }`);
    push('    concurrency: 4');
    push(`    vms: [${members.join(', ')}]`);
  }
  let text = lines.join('\n') + '\n';
  if (options.injectErrors) text = injectErrors(text, random);
  return text;
}

/** About 20 errors of several kinds at random places (unit typos, unknown ids, bad enums). */
function injectErrors(text: string, random: () => number): string {
  const lines = text.split('\n');
  const memoryLines = lines.map((l, i) => (/^    memory: /.test(l) ? i : -1)).filter((i) => i >= 0);
  const itemLines = lines.map((l, i) => (/^    vms: \[/.test(l) ? i : -1)).filter((i) => i >= 0);
  for (let k = 0; k < 8; k++) {
    const i = memoryLines[Math.floor(random() * memoryLines.length)];
    lines[i] = lines[i].replace('GiB', 'Gib');
  }
  for (let k = 0; k < 6; k++) {
    const i = itemLines[Math.floor(random() * itemLines.length)];
    lines[i] = lines[i].replace('[', `[missing${k}, `);
  }
  for (let k = 0; k < 6; k++) {
    const i = memoryLines[Math.floor(random() * memoryLines.length)];
    lines.splice(i + 1, 0, '    workload: frantic');
  }
  return lines.join('\n');
}
