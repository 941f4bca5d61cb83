import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../analyze';

const sample = readFileSync(join(process.cwd(), 'samples/night/night.runbook.yaml'), 'utf8');
const NOW = Date.parse('2026-12-02T23:20:00-06:00');
const rb410 = (text: string, now = NOW, maxAge?: number) => analyze(text, { nowEpochMs: now, ...(maxAge !== undefined ? { calibrationMaxAgeDays: maxAge } : {}) }).findings.filter((f) => f.code === 'RB410');

test('RB410 is silent while the link is as measured and the calibration is recent', () => {
  assert.match(sample, /calibration: \{ source: pilot-tasks\.csv, measured: 2026-12-01/);
  assert.deepEqual(rb410(sample), []);
});

test('RB410 names what changed: bandwidth, transport, concurrency, age', () => {
  const changed = sample.replace('    bandwidth: 1 Gbps\n', '    bandwidth: 2 Gbps\n').replace('    transport: tcp\n', '    transport: wan-optimized\n');
  const [f, ...rest] = rb410(changed);
  assert.equal(rest.length, 0);
  assert.equal(f.severity, 'warning');
  assert.match(f.message, /^The calibration of link 'dal-iad' no longer matches it: bandwidth 1 Gbps then, 2 Gbps now; transport tcp then, wan-optimized now\. Its estimates still use it/);
  const withConcurrency = sample.replace('link: { bandwidth: 1 Gbps, transport: tcp }', 'link: { bandwidth: 1 Gbps, transport: tcp, concurrency: 1 }');
  assert.match(rb410(withConcurrency)[0]?.message ?? '', /concurrency 1 then, 2 in 'wave-2' now/);
  assert.match(rb410(sample, Date.parse('2027-02-01T00:00:00Z'))[0]?.message ?? '', /measured 2026-12-01, 62 days ago \(the limit is 30: runbook\.calibrationMaxAgeDays\)/);
  assert.deepEqual(rb410(sample, Date.parse('2027-02-01T00:00:00Z'), 90), []);
});
