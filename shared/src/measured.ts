/**
 * Measured migrations (issue 14): what a record of a migration night says happened, and the
 * actuals file kept beside a plan. Pure types shared by the readers (import/src/measured), the
 * engine (calibration, re-forecast), the CLI and the client. Instants are UTC epoch milliseconds:
 * a reader converts the record's local times with the offset or zone the user gave, never a guess.
 */

/** What became of one migration task. Failed and cancelled tasks are kept: they matter. */
export type MeasuredStatus = 'succeeded' | 'failed' | 'cancelled' | 'running';

/** Which kind of record a file is (each reader's columns are listed in docs/actuals.md). */
export type MeasuredFormat = 'vsphere-client-tasks' | 'powercli-task' | 'powercli-event' | 'plain';

/** One migration read from a record. */
export interface MeasuredMigration {
  /** The VM's name as the record writes it. */
  readonly vm: string;
  readonly startEpochMs: number;
  /** Absent while the task is still running. */
  readonly endEpochMs?: number;
  readonly status: MeasuredStatus;
  /** Bytes moved, when the record says (the plain CSV's optional `bytes`). */
  readonly bytes?: number;
  /** Switchover (stun) time, when the record says. */
  readonly stunSeconds?: number;
  /** The record's name for the operation ("Relocate virtual machine", "VmMigratedEvent", ...). */
  readonly operation?: string;
  /** The error text of a failed or cancelled task. */
  readonly error?: string;
  /** 1-based line of the row in its file, for messages. */
  readonly row: number;
}

/** A record read whole: its migrations, and every row it did not use with the reason. */
export interface MeasuredRecord {
  readonly format: MeasuredFormat;
  /** The file name as given (for messages and the `source` of what is written). */
  readonly source: string;
  readonly migrations: readonly MeasuredMigration[];
  /** Rows read but not used (other kinds of task, duplicates), each with why. */
  readonly unused: readonly { readonly row: number; readonly reason: string }[];
}

/** A record that cannot be read: the first problem, with its row (1-based line; 0 = the file). */
export interface MeasuredReadError {
  readonly row: number;
  readonly message: string;
}

/** One migration as the actuals file keeps it (one entry per attempt: a retry is a new entry). */
export interface ActualMigration {
  readonly vm: string;
  readonly startEpochMs: number;
  readonly endEpochMs?: number;
  readonly status: MeasuredStatus;
  /** Where it came from: "tasks-0300.csv row 14", or "recorded in the editor". */
  readonly source?: string;
}

/** One runbook step's actual start and end (a step of a wave's before/after/rollback list). */
export interface ActualStep {
  readonly wave: string;
  readonly step: string;
  readonly startEpochMs?: number;
  readonly endEpochMs?: number;
}

/** The content of a plan's actuals file (PLAN.actuals.yaml beside PLAN.runbook.yaml). */
export interface Actuals {
  readonly migrations: readonly ActualMigration[];
  readonly steps: readonly ActualStep[];
}

/**
 * The actuals file of a runbook: `night.runbook.yaml` -> `night.actuals.yaml` (`.yml` alike;
 * any other name gets `.actuals.yaml` after its extension is dropped). Not matched by the
 * runbook language's `*.runbook.yaml`, so the editor never validates it as a runbook, and it
 * sorts beside its plan.
 */
export function actualsFileName(runbookFileName: string): string {
  const runbook = /\.runbook\.ya?ml$/i.exec(runbookFileName);
  if (runbook) return `${runbookFileName.slice(0, runbook.index)}.actuals.yaml`;
  const yaml = /\.ya?ml$/i.exec(runbookFileName);
  return `${yaml ? runbookFileName.slice(0, yaml.index) : runbookFileName}.actuals.yaml`;
}
