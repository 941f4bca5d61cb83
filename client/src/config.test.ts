import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS } from '../../shared/src/settings';
import { readSettings, type SettingsSource } from './config';

function source(values: Record<string, unknown>): SettingsSource {
  return { get: <T>(key: string) => values[key] as T | undefined };
}

test('no user settings gives the protocol defaults and trace off', () => {
  const s = readSettings(source({}));
  assert.deepEqual(s, DEFAULT_SETTINGS);
  assert.equal(s.trace.server, 'off');
});

test('valid values are read from their dotted keys', () => {
  const s = readSettings(source({
    defaultVsphereVersion: ' 6.7 ',
    switchoverWarningSeconds: 2.5,
    calibrationMaxAgeDays: 60,
    'efficiency.tcp': 0.9,
    'efficiency.wanOptimized': 0.8,
    'hints.vmEstimate': false,
    'hints.waveFit': false,
    'codeLens.enabled': false,
    maxDocumentBytes: 1024,
    'trace.server': 'verbose',
  }));
  assert.deepEqual(s, {
    defaultVsphereVersion: '6.7',
    switchoverWarningSeconds: 2.5,
    calibrationMaxAgeDays: 60,
    efficiency: { tcp: 0.9, wanOptimized: 0.8 },
    hints: { vmEstimate: false, waveFit: false },
    codeLens: { enabled: false },
    maxDocumentBytes: 1024,
    trace: { server: 'verbose' },
  });
});

test('hand-edited values of the wrong type or out of range fall back to the defaults', () => {
  const rows: { key: string; value: unknown }[] = [
    { key: 'defaultVsphereVersion', value: 7 },
    { key: 'defaultVsphereVersion', value: '  ' },
    { key: 'switchoverWarningSeconds', value: -1 },
    { key: 'switchoverWarningSeconds', value: '1' },
    { key: 'efficiency.tcp', value: 1.5 },
    { key: 'efficiency.wanOptimized', value: 0 },
    { key: 'hints.vmEstimate', value: 'false' },
    { key: 'maxDocumentBytes', value: Number.NaN },
    { key: 'trace.server', value: 'loud' },
  ];
  const defaults = readSettings(source({}));
  for (const row of rows) {
    assert.deepEqual(readSettings(source({ [row.key]: row.value })), defaults, `${row.key}: ${String(row.value)}`);
  }
});
