import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyze } from '../analyze';

const sample = readFileSync(join(process.cwd(), 'samples/night/night.runbook.yaml'), 'utf8');
const CAL = /calibration: \{[^\n]*\}/;

/** A small deterministic generator (no dependency): the same cases every run. */
function* cases(n: number): Generator<{ factor: number; fixed: number; spread: number; scale?: number }> {
  let x = 12345;
  const next = (): number => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) yield { factor: 0.2 + next() * 2, fixed: Math.round(next() * 300), spread: Math.round(next() * 60), scale: i % 4 === 0 ? 0.3 + next() * 3 : undefined };
}

test('property: a calibration never makes an estimate inconsistent (low <= likely <= high) or slower with more bandwidth', () => {
  for (const c of cases(40)) {
    const values = c.scale !== undefined ? `scale: ${c.scale.toFixed(3)}` : `rate_factor: ${c.factor.toFixed(3)}, fixed_time: ${c.fixed} s`;
    const entry = `calibration: { source: p.csv, measured: 2026-12-01, moves: 3, ${values}, spread: ${c.spread} %, link: { bandwidth: 1 Gbps, transport: tcp } }`;
    const text = sample.replace(CAL, entry);
    let previous: Map<string, number> | undefined;
    for (const bandwidth of ['1 Gbps', '2 Gbps', '10 Gbps']) {
      const a = analyze(text.replace('    bandwidth: 1 Gbps\n', `    bandwidth: ${bandwidth}\n`), { nowEpochMs: Date.parse('2026-12-02T00:00:00Z') });
      const totals = new Map<string, number>();
      for (const [id, e] of a.estimate.vms) {
        assert.ok(e.lowSeconds <= e.totalSeconds + 1e-9 && e.totalSeconds <= e.highSeconds + 1e-9, `${entry} ${bandwidth} ${id}: ${e.lowSeconds} ${e.totalSeconds} ${e.highSeconds}`);
        assert.ok(e.lowSeconds < e.highSeconds || c.spread === 0, `${id}: the range stays open with a spread`);
        assert.match(e.explanation.join('\n'), /Calibration of link 'dal-iad': calibrated from 3 pilot moves, 2026-12-01/);
        totals.set(id, e.totalSeconds);
      }
      if (previous) for (const [id, t] of totals) assert.ok(t <= (previous.get(id) as number) + 1e-6, `${entry}: ${id} slower with ${bandwidth} (${t} > ${previous.get(id)})`);
      previous = totals;
    }
  }
});

test('the hover words: where the numbers come from', () => {
  const e = analyze(sample).estimate.vms.get('app-01');
  assert.ok(e);
  assert.match(e.limitedBy, /; calibrated from 2 pilot moves, 2026-12-01, ±10 %$/);
  assert.ok(e.rangeDrivers.includes('link calibration spread ±10 %'));
  const uncalibrated = analyze(sample, { ignoreCalibration: true }).estimate.vms.get('app-01');
  assert.ok(uncalibrated && e.totalSeconds > uncalibrated.totalSeconds, 'the pilot ran slower than the model');
});
