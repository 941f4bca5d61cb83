import type { RunbookModel } from '../model';
import type { EngineOptions } from '../options';
import type { PlanEstimate } from './types';

export function estimatePlan(_model: RunbookModel, _options: EngineOptions): PlanEstimate {
  return { links: new Map(), vms: new Map(), schedule: { startEpochMs: 0, endEpochMs: 0, totalSeconds: 0, fits: true, criticalPath: [], waves: [] } };
}
