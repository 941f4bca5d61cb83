/**
 * Severity policy: the one place that decides how serious each rule's finding is, by the plan's
 * purpose (docs/sources.md section 0: a planned move runs inside maintenance windows, disaster avoidance
 * runs against a deadline, load balancing has neither hard bound).
 *
 * - Supportability limits (RTT, 250 Mbps per vMotion, the 100 s switchover failure, cross-vCenter
 *   requirements, synchronous replication beyond metro RTT) are errors whatever the purpose:
 *   VMware does not support the migration at all.
 * - A wave overrunning its window is an error for a planned move (the window is the contract) and a
 *   warning otherwise; disaster avoidance gets its error from the deadline instead (RB212).
 * - Ending after the deadline is an error for disaster avoidance, a warning for the other purposes.
 * - Reference errors are errors: the plan cannot be read as intended.
 */
import type { Severity } from '../../findings';
import type { Purpose } from '../../model';

type ByPurpose = Readonly<Record<Purpose, Severity>>;

function all(severity: Severity): ByPurpose {
  return { 'planned-move': severity, 'disaster-avoidance': severity, 'load-balancing': severity };
}

export const SEVERITY_POLICY: Readonly<Record<string, ByPurpose>> = {
  RB101: all('error'),
  RB102: all('error'),
  RB103: all('error'),
  RB104: all('error'),
  RB105: all('warning'),
  RB106: all('warning'),
  RB107: all('error'),
  RB108: all('error'),
  // Steps (RB120-RB128): broken references and a step that can never start are errors; an
  // incomplete step (no command, no pass criterion, no owner) or a stale drop_steps is a warning.
  RB120: all('error'),
  RB121: all('error'),
  RB122: all('error'),
  RB123: all('error'),
  RB124: all('warning'),
  RB125: all('warning'),
  RB126: all('error'),
  RB127: all('warning'),
  RB128: all('warning'),
  RB201: all('error'),
  RB202: all('error'),
  // SDPS throttles the guest until pre-copy converges (docs/sources.md 1.6): slow, not failed...
  RB203: all('warning'),
  // ...except on vSphere 4.x, which has no SDPS (it arrived in 5.0): the migration cannot finish.
  'RB203/no-sdps': all('error'),
  RB204: all('warning'),
  RB205: all('error'),
  RB206: { 'planned-move': 'error', 'disaster-avoidance': 'warning', 'load-balancing': 'warning' },
  // vCenter queues migrations over the limit, it does not reject them (docs/sources.md 1.4): the
  // estimate is optimistic, the plan is not unsupported.
  RB207: all('warning'),
  // A reference design, not a product limit (docs/sources.md 5.1).
  RB208: all('warning'),
  RB209: all('error'),
  // Practitioner guidance (IBM, docs/sources.md 4.1), not a VMware limit.
  RB210: all('warning'),
  RB211: all('error'),
  RB212: { 'planned-move': 'warning', 'disaster-avoidance': 'error', 'load-balancing': 'warning' },
  RB213: all('information'),
  // No date to start from: durations only. With a deadline the check the plan exists for cannot run.
  RB214: all('warning'),
  'RB214/deadline': all('error'),
  RB215: all('warning'),
  // vSphere Replication's range; other products (Zerto) differ, unless HCX (which uses VR) replicates.
  RB216: all('warning'),
  'RB216/vsphere-replication': all('error'),
  RB217: all('error'),
  RB218: all('error'),
  // Eligibility: VMware does not support (or cannot perform) the move as planned.
  RB230: all('error'),
  RB231: all('error'),
  // The source cannot run the VM's version: one value is wrong; rollback would fail.
  'RB231/source': all('warning'),
  RB232: all('error'),
  RB233: all('error'),
  RB234: all('error'),
  // Two names for the key providers: the same keys may still be there; check.
  'RB234/different': all('warning'),
  // HCX support limits (docs/sources.md 5.2): unsupported below them.
  RB240: all('error'),
  RB241: all('error'),
  RB242: all('error'),
  // Only the worst case overruns: a risk, not a broken window (the best case is RB206's).
  RB220: { 'planned-move': 'warning', 'disaster-avoidance': 'information', 'load-balancing': 'warning' },
  // No back-out time left in the window; disaster avoidance rarely goes back to the threatened site.
  RB221: { 'planned-move': 'warning', 'disaster-avoidance': 'information', 'load-balancing': 'warning' },
  RB222: { 'planned-move': 'error', 'disaster-avoidance': 'warning', 'load-balancing': 'warning' },
  RB012: all('error'),
  // The range is open: the plan's times are not a bound until the size is known.
  RB250: all('warning'),
  // A fact about the hosts, already in the estimate.
  RB251: all('information'),
  // The estimate is optimistic where waves overlap on a link, not the plan unsupported.
  RB252: all('warning'),
  RB301: all('information'),
  RB302: all('information'),
  RB303: all('information'),
  RB410: all('warning'),
  RB420: all('information'),
  RB421: all('warning'),
};

/** `key` is a code (`RB206`) or a code with a variant (`RB203/no-sdps`). */
export function severityOf(key: string, purpose: Purpose): Severity {
  const policy = SEVERITY_POLICY[key];
  if (!policy) throw new Error(`severity policy has no entry for ${key}`);
  return policy[purpose];
}
