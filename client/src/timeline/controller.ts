/**
 * The timeline panel's logic without `vscode`: which runbook it shows (following the active editor
 * unless locked), throttled refreshes after edits (~300 ms, as the Markdown preview does), the
 * what-if overrides the page asked for, and the page's messages. panel.ts wires it to VS Code;
 * tests drive it with plain objects.
 */
import { asPageMessage, type HostMessage, type TimelineViewState } from '../../../shared/src/messages';
import { packUpdate } from '../../../shared/src/packed';
import type { ScheduleResult, WhatIfOverrides, WhatIfResult } from '../../../shared/src/protocol';

/** How long after an edit the timeline asks for the new plan (the Markdown preview's 300 ms). */
export const REFRESH_DELAY_MS = 300;

export interface Timer {
  cancel(): void;
}

export interface TimelineHost {
  /** `runbook/whatIf` for the document (null: not analysed yet or the server is not running). */
  whatIf(uri: string, overrides: WhatIfOverrides): Promise<WhatIfResult | null>;
  /** Writes the overrides into the runbook as one edit; resolves to words for the status line. */
  apply(uri: string, version: number, overrides: WhatIfOverrides): Promise<{ readonly ok: boolean; readonly message: string }>;
  reveal(uri: string, line: number): void;
  exportTimeline(uri: string): void;
  post(message: HostMessage): void;
  /** The panel's title changed (file name, lock). */
  setTitle(title: string): void;
  fileName(uri: string): string;
  schedule(callback: () => void, delayMs: number): Timer;
  log?(message: string): void;
}

/** The VM whose entry holds the cursor: the id under it, or the nearest VM entry above it. */
export function vmAtCursor(schedule: ScheduleResult, line: number, word: string | undefined): string | undefined {
  if (word !== undefined && schedule.vms.some((v) => v.id === word)) return word;
  let best: { id: string; line: number } | undefined;
  for (const vm of schedule.vms) {
    if (vm.line <= line && (!best || vm.line > best.line)) best = { id: vm.id, line: vm.line };
  }
  if (!best) return undefined;
  // Past a wave's line (waves are listed after the VMs) the cursor is no longer in that VM's entry.
  if (schedule.waves.some((w) => w.line > (best as { line: number }).line && w.line <= line)) return undefined;
  return best.id;
}

export class TimelineController {
  uri: string | undefined;
  locked: boolean;
  private overrides: WhatIfOverrides = {};
  private lastRequestId = 0;
  private ready = false;
  private pending: Timer | undefined;
  private latest: WhatIfResult | undefined;
  private cursorVm: string | undefined;
  private disposed = false;

  constructor(private readonly host: TimelineHost, initial: Partial<Pick<TimelineViewState, 'uri' | 'locked' | 'overrides'>> = {}) {
    this.uri = initial.uri;
    this.locked = initial.locked ?? false;
    this.overrides = initial.overrides ?? {};
    this.updateTitle();
  }

  /** The plan last sent to the page. */
  get result(): WhatIfResult | undefined {
    return this.latest;
  }

  /** Shows a runbook (a command, or the active editor when following); keeps the lock as it is. */
  show(uri: string): void {
    if (uri !== this.uri) {
      this.uri = uri;
      this.overrides = {};
      this.latest = undefined;
      this.cursorVm = undefined;
      this.updateTitle();
    }
    void this.refresh();
  }

  /** The active editor changed: follow it unless locked. */
  onActiveRunbook(uri: string | undefined): void {
    if (this.locked || uri === undefined || uri === this.uri) return;
    this.show(uri);
  }

  /** A document changed: refresh shortly if it is the one shown (one refresh per burst of typing). */
  onDocumentChanged(uri: string): void {
    if (uri !== this.uri || this.pending) return;
    this.pending = this.host.schedule(() => {
      this.pending = undefined;
      void this.refresh();
    }, REFRESH_DELAY_MS);
  }

  /** The editor's cursor moved in `uri`: highlight the VM whose entry holds it. */
  onCursor(uri: string, line: number, word: string | undefined): void {
    if (uri !== this.uri || !this.latest || !this.ready) return;
    const vmId = vmAtCursor(this.latest.schedule, line, word);
    if (vmId === this.cursorVm) return;
    this.cursorVm = vmId;
    this.host.post({ type: 'cursor', uri, version: this.latest.version, vmId });
  }

  async onPageMessage(raw: unknown): Promise<void> {
    const message = asPageMessage(raw);
    if (!message) {
      this.host.log?.(`timeline: ignored a malformed message from the page`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.ready = true;
        // After a reload the page remembers its runbook, lock and what-if (the serializer passed them too).
        if (message.state) {
          if (this.uri === undefined && message.state.uri !== undefined) this.uri = message.state.uri;
          if (message.state.uri === this.uri) this.overrides = message.state.overrides;
        }
        this.updateTitle();
        this.host.post({ type: 'lock', locked: this.locked });
        if (this.uri === undefined) this.host.post({ type: 'status', kind: 'info', message: 'Open a migration runbook (*.runbook.yaml) to see its timeline.' });
        void this.refresh();
        return;
      case 'reveal':
        if (message.uri === this.uri) this.host.reveal(message.uri, message.line);
        return;
      case 'whatIf':
        if (message.uri !== this.uri) return;
        this.overrides = message.overrides;
        this.lastRequestId = Math.max(this.lastRequestId, message.requestId);
        void this.refresh();
        return;
      case 'apply': {
        if (message.uri !== this.uri) return;
        const outcome = await this.host.apply(message.uri, message.version, message.overrides);
        if (outcome.ok) this.overrides = {};
        this.host.post({ type: 'status', kind: outcome.ok ? 'applied' : 'error', message: outcome.message });
        return;
      }
      case 'setLock':
        this.locked = message.locked;
        this.updateTitle();
        return;
      case 'export':
        if (message.uri === this.uri) this.host.exportTimeline(message.uri);
        return;
    }
  }

  /** Asks for the plan with the current overrides and posts it, unless the panel moved on meanwhile. */
  async refresh(): Promise<void> {
    const uri = this.uri;
    if (!this.ready || uri === undefined || this.disposed) return;
    const requestId = this.lastRequestId;
    let result: WhatIfResult | null;
    try {
      result = await this.host.whatIf(uri, this.overrides);
    } catch (error) {
      this.host.post({ type: 'status', kind: 'error', message: `Could not compute the timeline: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    if (this.disposed || uri !== this.uri) return;
    if (!result) {
      this.host.post({ type: 'status', kind: 'info', message: 'The language server has not analysed this runbook yet (or is not running); the timeline appears once it has.' });
      return;
    }
    // An answer computed before a newer what-if request arrived is stale; the newer one follows.
    if (requestId < this.lastRequestId) return;
    this.latest = result;
    // Packed: one array per VM field copies far faster than an object per VM (shared/src/packed.ts).
    this.host.post(packUpdate({ type: 'update', uri, version: result.version, requestId, fileName: this.host.fileName(uri), locked: this.locked, result }));
  }

  dispose(): void {
    this.disposed = true;
    this.pending?.cancel();
    this.pending = undefined;
  }

  private updateTitle(): void {
    const name = this.uri !== undefined ? this.host.fileName(this.uri) : 'Runbook';
    this.host.setTitle(`${this.locked ? '[Locked] ' : ''}Timeline: ${name}`);
  }
}
