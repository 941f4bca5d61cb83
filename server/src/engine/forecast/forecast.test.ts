import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { analyze } from '../analyze';
import { forecastPlan, type WaveForecast } from './forecast';
import type { ActualMigration, ActualStep, Actuals, MeasuredStatus } from '../../../../shared/src/measured';
import type { PlanSchedule } from '../estimate/types';

const ROOT = join(__dirname, '../../../../..');
const sample = readFileSync(join(ROOT, 'samples/night/night.runbook.yaml'), 'utf8');
const NOW = Date.parse('2026-12-02T23:20:00-06:00');

/** The sample's actuals, read plainly (the file format is the readers' parseActuals; this only needs the values). */
function sampleActuals(): Actuals {
  const doc = parse(readFileSync(join(ROOT, 'samples/night/night.actuals.yaml'), 'utf8')) as { migrations: Record<string, string>[]; steps: Record<string, string>[] };
  return {
    migrations: doc.migrations.map((m): ActualMigration => ({ vm: m.vm, startEpochMs: Date.parse(m.start), endEpochMs: m.end ? Date.parse(m.end) : undefined, status: m.status as MeasuredStatus })),
    steps: doc.steps.map((s): ActualStep => ({ wave: s.wave, step: s.step, startEpochMs: s.start ? Date.parse(s.start) : undefined, endEpochMs: s.end ? Date.parse(s.end) : undefined })),
  };
}

/** Actuals that are exactly the plan up to `now`: finished before now, running across it, nothing after. */
function actualsAsPlanned(schedule: PlanSchedule, now: number): Actuals {
  const migrations: ActualMigration[] = [];
  const steps: ActualStep[] = [];
  for (const w of schedule.waves) {
    for (const v of w.vms) {
      if (v.startEpochMs > now) continue;
      migrations.push(v.endEpochMs <= now
        ? { vm: v.vmId, startEpochMs: v.startEpochMs, endEpochMs: v.endEpochMs, status: 'succeeded' }
        : { vm: v.vmId, startEpochMs: v.startEpochMs, status: 'running' });
    }
    for (const s of w.steps ?? []) {
      if (s.bestStartEpochMs > now) continue;
      steps.push({ wave: w.name, step: s.stepId, startEpochMs: s.bestStartEpochMs, endEpochMs: s.bestEndEpochMs <= now ? s.bestEndEpochMs : undefined });
    }
  }
  return { migrations, steps };
}

test('no actuals: no forecast, and no RB420', () => {
  const a = analyze(sample, { nowEpochMs: NOW });
  assert.equal(a.forecast, undefined);
  assert.equal(forecastPlan(a.estimate.schedule, { migrations: [], steps: [] }, NOW), undefined);
  assert.ok(!a.findings.some((f) => f.code === 'RB420'));
});

test('actuals equal to the plan change nothing, whenever now is', () => {
  const schedule = analyze(sample).estimate.schedule;
  const wave2 = schedule.waves[1];
  const points = [wave2.startEpochMs + 1, wave2.vms[0].endEpochMs - 1, wave2.vms[3].startEpochMs + 60_000, wave2.vms[7].endEpochMs + 1, wave2.endEpochMs + 1];
  for (const now of points) {
    const f = forecastPlan(schedule, actualsAsPlanned(schedule, now), now);
    assert.ok(f);
    for (const [i, w] of schedule.waves.entries()) {
      const fw: WaveForecast = f.waves[i];
      assert.equal(fw.forecastEndEpochMs, w.endEpochMs, `wave ${w.name} end at now=${new Date(now).toISOString()}`);
      assert.equal(fw.overrunSeconds, w.overrunSeconds);
      for (const v of w.vms) {
        const fv = fw.vms.find((x) => x.vmId === v.vmId);
        assert.ok(fv);
        assert.equal(fv.startEpochMs, v.startEpochMs, `${v.vmId} start`);
        assert.equal(fv.endEpochMs, v.endEpochMs, `${v.vmId} end`);
      }
      if (fw.pacedMoves > 0) assert.ok(Math.abs(fw.pace - 1) < 1e-9);
      assert.equal(fw.decideByEpochMs, w.rollback?.pointOfNoReturnEpochMs, `wave ${w.name} point of no return`);
    }
  }
});

test('the sample: wave 2 runs ~14 % slow, keeps the failed move with its retry, overruns its window, and says when to decide', () => {
  const a = analyze(sample, { nowEpochMs: NOW, actuals: sampleActuals() });
  assert.ok(a.forecast);
  const [pilot, wave2] = a.forecast.waves;
  assert.equal(pilot.finished, true);
  assert.equal(a.forecast.runningWaveIndex, 1);
  assert.deepEqual(wave2.counts, { done: 5, failed: 1, running: 2, waiting: 0 });
  assert.equal(wave2.paceSource, 'this-wave');
  assert.ok(wave2.pace > 1.1 && wave2.pace < 1.2, `pace ${wave2.pace}`);
  // A running move ends at its start + planned x pace; the failed one's retry takes the next free slot.
  const db1 = wave2.vms.find((v) => v.vmId === 'db-01');
  const app2 = wave2.vms.find((v) => v.vmId === 'app-02');
  assert.ok(db1 && app2);
  assert.equal(db1.endEpochMs, db1.startEpochMs + (db1.plannedEndEpochMs - db1.plannedStartEpochMs) * wave2.pace);
  assert.equal(app2.progress, 'failed');
  assert.equal(app2.retryStartEpochMs, db1.endEpochMs);
  assert.ok(wave2.forecastEndEpochMs > (wave2.windowEndEpochMs as number), 'forecast overruns the window');
  assert.ok((wave2.decideByEpochMs as number) > NOW, 'the decision is still ahead');
  const rb420 = a.findings.filter((f) => f.code === 'RB420');
  assert.equal(rb420.length, 2);
  assert.equal(rb420[0].severity, 'information');
  assert.equal(rb420[0].message, "Wave 'pilot' is done: 2 of 2 VMs moved; it ended at 22:58, inside the window (02:00 (+1d)).");
  assert.equal(rb420[1].severity, 'warning');
  assert.match(rb420[1].message, /^Wave 'wave-2': forecast end 00:5\d \(\+1d\) overruns the window \(00:45 \(\+1d\)\) by 1\d min: running 1\d % slower than planned \(5 finished moves\); 5 of 8 VMs moved, 2 running, 1 failed \(app-02; its retry is in the forecast\)\. Decide on a rollback by 23:\d\d\.$/);
});

test('a long before step shifts the migrations after it', () => {
  const schedule = analyze(sample).estimate.schedule;
  const wave2 = schedule.waves[1];
  const freeze = (wave2.steps ?? []).find((s) => s.stepId === 'freeze-announced');
  assert.ok(freeze);
  const late = 25 * 60_000;
  const now = freeze.bestEndEpochMs + late;
  const actuals: Actuals = { migrations: [], steps: [{ wave: 'wave-2', step: 'freeze-announced', startEpochMs: freeze.bestStartEpochMs, endEpochMs: now }] };
  const f = forecastPlan(schedule, actuals, now);
  assert.ok(f);
  const fw = f.waves[1];
  for (const v of wave2.vms) assert.equal(fw.vms.find((x) => x.vmId === v.vmId)?.startEpochMs, v.startEpochMs + late, v.vmId);
  assert.equal(fw.forecastEndEpochMs, wave2.endEpochMs + late);
  assert.equal(fw.paceSource, 'plan', 'no move finished anywhere: the plan\'s pace');
});

test('a faster pace brings the forecast end in; moves of unknown VMs are listed, not used', () => {
  const schedule = analyze(sample).estimate.schedule;
  const wave2 = schedule.waves[1];
  const [db1, db2] = wave2.vms;
  const half = (v: typeof db1): number => v.startEpochMs + (v.endEpochMs - v.startEpochMs) / 2;
  const now = half(db1) + 1000;
  const actuals: Actuals = {
    migrations: [
      { vm: db1.vmId, startEpochMs: db1.startEpochMs, endEpochMs: half(db1), status: 'succeeded' },
      { vm: db2.vmId, startEpochMs: db2.startEpochMs, endEpochMs: half(db2), status: 'succeeded' },
      { vm: 'db-99', startEpochMs: db1.startEpochMs, endEpochMs: half(db1), status: 'succeeded' },
    ],
    steps: [{ wave: 'wave-2', step: 'freeze-announced', startEpochMs: wave2.startEpochMs, endEpochMs: db1.startEpochMs }],
  };
  const f = forecastPlan(schedule, actuals, now);
  assert.ok(f);
  assert.ok(Math.abs(f.waves[1].pace - 0.5) < 1e-9);
  assert.ok(f.waves[1].forecastEndEpochMs < wave2.endEpochMs);
  assert.deepEqual(f.unmatched, ["migration of 'db-99' (not a VM of any wave)"]);
});
