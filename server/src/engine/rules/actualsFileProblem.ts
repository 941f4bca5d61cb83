/**
 * RB421: an entry of the plan's actuals file (docs/actuals.md) that cannot be read: it is left out of
 * the re-forecast (RB420), so the forecast may miss a move. Named with the file and its line, on the
 * runbook's first line (the actuals file is not a runbook the editor validates). Also: a recorded
 * migration of a VM that is in no wave, or a step its wave does not have.
 */
import type { Finding } from '../findings';
import type { Rule } from './support/rule';

/** Listing every bad line of a long file helps nobody; the first ones and a count do. */
const MAX_LISTED = 5;

export const actualsFileProblem: Rule = {
  code: 'RB421',
  title: 'Unreadable or unmatched entry in the actuals file',
  source: 'runbook structure',
  check({ model, options, forecast }) {
    const file = options.actualsFile;
    if (!file) return [];
    const span = { start: model.rootSpan.start, end: model.rootSpan.start };
    const lines = file.problems.map((p) => `${file.fileName}:${p.line + 1}: ${p.message}`);
    for (const u of forecast?.unmatched ?? []) lines.push(`${file.fileName}: ${u}`);
    if (lines.length === 0) return [];
    const listed = lines.slice(0, MAX_LISTED);
    const more = lines.length > MAX_LISTED ? ` (and ${lines.length - MAX_LISTED} more)` : '';
    const findings: Finding[] = [{
      code: 'RB421',
      severity: 'warning',
      message: `${lines.length} entr${lines.length === 1 ? 'y' : 'ies'} of the actuals file ${lines.length === 1 ? 'is' : 'are'} not used by the re-forecast${more}: ${listed.join('; ')}`,
      span,
    }];
    return findings;
  },
};
