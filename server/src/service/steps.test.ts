/** Steps in the editor: hover (schedule, what it waits for), inlay hints (start time), runbook/schedule data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../engine/analyze';
import { doHover } from './hover';
import { getInlayHints } from './inlayHints';
import { buildScheduleResult } from './schedule';
import { withCursor } from '../../../test/support/cursor';

const RUNBOOK = `runbook: 1
name: steps
sites: { a: {}, b: {} }
links: { ab: { from: a, to: b, bandwidth: 10 Gbps, rtt: 5 ms } }
vms: { db01: { memory: 8 GiB, dirty_rate: 1 MB/s } }
waves:
  - name: W
    link: ab
    window: { start: "2026-12-05T22:00:00-05:00", duration: 4h }
    vms: [db01]
    before:
      - id: fr|eeze
        title: Stop order intake
        duration: 10-20 min
        owner: app-team
    after:
      - id: dns
        duration: 5 min
        kind: script
        command: ./dns.sh
        depends_on: [db01]
    rollback:
      - id: revert
        duration: 15 min
`;

test('hover on a step shows its best and worst start and end in the window offset and what it waits for', () => {
  const { text, position } = withCursor(RUNBOOK);
  const hover = doHover(analyze(text), position);
  const raw = hover && typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
  const value = raw.replace(/\\(.)/g, '$1'); // markdown escapes off, to compare the words
  assert.match(value, /\*\*Before step `freeze`\*\* Stop order intake/);
  assert.match(value, /\| Starts \| 2026-12-05 22:00 -05:00 \|/);
  assert.match(value, /\| Ends \| 2026-12-05 22:10 -05:00 \(worst 2026-12-05 22:20 -05:00\) \|/);
  assert.match(value, /\| Waits for \| the wave start \|/);
  assert.match(value, /\| Owner \| app-team \|/);
});

test('hover on an after step names the VM it waits for; a rollback step shows the rollback time', () => {
  const dns = withCursor(RUNBOOK.replace('fr|eeze', 'freeze').replace('id: dns', 'id: d|ns'));
  const value = JSON.stringify(doHover(analyze(dns.text), dns.position)?.contents);
  assert.match(value, /Waits for \| db01/);
  assert.match(value, /Runs: `.\/dns.sh`/);
  const revert = withCursor(RUNBOOK.replace('fr|eeze', 'freeze').replace('id: revert', 'id: rev|ert'));
  assert.match(JSON.stringify(doHover(analyze(revert.text), revert.position)?.contents), /Rollback from the last point \| [^|]*reverse migration/);
});

test('inlay hints show each step start (worst case when it differs)', () => {
  const text = RUNBOOK.replace('fr|eeze', 'freeze');
  const analysis = analyze(text);
  const hints = getInlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } }, { vmEstimate: true, waveFit: true });
  const labels = hints.map((h) => [h.position.line, String(h.label)]);
  const freezeLine = text.split('\n').indexOf('      - id: freeze');
  const dnsLine = text.split('\n').indexOf('      - id: dns');
  assert.ok(labels.some(([line, label]) => line === freezeLine && label === 'starts 22:00'), JSON.stringify(labels));
  const dns = labels.find(([line]) => line === dnsLine);
  assert.match(String(dns?.[1]), /^starts 22:1\d \(worst 22:2\d\)$/);
});

test('runbook/schedule carries steps with best/worst times and lines, and each wave its rollback', () => {
  const text = RUNBOOK.replace('fr|eeze', 'freeze');
  const result = buildScheduleResult('file:///x.runbook.yaml', 1, analyze(text));
  assert.deepEqual(result.steps?.map((s) => [s.id, s.phase, s.kind, s.owner, s.line, (s.worstEndEpochMs - s.bestEndEpochMs) / 60_000]), [
    ['freeze', 'before', 'manual', 'app-team', 11, 10],
    ['dns', 'after', 'script', undefined, 16, 10],
  ]);
  const wave = result.waves[0];
  assert.ok((wave.rollbackSeconds ?? 0) > 15 * 60);
  assert.equal(wave.rollback?.stepsSeconds, 15 * 60);
  assert.equal((wave.worstEndEpochMs ?? 0) - wave.endEpochMs, 10 * 60_000);
});
