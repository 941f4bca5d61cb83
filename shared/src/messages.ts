/**
 * Messages between the timeline webview and the extension (the panel host). Every message about a
 * plan names its document URI and version, so the page can drop stale ones (an older version of the
 * same document, or a what-if answer to overrides it has since changed), as VS Code's Markdown
 * preview does. Plain data; validated on receipt on both sides because a webview is untrusted.
 */
import type { WhatIfOverrides, WhatIfResult } from './protocol';

/** The webview panel's view type (serializer, `onWebviewPanel:` activation event). */
export const TIMELINE_VIEW_TYPE = 'runbook.timeline';

/** What the page keeps with getState/setState; the serializer receives it after a window reload. */
export interface TimelineViewState {
  readonly uri?: string;
  readonly locked: boolean;
  /** Zoom in px per millisecond; undefined = fit the plan to the width. */
  readonly pxPerMs?: number;
  readonly scrollLeft: number;
  readonly scrollTop: number;
  readonly selectedVmId?: string;
  readonly view: 'chart' | 'table';
  readonly overrides: WhatIfOverrides;
  /** The wave the what-if controls are on. */
  readonly whatIfWave?: number;
  /** The rollback path is drawn (the header's toggle). */
  readonly showRollback?: boolean;
  /** The chart shows one wave (its index) at its own scale; undefined = every wave. */
  readonly waveView?: number;
}

export const INITIAL_VIEW_STATE: TimelineViewState = { locked: false, scrollLeft: 0, scrollTop: 0, view: 'chart', overrides: {} };

// Host -> page ---------------------------------------------------------------------------------

/** The plan (with the page's overrides applied, when it has any). */
export interface UpdateMessage {
  readonly type: 'update';
  readonly uri: string;
  readonly version: number;
  /** The last what-if request the host had received when it computed this (0 before any). */
  readonly requestId: number;
  readonly fileName: string;
  readonly locked: boolean;
  readonly result: WhatIfResult;
}

/** The editor's cursor is on this VM's entry (or on none). */
export interface CursorMessage {
  readonly type: 'cursor';
  readonly uri: string;
  readonly version: number;
  readonly vmId?: string;
}

export interface LockMessage {
  readonly type: 'lock';
  readonly locked: boolean;
}

/** A line for the status area: no schedule yet, the server is down, an apply happened. */
export interface StatusMessage {
  readonly type: 'status';
  readonly kind: 'info' | 'error' | 'applied';
  readonly message: string;
}

export type HostMessage = UpdateMessage | CursorMessage | LockMessage | StatusMessage;

// Page -> host ---------------------------------------------------------------------------------

export interface ReadyMessage {
  readonly type: 'ready';
  readonly state?: TimelineViewState;
}

export interface RevealMessage {
  readonly type: 'reveal';
  readonly uri: string;
  readonly version: number;
  /** The VM whose entry to show; a step's reveal names `stepId` instead (and vmId is ''). */
  readonly vmId: string;
  readonly stepId?: string;
  /** 0-based line of the VM's entry (TimelineVm.line) or of the step's id (TimelineStep.line). */
  readonly line: number;
}

export interface WhatIfMessage {
  readonly type: 'whatIf';
  readonly uri: string;
  readonly version: number;
  readonly requestId: number;
  readonly overrides: WhatIfOverrides;
}

export interface ApplyMessage {
  readonly type: 'apply';
  readonly uri: string;
  readonly version: number;
  readonly overrides: WhatIfOverrides;
}

export interface SetLockMessage {
  readonly type: 'setLock';
  readonly locked: boolean;
}

export interface ExportMessage {
  readonly type: 'export';
  readonly uri: string;
}

export type PageMessage = ReadyMessage | RevealMessage | WhatIfMessage | ApplyMessage | SetLockMessage | ExportMessage;

// Validation -----------------------------------------------------------------------------------

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isInt = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

/** Narrows a message from the page; anything else is ignored by the host. */
export function asPageMessage(raw: unknown): PageMessage | undefined {
  if (!isDict(raw)) return undefined;
  switch (raw.type) {
    case 'ready':
      return { type: 'ready', state: asViewState(raw.state) };
    case 'reveal':
      return isStr(raw.uri) && Number.isInteger(raw.version) && isStr(raw.vmId) && (raw.stepId === undefined || isStr(raw.stepId)) && isInt(raw.line) ? (raw as unknown as RevealMessage) : undefined;
    case 'whatIf':
      return isStr(raw.uri) && Number.isInteger(raw.version) && isInt(raw.requestId) && isDict(raw.overrides) ? (raw as unknown as WhatIfMessage) : undefined;
    case 'apply':
      return isStr(raw.uri) && Number.isInteger(raw.version) && isDict(raw.overrides) ? (raw as unknown as ApplyMessage) : undefined;
    case 'setLock':
      return typeof raw.locked === 'boolean' ? { type: 'setLock', locked: raw.locked } : undefined;
    case 'export':
      return isStr(raw.uri) ? { type: 'export', uri: raw.uri } : undefined;
    default:
      return undefined;
  }
}

/** The saved state, or undefined when it is not one (an older or foreign shape). */
export function asViewState(raw: unknown): TimelineViewState | undefined {
  if (!isDict(raw)) return undefined;
  const num = (v: unknown, fallback: number): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback);
  return {
    uri: isStr(raw.uri) ? raw.uri : undefined,
    locked: raw.locked === true,
    pxPerMs: typeof raw.pxPerMs === 'number' && Number.isFinite(raw.pxPerMs) && raw.pxPerMs > 0 ? raw.pxPerMs : undefined,
    scrollLeft: num(raw.scrollLeft, 0),
    scrollTop: num(raw.scrollTop, 0),
    selectedVmId: isStr(raw.selectedVmId) ? raw.selectedVmId : undefined,
    view: raw.view === 'table' ? 'table' : 'chart',
    overrides: isDict(raw.overrides) ? (raw.overrides as WhatIfOverrides) : {},
    whatIfWave: isInt(raw.whatIfWave) ? raw.whatIfWave : undefined,
    showRollback: raw.showRollback === true ? true : undefined,
    waveView: isInt(raw.waveView) ? raw.waveView : undefined,
  };
}

/** Narrows a message from the host (the page trusts only well-formed ones). */
export function asHostMessage(raw: unknown): HostMessage | undefined {
  if (!isDict(raw)) return undefined;
  switch (raw.type) {
    case 'update':
      return isStr(raw.uri) && Number.isInteger(raw.version) && isInt(raw.requestId) && isDict(raw.result) && isDict(raw.result.schedule)
        ? (raw as unknown as UpdateMessage) : undefined;
    case 'cursor':
      return isStr(raw.uri) && Number.isInteger(raw.version) && (raw.vmId === undefined || isStr(raw.vmId)) ? (raw as unknown as CursorMessage) : undefined;
    case 'lock':
      return typeof raw.locked === 'boolean' ? { type: 'lock', locked: raw.locked } : undefined;
    case 'status':
      return (raw.kind === 'info' || raw.kind === 'error' || raw.kind === 'applied') && isStr(raw.message) ? (raw as unknown as StatusMessage) : undefined;
    default:
      return undefined;
  }
}

/** What the page shows now: the document, its version and the what-if request it answers. */
export interface Shown {
  readonly uri: string;
  readonly version: number;
  readonly requestId: number;
}

/**
 * Whether an update replaces what is shown. Another document always does (the editor moved on);
 * for the same document an older version is stale, and so is an answer to an older what-if
 * request than the last one the page sent.
 */
export function isFresh(shown: Shown | undefined, incoming: Shown, lastRequestId: number): boolean {
  if (incoming.requestId < lastRequestId) return false;
  if (!shown || shown.uri !== incoming.uri) return true;
  return incoming.version >= shown.version;
}
