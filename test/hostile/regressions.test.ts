/**
 * Regressions the fuzzer found: each input here once threw (or went silent) somewhere in the engine
 * or the editor features.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { complete } from '../../server/src/service/completion';
import { getLanguageService } from '../../server/src/service/index';
import { sampleSmall } from '../fuzz/corpus';

describe('fuzzer regressions', () => {
  it('a 1e300 GiB VM on a 1e-320 Gbps link: hover, inlay hints, schedule and the deadline rule answer instead of throwing Invalid time value', () => {
    const text = sampleSmall().replace('memory: 8 GiB', 'memory: 1e300 GiB').replace('bandwidth: 10 Gbps', 'bandwidth: 1e-320 Gbps').replace('name: Small move', 'name: Small move\ndeadline: "2026-12-06T00:00:00Z"');
    const analysis = analyze(text);
    assert.ok(analysis.findings.every((f) => f.code !== 'RB000'), JSON.stringify(analysis.findings.filter((f) => f.code === 'RB000')));
    const service = getLanguageService();
    const document = { uri: 'file:///x.runbook.yaml', version: 1, getText: () => text };
    const waveLine = text.split('\n').findIndex((l) => l.includes('- name: Wave 1'));
    const hover = service.doHover(document, { line: waveLine, character: 6 });
    assert.ok(hover, 'a hover on the wave');
    assert.match(JSON.stringify(hover), /out of the calendar range/);
    assert.doesNotThrow(() => service.doInlayHints(document, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }));
    assert.doesNotThrow(() => service.doSchedule(document));
    assert.doesNotThrow(() => service.doCodeLens(document));
  });

  it('a VM value given by a YAML alias is reported (it was silently missing from the estimate)', () => {
    const text = sampleSmall().replace('memory: 16 GiB', 'memory: &m 16 GiB').replace('memory: 8 GiB', 'memory: *m');
    const analysis = analyze(text);
    const alias = analysis.findings.find((f) => f.code === 'RB001' && /alias '\*m'/.test(f.message));
    assert.ok(alias, JSON.stringify(analysis.findings.map((f) => f.message)));
    assert.equal(text.slice(alias.span.start, alias.span.end), '*m');
  });
});

describe('fuzzer regressions (completion)', () => {
  it('completion after a key named constructor, toString or __proto__ is not a quantity (threw in unitsOf)', () => {
    for (const key of ['constructor', 'toString', '__proto__', 'hasOwnProperty']) {
      const text = `runbook: 1\nvms:\n  a:\n    ${key}: 1 `;
      const analysis = analyze(text);
      assert.doesNotThrow(() => complete(analysis, { line: 3, character: key.length + 8 }), key);
    }
  });
});

describe('fuzzer regressions (rollback estimate)', () => {
  it('a wave with concurrency 1e9 (or another huge number) is estimated, not a RangeError: Invalid array length', () => {
    const sample = readFileSync(join(process.cwd(), 'samples', 'wan-optimized-2000-miles.runbook.yaml'), 'utf8');
    assert.match(sample, /concurrency: \d+/);
    for (const concurrency of ['4294967296', '1e308', '1e400', '.inf', '.nan']) {
      for (const text of [sample.replace(/concurrency: \d+/, `concurrency: ${concurrency}`), sampleSmall().replace('    link: a-b\n', `    link: a-b\n    concurrency: ${concurrency}\n`)]) {
        assert.doesNotThrow(() => analyze(text), concurrency);
      }
    }
  });
});
