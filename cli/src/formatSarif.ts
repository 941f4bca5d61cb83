/**
 * SARIF 2.1.0 for code-scanning services (one run; results with 1-based regions; columns in UTF-16
 * code units, as the engine counts them, declared with `columnKind`).
 */
import { pathToFileURL } from 'node:url';
import { isAbsolute, relative } from 'node:path';
import type * as Sarif from 'sarif';
import { codeTitle } from './codes';
import { INFORMATION_URI, TOOL_NAME, TOOL_VERSION } from './product';
import type { FileReport, ReportedFinding } from './report';
import { terminalSafeJson } from './terminal';

// The OASIS standard's own location of the schema (2.1.0 with errata 01).
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SOURCE_ROOT = 'SRCROOT';

function level(severity: ReportedFinding['severity']): Sarif.Result.level {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}

/** A relative URI reference for `path` (as given), with `/` separators and escaped characters. */
export function relativeUri(path: string, cwd: string): string {
  const rel = isAbsolute(path) ? relative(cwd, path) : path;
  return rel
    .split(/[\\/]/)
    .filter((segment, i) => !(segment === '.' && i === 0) && segment !== '')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function region(range: ReportedFinding['range']): Sarif.Region {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    // SARIF's endColumn is the column after the region, as the 0-based exclusive end + 1.
    endColumn: range.end.character + 1,
  };
}

export function toSarifLog(reports: readonly FileReport[], cwd: string): Sarif.Log {
  const ruleIndex = new Map<string, number>();
  const rules: Sarif.ReportingDescriptor[] = [];
  const results: Sarif.Result[] = [];
  for (const report of reports) {
    const uri = relativeUri(report.path, cwd);
    for (const f of report.findings) {
      let index = ruleIndex.get(f.code);
      if (index === undefined) {
        index = rules.length;
        ruleIndex.set(f.code, index);
        rules.push({ id: f.code, shortDescription: { text: codeTitle(f.code) } });
      }
      const artifactLocation: Sarif.ArtifactLocation = { uri, uriBaseId: SOURCE_ROOT };
      const result: Sarif.Result = {
        ruleId: f.code,
        ruleIndex: index,
        level: level(f.severity),
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation, region: region(f.range) } }],
      };
      if (f.related.length > 0) {
        result.relatedLocations = f.related.map((r, id) => ({ id, message: { text: r.message }, physicalLocation: { artifactLocation, region: region(r.range) } }));
      }
      results.push(result);
    }
  }
  const crashed = reports.filter((r) => r.internalError);
  const run: Sarif.Run = {
    tool: { driver: { name: TOOL_NAME, version: TOOL_VERSION, semanticVersion: TOOL_VERSION, informationUri: INFORMATION_URI, rules } },
    originalUriBaseIds: { [SOURCE_ROOT]: { uri: pathToFileURL(cwd).href.replace(/\/?$/, '/') } },
    columnKind: 'utf16CodeUnits',
    invocations: [
      {
        executionSuccessful: crashed.length === 0,
        ...(crashed.length > 0
          ? {
              toolExecutionNotifications: crashed.map((r) => ({
                level: 'error' as const,
                message: { text: `internal error while analysing ${r.path}` },
                locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(r.path, cwd), uriBaseId: SOURCE_ROOT } } }],
              })),
            }
          : {}),
      },
    ],
    results,
  };
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [run] };
}

export function formatSarifReport(reports: readonly FileReport[], cwd: string): string {
  return terminalSafeJson(toSarifLog(reports, cwd));
}
