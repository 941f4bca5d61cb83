/**
 * Step lookups shared by the step rules (RB120-RB128, RB220-RB222): the steps written in the file
 * (each once, whether under `defaults.steps` or a wave), and a wave's steps by id.
 */
import type { RunbookModel, Step, Wave } from '../../model';

/** Every step as written: `defaults.steps` once, then each wave's own steps. */
export function writtenSteps(model: RunbookModel): { readonly step: Step; readonly wave?: Wave }[] {
  const out: { step: Step; wave?: Wave }[] = [];
  const d = model.defaults.steps;
  if (d) for (const step of [...d.before, ...d.after, ...d.rollback]) out.push({ step });
  for (const wave of model.waves) {
    for (const step of [...wave.steps.before, ...wave.steps.after, ...wave.steps.rollback]) if (!step.fromDefaults) out.push({ step, wave });
  }
  return out;
}

/** A wave's effective steps by id (the first definition wins; RB121 reports the others). */
export function stepIndex(wave: Wave): Map<string, Step> {
  const out = new Map<string, Step>();
  for (const step of [...wave.steps.before, ...wave.steps.after, ...wave.steps.rollback]) if (!out.has(step.id.value)) out.set(step.id.value, step);
  return out;
}

/** Findings about a default step repeat for every wave; keep the first of each code and place. */
export function dedupe<T extends { readonly code: string; readonly span: { readonly start: number; readonly end: number } }>(findings: T[]): T[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.code}:${f.span.start}:${f.span.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function stepLabel(step: Step): string {
  return `${step.phase} step '${step.id.value}'${step.fromDefaults ? ' (from defaults.steps)' : ''}`;
}

/** `04:10` in the window's own offset, with `+1d` when on a later day than `dayOfEpochMs`. */
export function clockAt(epochMs: number, offsetMinutes: number, dayOfEpochMs: number): string {
  const shift = offsetMinutes * 60_000;
  const local = new Date(Math.round(epochMs / 60_000) * 60_000 + shift);
  const day = (ms: number): number => Math.floor((ms + shift) / 86_400_000);
  const days = day(Math.round(epochMs / 60_000) * 60_000) - day(dayOfEpochMs);
  if (!Number.isFinite(local.getTime())) return 'out of the calendar range'; // e.g. a 1e300 h wait
  const clock = local.toISOString().slice(11, 16);
  return days === 0 ? clock : `${clock} (${days > 0 ? '+' : ''}${days}d)`;
}
