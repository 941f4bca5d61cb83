/** Runbooks for the timeline tests and their `runbook/whatIf` results, made by the real engine. */
import { analyze } from '../../server/src/engine/analyze';
import { computeWhatIf } from '../../server/src/service/whatIf';
import type { WhatIfOverrides, WhatIfResult } from '../../shared/src/protocol';
import type { UpdateMessage } from '../../shared/src/messages';
import { yamlQuoted } from '../hostile/strings';

export const PLAN_URI = 'file:///work/plan.runbook.yaml';

/** Two waves: the first overruns its window, with a dependency chain; the second fits and seeds replicas. */
export const PLAN = `runbook: 1
name: Timeline test plan
sites:
  a: { name: Site A, vsphere: "7.0", vcenter: vc1 }
  b: { name: Site B, vsphere: "7.0", vcenter: vc1 }
links:
  ab:
    from: a
    to: b
    bandwidth: 1 Gbps
    rtt: 4 ms
storage:
  strategy: storage-vmotion
vms:
  db01: { name: orders-db, memory: 64 GiB, dirty_rate: 40 MB/s, disk: 400 GiB }
  app01: { name: orders-app, memory: 16 GiB, disk: 100 GiB, depends_on: [db01] }
  app02: { name: orders-app-2, memory: 16 GiB, disk: 100 GiB, depends_on: [db01] }
  web01: { memory: 8 GiB, disk: 60 GiB, depends_on: [app01] }
  rep01: { memory: 8 GiB, disk: 500 GiB, storage: replication-async }
  rep02: { memory: 8 GiB, disk: 20 GiB, storage: shared }
waves:
  - name: Orders
    link: ab
    window: { start: "2027-03-06T22:00:00-05:00", duration: 2h }
    concurrency: 2
    vms: [db01, app01, app02, web01]
  - name: Replicated
    link: ab
    window: { start: "2027-03-07T22:00:00-05:00", duration: 4h }
    vms: [rep01, rep02]
`;

export function whatIfOf(text: string, version = 1, overrides: WhatIfOverrides = {}, uri = PLAN_URI): WhatIfResult {
  return computeWhatIf(uri, version, analyze(text), overrides);
}

export function updateOf(result: WhatIfResult, requestId = 0, fileName = 'plan.runbook.yaml'): UpdateMessage {
  return { type: 'update', uri: result.uri, version: result.version, requestId, fileName, locked: false, result };
}

/** Every hostile string as a VM name, a wave name and the plan name (ids must stay ids). */
export function hostilePlan(strings: readonly string[]): string {
  const vms = strings.map((s, i) => `  h${i}:\n    name: ${yamlQuoted(s)}\n    memory: 4 GiB\n    disk: 20 GiB`).join('\n');
  const waves = strings.map((s, i) => `  - name: ${yamlQuoted(s)}\n    link: ab\n    window: { start: "2027-03-0${1 + (i % 9)}T22:00:00Z", duration: 1h }\n    vms: [h${i}]`).join('\n');
  return `runbook: 1
name: ${yamlQuoted(strings.join(' '))}
sites:
  a: { vsphere: "7.0", vcenter: vc1 }
  b: { vsphere: "7.0", vcenter: vc1 }
links:
  ab: { from: a, to: b, bandwidth: 10 Gbps, rtt: 2 ms }
vms:
${vms}
waves:
${waves}
`;
}

/** Hostile ids too: VM ids are keys, and a key may hold anything quoted. */
export const HOSTILE_ID = '<img src=x onerror=alert(1)>';
export function hostileIdPlan(): string {
  return `runbook: 1
name: "</script><script>alert(1)</script>"
sites:
  a: { vsphere: "7.0", vcenter: vc1 }
  b: { vsphere: "7.0", vcenter: vc1 }
links:
  ab: { from: a, to: b, bandwidth: 10 Gbps, rtt: 2 ms }
vms:
  ${yamlQuoted(HOSTILE_ID)}: { name: "**bold** [x](javascript:alert(1))", memory: 4 GiB, disk: 20 GiB }
  "</script><script>alert(1)</script>": { memory: 4 GiB, disk: 10 GiB, depends_on: [${yamlQuoted(HOSTILE_ID)}] }
waves:
  - name: "<img src=x onerror=alert(1)>"
    link: ab
    window: { start: "2027-03-01T22:00:00Z", duration: 1h }
    vms: [${yamlQuoted(HOSTILE_ID)}, "</script><script>alert(1)</script>"]
`;
}

/** PLAN with steps on the Orders wave: a fixed-length freeze before, a ranged check and a hostile-titled step after. */
export const STEP_PLAN = PLAN.replace(`    concurrency: 2
    vms: [db01, app01, app02, web01]
`, `    concurrency: 2
    vms: [db01, app01, app02, web01]
    before:
      - id: freeze
        title: Application freeze
        duration: 10 min
        owner: app-team
        kind: manual
    after:
      - id: smoke
        title: Smoke tests
        duration: 10-40 min
        owner: qa
        kind: check
      - id: hostile
        title: ${yamlQuoted('<img src=x onerror=alert(1)></script><b>bold</b>')}
        duration: 5 min
        owner: ${yamlQuoted('<script>alert(2)</script>')}
        kind: script
    rollback:
      - id: restore-dns
        title: Restore DNS
        duration: 15 min
        owner: network
        kind: manual
`);
