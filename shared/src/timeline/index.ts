/** Timeline exports by format, chosen from a file name's extension (CLI and the export command share it). */
import type { ScheduleResult, TimelineVmDetail } from '../protocol';
import { renderCsv } from './csv';
import { renderHtml } from './html';
import { renderSvg } from './svg';

export type ExportFormat = 'svg' | 'html' | 'csv';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['svg', 'html', 'csv'];

/** The format a path's extension names (`.htm` too), or undefined. */
export function exportFormatOf(path: string): ExportFormat | undefined {
  const m = /\.([A-Za-z]+)$/.exec(path);
  const ext = m?.[1].toLowerCase();
  if (ext === 'htm') return 'html';
  return EXPORT_FORMATS.find((f) => f === ext);
}

export interface ExportOptions {
  readonly details?: Readonly<Record<string, TimelineVmDetail>>;
  readonly fallbackTitle?: string;
}

export function renderExport(format: ExportFormat, schedule: ScheduleResult, options: ExportOptions = {}): string {
  switch (format) {
    case 'svg':
      return renderSvg(schedule, options);
    case 'html':
      return renderHtml(schedule, options);
    case 'csv':
      return renderCsv(schedule);
  }
}
