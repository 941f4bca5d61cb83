import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_SETTINGS, nestedGetter, SETTINGS, settingsFrom, settingValue, type SettingKey } from './settings';

test('the client (dotted keys) and the server (nested section) read the same values the same way', () => {
  const samples: unknown[] = [undefined, null, -1, 0, 0.05, 0.5, 1, 2, 1e12, Number.NaN, '', '  ', '6.7', ' 8.0 U2 ', '7', 'verbose', 'loud', true, false, [], {}];
  const keys = Object.keys(SETTINGS) as SettingKey[];
  for (const key of keys) {
    for (const value of samples) {
      const dotted = settingsFrom((k) => (k === key ? value : undefined));
      const nested: Record<string, unknown> = {};
      const parts = key.split('.');
      let at = nested;
      for (const part of parts.slice(0, -1)) at = (at[part] = {}) as Record<string, unknown>;
      at[parts[parts.length - 1]] = value;
      assert.deepEqual(settingsFrom(nestedGetter(nested)), dotted, `${key} = ${String(value)}`);
    }
  }
});

test('out-of-bounds and wrong-typed values fall back to the default; valid ones are kept', () => {
  assert.equal(settingValue('efficiency.tcp', 1.5), 0.95);
  assert.equal(settingValue('efficiency.tcp', 0.05), 0.95);
  assert.equal(settingValue('efficiency.tcp', 0.8), 0.8);
  assert.equal(settingValue('switchoverWarningSeconds', -1), 1);
  assert.equal(settingValue('switchoverWarningSeconds', 0), 0);
  assert.equal(settingValue('maxDocumentBytes', '1024'), DEFAULT_SETTINGS.maxDocumentBytes);
  assert.equal(settingValue('defaultVsphereVersion', ' 6.7 '), '6.7');
  assert.equal(settingValue('defaultVsphereVersion', 'seven'), '7.0');
  assert.equal(settingValue('trace.server', 'loud'), 'off');
  assert.equal(settingValue('hints.waveFit', 'false'), true);
});
