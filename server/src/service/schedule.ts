/**
 * The plan's schedule for editor features: the `runbook/schedule` result for the timeline, and the
 * short duration-against-window texts that inlay hints, code lenses and hovers share.
 */
import type { ScheduleResult, TimelineStep, TimelineVm, TimelineWave } from '../../../shared/src/protocol';
import type { Analysis } from '../engine/analyze';
import type { WaveSchedule } from '../engine/estimate/types';
import { formatDuration } from '../../../shared/src/units/quantity';
import { vmProblems } from './vmProblems';

/** The `runbook/schedule` result: engine spans become 0-based lines for "reveal in editor". */
export function buildScheduleResult(uri: string, version: number, analysis: Analysis): ScheduleResult {
  const { model, estimate, lineIndex } = analysis;
  const schedule = estimate.schedule;
  const critical = new Set(schedule.criticalPath);
  let errors = 0;
  let warnings = 0;
  for (const f of analysis.findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
  }
  const forecast = analysis.forecast;
  const waveForecasts = new Map((forecast?.waves ?? []).map((f) => [f.index, f]));
  const vmForecasts = new Map((forecast?.waves ?? []).flatMap((f) => f.vms.map((v) => [v.vmId, v] as const)));
  const stepForecasts = new Map((forecast?.waves ?? []).flatMap((f) => f.steps.map((st) => [`${f.index}\u0000${st.phase}\u0000${st.stepId}`, st] as const)));
  const waves: TimelineWave[] = schedule.waves.map((wave) => {
    const source = model.waves.find((w) => w.index === wave.index);
    const wf = waveForecasts.get(wave.index);
    return {
      ...(schedule.anchored === false ? { relativeOriginEpochMs: schedule.startEpochMs } : {}),
      ...(wf?.started ? { forecast: { endEpochMs: wf.forecastEndEpochMs, overrunSeconds: wf.overrunSeconds, pace: wf.pace, decideByEpochMs: wf.decideByEpochMs, finished: wf.finished } } : {}),
      index: wave.index,
      name: wave.name,
      startEpochMs: wave.startEpochMs,
      endEpochMs: wave.endEpochMs,
      windowStartEpochMs: wave.windowStartEpochMs,
      windowEndEpochMs: wave.windowStartEpochMs !== undefined && wave.windowSeconds !== undefined
        ? wave.windowStartEpochMs + wave.windowSeconds * 1000
        : undefined,
      utcOffsetMinutes: wave.utcOffsetMinutes,
      fits: wave.fits,
      overrunSeconds: wave.overrunSeconds,
      line: source ? lineIndex.positionAt(source.span.start).line : 0,
      worstEndEpochMs: wave.worstEndEpochMs,
      rollbackSeconds: wave.rollback?.seconds,
      rollback: wave.rollback && {
        seconds: wave.rollback.seconds,
        fromEpochMs: wave.rollback.fromEpochMs,
        endEpochMs: wave.rollback.endEpochMs,
        reverseMigrationSeconds: wave.rollback.reverseMigrationSeconds,
        stepsSeconds: wave.rollback.stepsSeconds,
        points: wave.rollback.points,
        pointOfNoReturnEpochMs: wave.rollback.pointOfNoReturnEpochMs,
      },
    };
  });
  const steps: TimelineStep[] = [];
  for (const wave of schedule.waves) {
    const source = model.waves.find((w) => w.index === wave.index);
    const lists = source ? [...source.steps.before, ...source.steps.after] : [];
    for (const st of wave.steps ?? []) {
      const step = lists.find((s) => s.id.value === st.stepId && s.phase === st.phase);
      const sf = stepForecasts.get(`${wave.index}\u0000${st.phase}\u0000${st.stepId}`);
      steps.push({
        ...(sf?.actualStartEpochMs !== undefined ? { actualStartEpochMs: sf.actualStartEpochMs } : {}),
        ...(sf?.actualEndEpochMs !== undefined ? { actualEndEpochMs: sf.actualEndEpochMs } : {}),
        id: st.stepId,
        waveIndex: st.waveIndex,
        phase: st.phase,
        kind: st.kind,
        owner: st.owner,
        title: st.title,
        bestStartEpochMs: st.bestStartEpochMs,
        bestEndEpochMs: st.bestEndEpochMs,
        worstStartEpochMs: st.worstStartEpochMs,
        worstEndEpochMs: st.worstEndEpochMs,
        waitsFor: st.waitsFor,
        line: step ? lineIndex.positionAt(step.id.span.start).line : 0,
      });
    }
  }
  const problems = vmProblems(analysis);
  const vms: TimelineVm[] = [];
  for (const wave of schedule.waves) {
    for (const scheduled of wave.vms) {
      const vm = model.vms.get(scheduled.vmId);
      const vmEstimate = estimate.vms.get(scheduled.vmId);
      const vf = waveForecasts.get(wave.index)?.started ? vmForecasts.get(scheduled.vmId) : undefined;
      vms.push({
        ...(vf?.actualStartEpochMs !== undefined && vf.status ? { actual: { startEpochMs: vf.actualStartEpochMs, endEpochMs: vf.actualEndEpochMs, status: vf.status } } : {}),
        ...(vf && vf.progress !== 'done' ? { forecast: vf.progress === 'failed'
          ? (vf.retryStartEpochMs !== undefined && vf.retryEndEpochMs !== undefined ? { startEpochMs: vf.retryStartEpochMs, endEpochMs: vf.retryEndEpochMs } : undefined)
          : { startEpochMs: vf.progress === 'running' ? Math.max(vf.startEpochMs, forecast?.nowEpochMs ?? vf.startEpochMs) : vf.startEpochMs, endEpochMs: vf.endEpochMs } } : {}),
        id: scheduled.vmId,
        name: vm?.name?.value,
        waveIndex: scheduled.waveIndex,
        startEpochMs: scheduled.startEpochMs,
        endEpochMs: scheduled.endEpochMs,
        phases: scheduled.phases.map((p) => ({ kind: p.kind, startEpochMs: p.startEpochMs, endEpochMs: p.endEpochMs })),
        dependsOn: vm ? vm.dependsOn.map((d) => d.value) : [],
        critical: critical.has(scheduled.vmId),
        converges: vmEstimate?.converges ?? true,
        switchoverSeconds: vmEstimate?.switchoverSeconds ?? 0,
        totalSeconds: vmEstimate?.totalSeconds ?? (scheduled.endEpochMs - scheduled.startEpochMs) / 1000,
        lowSeconds: vmEstimate?.lowSeconds,
        highSeconds: vmEstimate === undefined ? undefined : Number.isFinite(vmEstimate.highSeconds) ? vmEstimate.highSeconds : vmEstimate.totalSeconds,
        rangeOpen: vmEstimate !== undefined && !Number.isFinite(vmEstimate.highSeconds) ? true : undefined,
        limitedBy: vmEstimate?.limitedBy ?? 'unknown',
        line: vm ? lineIndex.positionAt(vm.keySpan.start).line : 0,
        ...(problems.has(scheduled.vmId) ? { problems: problems.get(scheduled.vmId) } : {}),
      });
    }
  }
  return {
    uri,
    version,
    name: model.name?.value,
    totalSeconds: schedule.totalSeconds,
    fits: schedule.fits,
    errors,
    warnings,
    criticalPath: schedule.criticalPath,
    waves,
    vms,
    steps,
    ...(forecast ? { nowEpochMs: forecast.nowEpochMs } : {}),
  };
}
