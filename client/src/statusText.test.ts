import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ValidatedParams } from '../../shared/src/protocol';
import { clockTime, formatStatus, serverStoppedStatus, WAITING_STATUS } from './statusText';

const base: ValidatedParams = { uri: 'file:///p.runbook.yaml', version: 3, durationMs: 12, errors: 0, warnings: 0 };
// 2026-01-02 03:04:05 local time, so the expected clock text does not depend on the machine's zone.
const at = new Date(2026, 0, 2, 3, 4, 5).getTime();

test('clean plan: check icon, total, fit, counts and time of the check', () => {
  const s = formatStatus({ ...base, totalSeconds: 3 * 3600 + 12 * 60, fits: true }, at);
  assert.equal(s.text, '$(check) plan 3 h 12 min, fits its windows');
  assert.equal(s.detail, '0 errors, 0 warnings; checked at 03:04:05 in 0.012 s (version 3)');
  assert.equal(s.severity, 'information');
});

test('errors win over warnings and use singular nouns for one', () => {
  const s = formatStatus({ ...base, errors: 1, warnings: 1 }, at);
  assert.equal(s.text, '$(error) no plan total');
  assert.match(s.detail, /^1 error, 1 warning;/);
  assert.equal(s.severity, 'error');
});

test('a plan that overruns a window is a warning even without warning findings', () => {
  const s = formatStatus({ ...base, totalSeconds: 90, fits: false }, at);
  assert.equal(s.text, '$(check) plan 2 min, overruns a window');
  assert.equal(s.severity, 'warning');
});

test('warnings only', () => {
  const s = formatStatus({ ...base, warnings: 4, totalSeconds: 45 }, at);
  assert.equal(s.text, '$(warning) plan 45 s');
  assert.match(s.detail, /^0 errors, 4 warnings;/);
  assert.equal(s.severity, 'warning');
});

test('the detail ends with where the analysis spent its time, when the server says', () => {
  const s = formatStatus({ ...base, stagesMs: { parse: 10.4, schema: 12, model: 3.6, estimate: 18, rules: 17.2, other: 3.5 } }, at);
  assert.match(s.detail, /\(version 3\); parse 10 · schema 12 · model 4 · estimate 18 · rules 17 · other 4 ms$/);
});

test('clockTime pads to two digits', () => {
  assert.equal(clockTime(new Date(2026, 5, 7, 8, 9, 0).getTime()), '08:09:00');
});

test('the accessible label is plain words: no $(codicon) syntax, the same facts as the text', () => {
  const cases = [
    [formatStatus({ ...base, totalSeconds: 3 * 3600 + 12 * 60, fits: true }, at), 'Migration runbook: plan 3 h 12 min, fits its windows. 0 errors, 0 warnings; checked at 03:04:05 in 0.012 s (version 3)'],
    [formatStatus({ ...base, errors: 2, warnings: 1, totalSeconds: 90, fits: false }, at), 'Migration runbook: plan 2 min, overruns a window. 2 errors, 1 warning; checked at 03:04:05 in 0.012 s (version 3)'],
    [WAITING_STATUS, 'Migration runbook: waiting for the language server'],
    [serverStoppedStatus('The server crashed 5 times. $(gear) Restart it.'), 'Migration runbook: the language server stopped. The server crashed 5 times. Restart it.'],
  ] as const;
  for (const [status, label] of cases) {
    assert.equal(status.accessibilityLabel, label);
    assert.doesNotMatch(status.accessibilityLabel, /\$\(/);
  }
});

test('with actuals the status leads with the running wave\'s forecast; the detail has the decision time', () => {
  const s = formatStatus({
    uri: 'file:///night.runbook.yaml', version: 3, durationMs: 12, errors: 0, warnings: 2, totalSeconds: 7200, fits: true,
    forecast: { wave: 'wave-2', overrunSeconds: 780, endText: 'forecast end 00:58 +1d, 13 min past the window (00:45 +1d)', paceText: '41 % slower than planned', progressText: '5/8 moved, 2 running, 1 failed', decisionText: 'decide on a rollback by 23:28' },
  }, Date.parse('2026-12-03T05:20:00Z'));
  assert.equal(s.text, '$(warning) wave-2: 13 min over · plan 2 h');
  assert.equal(s.severity, 'warning');
  assert.match(s.detail, /^wave-2: 5\/8 moved, 2 running, 1 failed; 41 % slower than planned; forecast end 00:58 \+1d, 13 min past the window \(00:45 \+1d\); decide on a rollback by 23:28\. 0 errors, 2 warnings; checked at/);
  assert.match(s.accessibilityLabel, /^Migration runbook: wave-2: 13 min over, plan 2 h, fits its windows\./);
});
