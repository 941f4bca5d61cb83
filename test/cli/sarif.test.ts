import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import type * as Sarif from 'sarif';
import * as codesModule from '../../cli/src/codes';
import { relativeUri, toSarifLog } from '../../cli/src/formatSarif';
import { RULES } from '../../server/src/engine/rules/index';
import { REPO_ROOT, runIn, SYNTAX_ERROR, UNIT_TYPO, VALID, workspace } from './harness';

/** The official schema (test/fixtures/README.md says where it comes from and why it is adapted). */
function sarifValidator(): ValidateFunction {
  const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'test/fixtures/sarif-schema-2.1.0.json'), 'utf8')) as Record<string, unknown>;
  assert.equal(schema.$schema, 'http://json-schema.org/draft-04/schema#');
  // Draft-04 identifiers that ajv (draft-06+) does not know; the keywords below them are the same.
  delete schema.$schema;
  delete schema.id;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(schema);
}

describe('runbook check --format sarif', () => {
  let validate: ValidateFunction;
  let dir = '';
  let cleanup = (): void => {};
  before(() => {
    validate = sarifValidator();
    ({ dir, cleanup } = workspace({
      'valid.runbook.yaml': VALID,
      'typo.runbook.yaml': UNIT_TYPO,
      'syntax.runbook.yaml': SYNTAX_ERROR,
      'dir with space/é.runbook.yaml': UNIT_TYPO,
    }));
  });
  after(() => cleanup());

  function sarifOf(args: string[], options = {}): { code: number; log: Sarif.Log } {
    const r = runIn(dir, ['check', '--format', 'sarif', ...args], options);
    return { code: r.code, log: JSON.parse(r.stdout) as Sarif.Log };
  }

  it('the validator rejects a log that breaks the schema (so the checks below can fail)', () => {
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }), false, 'driver.name is required');
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, level: 'fatal' }] }] }), false);
    assert.equal(validate({ version: '2.1.0', runs: [{ tool: { driver: { name: 'x' } }, results: [{ message: { text: 'm' }, locations: [{ physicalLocation: { artifactLocation: { uri: 'a' }, region: { startColumn: 0 } } }] }] }] }), false);
  });

  it('is valid SARIF 2.1.0 for findings, for no findings, and for an engine crash', () => {
    const cases = [
      sarifOf(['valid.runbook.yaml', 'typo.runbook.yaml', 'syntax.runbook.yaml', 'dir with space/é.runbook.yaml']),
      sarifOf(['valid.runbook.yaml']),
      sarifOf(['typo.runbook.yaml'], { analyze: () => { throw new Error('boom'); } }),
    ];
    for (const { log } of cases) assert.ok(validate(log), JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(cases.map((c) => c.code), [1, 0, 2]);
  });

  it('has one run, the tool driver with name, version, informationUri and rules for the codes used', () => {
    const { log } = sarifOf(['typo.runbook.yaml', 'syntax.runbook.yaml']);
    assert.equal(log.version, '2.1.0');
    assert.match(log.$schema ?? '', /sarif-schema-2\.1\.0\.json$/);
    assert.equal(log.runs.length, 1);
    const driver = log.runs[0].tool.driver;
    assert.equal(driver.name, 'runbook');
    assert.match(driver.version ?? '', /^\d+\.\d+\.\d+/);
    assert.match(driver.informationUri ?? '', /^https:\/\//);
    const used = [...new Set((log.runs[0].results ?? []).map((r) => r.ruleId))].sort();
    assert.deepEqual(driver.rules?.map((r) => r.id).sort(), used);
    for (const rule of driver.rules ?? []) assert.ok(rule.shortDescription?.text, `rule ${rule.id} has a description`);
    assert.ok(used.includes('RB010') && used.includes('RB001'));
  });

  it('results carry ruleId, level, message and a 1-based region in a relative URI', () => {
    const { log } = sarifOf(['typo.runbook.yaml']);
    const result = (log.runs[0].results ?? []).find((r) => r.ruleId === 'RB010');
    assert.ok(result, 'the unit typo is reported');
    assert.equal(result.level, 'error');
    assert.match(result.message.text ?? '', /unknown size unit 'GiBB'/);
    const location = result.locations?.[0].physicalLocation;
    assert.equal(location?.artifactLocation?.uri, 'typo.runbook.yaml');
    // Text output says typo.runbook.yaml:9:22 for the 4-character unit.
    assert.deepEqual(location?.region, { startLine: 9, startColumn: 22, endLine: 9, endColumn: 26 });
  });

  it('maps severities to error / warning / note', () => {
    const range = { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } };
    const log = toSarifLog(
      [{ path: 'a.runbook.yaml', internalError: false, findings: (['error', 'warning', 'information', 'hint'] as const).map((severity) => ({ code: 'RB201', severity, message: 'm', range, related: [] })) }],
      dir,
    );
    assert.deepEqual(log.runs[0].results?.map((r) => r.level), ['error', 'warning', 'note', 'note']);
    assert.ok(validate(log), JSON.stringify(validate.errors));
  });

  it('makes URIs relative and escapes what a URI cannot hold', () => {
    assert.equal(relativeUri('dir with space/é.runbook.yaml', '/w'), 'dir%20with%20space/%C3%A9.runbook.yaml');
    assert.equal(relativeUri('./a.runbook.yaml', '/w'), 'a.runbook.yaml');
    assert.equal(relativeUri('/w/plans/a.runbook.yaml', '/w'), 'plans/a.runbook.yaml');
    const { log } = sarifOf(['dir with space/é.runbook.yaml']);
    assert.equal(log.runs[0].results?.[0].locations?.[0].physicalLocation?.artifactLocation?.uri, 'dir%20with%20space/%C3%A9.runbook.yaml');
  });
});

describe('SARIF rule descriptions', () => {
  it('come from the rule registry and the engine codes, with a family fallback', () => {
    const { codeTitle } = codesModule;
    for (const rule of RULES) assert.equal(codeTitle(rule.code), rule.title);
    assert.equal(codeTitle('RB010'), 'Quantity cannot be read (number or unit)');
    assert.equal(codeTitle('RB001'), 'YAML syntax error');
    assert.equal(codeTitle('RB299'), 'Feasibility problem');
  });
});
