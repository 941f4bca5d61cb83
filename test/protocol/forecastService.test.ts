import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getLanguageService } from '../../server/src/service/index';

const ROOT = process.cwd();

test('the service re-forecasts a runbook with actuals: code lens on the started waves, the summary for the status item', () => {
  const service = getLanguageService();
  const text = readFileSync(join(ROOT, 'samples/night/night.runbook.yaml'), 'utf8');
  const document = { uri: 'file:///plans/night.runbook.yaml', version: 1, getText: () => text };
  assert.equal(service.doValidation(document).forecast, undefined, 'no actuals: no forecast');
  assert.equal(service.setActuals(document.uri, { fileName: 'night.actuals.yaml', text: readFileSync(join(ROOT, 'samples/night/night.actuals.yaml'), 'utf8') }), true);
  assert.equal(service.setActuals(document.uri, { fileName: 'night.actuals.yaml', text: readFileSync(join(ROOT, 'samples/night/night.actuals.yaml'), 'utf8') }), false, 'the same text changes nothing');
  const validation = service.doValidation(document);
  assert.equal(validation.fresh, true);
  assert.equal(validation.forecast?.wave, 'wave-2');
  assert.ok(validation.diagnostics.some((d) => d.code === 'RB420'));
  const lenses = service.doCodeLens(document).map((l) => l.command?.title ?? '');
  const actuals = lenses.filter((t) => t.startsWith('Actuals: '));
  assert.equal(actuals.length, 2, lenses.join('\n'));
  assert.match(actuals[0], /^Actuals: 2\/2 moved · as planned · ended 22:58, inside the window \(02:00 \+1d\)$/);
  assert.match(actuals[1], /^Actuals: 5\/8 moved, 2 running, 1 failed · \d+ % slower than planned · forecast end .*past the window \(00:45 \+1d\)/);
  assert.equal(service.isRunning(document.uri), true);
  assert.equal(service.refreshClock(document.uri), true);
  assert.equal(service.setActuals(document.uri, undefined), true);
  assert.equal(service.doValidation(document).forecast, undefined);
  assert.equal(service.isRunning(document.uri), false);
});
