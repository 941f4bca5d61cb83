/**
 * RB207: a wave's concurrency above what vCenter runs at once (docs/sources.md 1.4, vsphere.ts
 * concurrencyLimits): per host (8 vMotion, 2 Storage/shared-nothing vMotion), per host network
 * (4 on 1 GbE, 8 on 10 GbE vMotion NICs), per datastore (128 vMotion, 8 Storage vMotion). `hosts`
 * and `datastores` on the wave multiply the per-host and per-datastore limits; without them the
 * VMs' distinct `host`/`datastore` values count, else one of each is assumed (and said so).
 * vCenter queues the excess rather than failing it, so the estimate is optimistic.
 */
import type { Finding } from '../findings';
import { purposeOf, storageStrategyOf, type RunbookModel, type Wave } from '../model';
import { formatBitRate } from '../../../../shared/src/units/quantity';
import { concurrencyLimits } from '../vsphere';
import { waveLabel } from './support/lookup';
import type { Rule } from './support/rule';
import { severityOf } from './support/severity';

interface Count {
  readonly value: number;
  readonly how: string;
}

function countOf(wave: Wave, model: RunbookModel, kind: 'hosts' | 'datastores'): Count {
  const given = wave[kind];
  if (given && given.value >= 1) return { value: Math.floor(given.value), how: `${kind}: ${given.value}` };
  const distinct = new Set<string>();
  for (const ref of wave.vms) {
    const vm = model.vms.get(ref.value);
    const value = kind === 'hosts' ? vm?.host?.value : vm?.datastore?.value;
    if (value !== undefined) distinct.add(value);
  }
  if (distinct.size > 0) return { value: distinct.size, how: `${distinct.size} distinct ${kind === 'hosts' ? 'host' : 'datastore'}${distinct.size === 1 ? '' : 's'} in its VMs` };
  return { value: 1, how: `1 ${kind === 'hosts' ? 'host' : 'datastore'} assumed (set '${kind}:' on the wave if it spans more)` };
}

export const concurrencyLimit: Rule = {
  code: 'RB207',
  title: 'Concurrency over vSphere limits',
  source: 'docs/sources.md 1.4: vSphere 6.5/6.7 "Limits on Simultaneous Migrations" (GUID-25EA5833) and Broadcom KB 326281',
  check({ model }) {
    const findings: Finding[] = [];
    const severity = severityOf('RB207', purposeOf(model));
    for (const wave of model.waves) {
      const concurrency = wave.concurrency;
      if (!concurrency || concurrency.value <= 1) continue;
      const storageVmotion = wave.vms.some((ref) => {
        const vm = model.vms.get(ref.value);
        return vm !== undefined && storageStrategyOf(model, vm) === 'storage-vmotion';
      });
      const hosts = countOf(wave, model, 'hosts');
      const datastores = countOf(wave, model, 'datastores');
      const link = wave.link ? model.links.get(wave.link.value) : undefined;
      const nics = [link?.from, link?.to]
        .map((id) => (id ? model.sites.get(id.value)?.vmotionNicBytesPerSecond?.value : undefined))
        .filter((n): n is number => n !== undefined);
      const slowestNic = nics.length > 0 ? Math.min(...nics) : undefined;
      const limits = concurrencyLimits(slowestNic ?? 0);
      const kind = storageVmotion ? 'Storage vMotion' : 'vMotion';
      const candidates: { limit: number; why: string }[] = [
        storageVmotion
          ? { limit: limits.storageVmotionPerHost * hosts.value, why: `${limits.storageVmotionPerHost} Storage vMotions per host x ${hosts.how}` }
          : { limit: limits.vmotionPerHost * hosts.value, why: `${limits.vmotionPerHost} vMotions per host x ${hosts.how}` },
        storageVmotion
          ? { limit: limits.storageVmotionPerDatastore * datastores.value, why: `${limits.storageVmotionPerDatastore} Storage vMotions per datastore x ${datastores.how}` }
          : { limit: limits.vmotionPerDatastore * datastores.value, why: `${limits.vmotionPerDatastore} vMotions per datastore x ${datastores.how}` },
      ];
      // Every migration here crosses the vMotion network (shared-nothing counts 1 too, docs/sources.md 1.4).
      if (slowestNic !== undefined) {
        candidates.push({ limit: limits.vmotionPerHostNetwork * hosts.value, why: `${limits.vmotionPerHostNetwork} per host on ${formatBitRate(slowestNic)} vMotion NICs x ${hosts.how}` });
      }
      const binding = candidates.reduce((a, b) => (b.limit < a.limit ? b : a));
      if (concurrency.value <= binding.limit) continue;
      findings.push({
        code: 'RB207',
        severity,
        // The finding first, the derivation of the limit last.
        message: `Concurrency ${concurrency.value} exceeds vCenter's ${kind} limit of ${binding.limit} in ${waveLabel(wave)}: vCenter queues the rest, so the wave takes longer than estimated. Set concurrency to ${binding.limit} or spread the wave over more hosts/datastores. (Limit: ${binding.why})`,
        span: concurrency.span,
        fix: { fix: 'set-concurrency', waveIndex: wave.index, concurrency: binding.limit },
      });
    }
    return findings;
  },
};
