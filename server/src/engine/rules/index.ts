/**
 * The rule registry and runner. Each rule lives in its own module with its code, source and tests;
 * this file only lists them (docs and the CLI read `RULES`) and runs them.
 */
import type { Finding } from '../findings';
import { bandwidthPerVmotion } from './bandwidthPerVmotion';
import { checkWithoutExpect } from './checkWithoutExpect';
import { duplicateStepId } from './duplicateStepId';
import { perVmStepOverrun } from './perVmStepOverrun';
import { rollbackOverrun } from './rollbackOverrun';
import { scriptWithoutCommand } from './scriptWithoutCommand';
import { stepCycle } from './stepCycle';
import { stepNeverStarts } from './stepNeverStarts';
import { stepOwnerMissing } from './stepOwnerMissing';
import { stepRangeOrder } from './stepRangeOrder';
import { unknownDroppedStep } from './unknownDroppedStep';
import { unknownStepDependency } from './unknownStepDependency';
import { worstCaseOverrun } from './worstCaseOverrun';
import { unknownDiskSize } from './unknownDiskSize';
import { linkFasterThanHosts } from './linkFasterThanHosts';
import { overlappingWaves } from './overlappingWaves';
import { concurrencyLimit } from './concurrencyLimit';
import { crossVcenter } from './crossVcenter';
import { deadline } from './deadline';
import { defaultWorkload } from './defaultWorkload';
import { dependencyCycle } from './dependencyCycle';
import { dependsOnLaterWave } from './dependsOnLaterWave';
import { duplicateIds } from './duplicateIds';
import { precopyConvergence } from './precopyConvergence';
import type { Rule, RuleContext } from './support/rule';
import { rttLimit } from './rttLimit';
import { sharedStorageRtt } from './sharedStorageRtt';
import { stretchedVlanDistance } from './stretchedVlanDistance';
import { switchoverFailure } from './switchoverFailure';
import { switchoverWarning } from './switchoverWarning';
import { syncReplicationRtt } from './syncReplicationRtt';
import { unknownLink } from './unknownLink';
import { unknownSite } from './unknownSite';
import { unknownVm } from './unknownVm';
import { vmInNoWave } from './vmInNoWave';
import { vmInTwoWaves } from './vmInTwoWaves';
import { waveOverrun } from './waveOverrun';
import { windowLimitedTcp } from './windowLimitedTcp';
import { unanchoredSchedule } from './unanchoredSchedule';
import { waveWithoutWindow } from './waveWithoutWindow';
import { impossibleValue } from './impossibleValue';
import { linkFasterThanNics } from './linkFasterThanNics';
import { replicationRpoRange } from './replicationRpoRange';
import { replicaCannotCatchUp } from './replicaCannotCatchUp';
import { sharedNothingVersion } from './sharedNothingVersion';
import { waveForecast } from './waveForecast';
import { calibrationStale } from './calibrationStale';
import { actualsFileProblem } from './actualsFileProblem';
import { cpuCompatibility } from './cpuCompatibility';
import { hardwareVersion } from './hardwareVersion';
import { liveMigrationBlocker } from './liveMigrationBlocker';
import { vgpuVersion } from './vgpuVersion';
import { keyProvider } from './keyProvider';
import { hcxBandwidth } from './hcxBandwidth';
import { hcxVmotionSerial } from './hcxVmotionSerial';
import { hcxHardwareVersion } from './hcxHardwareVersion';
import { endOfSupport } from './endOfSupport';

/** Same code the CLI and server use for their own internal failures. */
export const INTERNAL_ERROR_CODE = 'RB000';

/** Every domain rule, in code order. */
export const RULES: readonly Rule[] = [
  impossibleValue, // RB012
  unknownSite, // RB101
  unknownLink, // RB102
  unknownVm, // RB103
  vmInTwoWaves, // RB104
  vmInNoWave, // RB105
  duplicateIds, // RB106
  dependencyCycle, // RB107
  dependsOnLaterWave, // RB108
  unknownStepDependency, // RB120
  duplicateStepId, // RB121
  stepCycle, // RB122
  stepNeverStarts, // RB123
  scriptWithoutCommand, // RB124
  checkWithoutExpect, // RB125
  stepRangeOrder, // RB126
  stepOwnerMissing, // RB127
  unknownDroppedStep, // RB128
  rttLimit, // RB201
  bandwidthPerVmotion, // RB202
  precopyConvergence, // RB203
  switchoverWarning, // RB204
  switchoverFailure, // RB205
  waveOverrun, // RB206
  concurrencyLimit, // RB207
  stretchedVlanDistance, // RB208
  syncReplicationRtt, // RB209
  sharedStorageRtt, // RB210
  crossVcenter, // RB211
  deadline, // RB212
  windowLimitedTcp, // RB213
  unanchoredSchedule, // RB214
  waveWithoutWindow, // RB215
  replicationRpoRange, // RB216
  replicaCannotCatchUp, // RB217
  sharedNothingVersion, // RB218
  worstCaseOverrun, // RB220
  rollbackOverrun, // RB221
  perVmStepOverrun, // RB222
  cpuCompatibility, // RB230
  hardwareVersion, // RB231
  liveMigrationBlocker, // RB232
  vgpuVersion, // RB233
  keyProvider, // RB234
  hcxBandwidth, // RB240
  hcxVmotionSerial, // RB241
  hcxHardwareVersion, // RB242
  unknownDiskSize, // RB250
  linkFasterThanHosts, // RB251
  overlappingWaves, // RB252
  defaultWorkload, // RB301
  linkFasterThanNics, // RB302
  endOfSupport, // RB303
  calibrationStale, // RB410
  waveForecast, // RB420
  actualsFileProblem, // RB421
];

/** Runs every rule. A rule that throws is a bug; it must not take the other rules' findings with it. */
export function runRules(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const rule of RULES) {
    try {
      findings.push(...rule.check(ctx));
    } catch (error) {
      findings.push({
        code: INTERNAL_ERROR_CODE,
        severity: 'error',
        message: `Internal error in rule ${rule.code} (${rule.title}): ${error instanceof Error ? error.message : String(error)}. The other rules still ran; please report it.`,
        span: { start: ctx.model.rootSpan.start, end: ctx.model.rootSpan.start },
      });
    }
  }
  return findings;
}
