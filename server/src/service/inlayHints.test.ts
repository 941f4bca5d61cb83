import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../engine/analyze';
import { doHover } from './hover';
import { contentEnd, getInlayHints } from './inlayHints';
import { generateRunbook } from '../../../test/support/generateRunbook';

const text = `runbook: 1
name: t
sites:
  a: { vsphere: "7.0" }
  b: { vsphere: "7.0" }
links:
  ab: { from: a, to: b, bandwidth: 1 Gbps, rtt: 5 ms }
vms:
  hot:
    memory: 64 GiB
    dirty_rate: 400 MB/s
  calm:
    memory: 8 GiB
    dirty_rate: 5 MB/s
waves:
  - name: W
    link: ab
    vms: [hot, calm]
`;

test('a VM that cannot converge is timed SDPS-throttled (vSphere 5.0+), and the hint says so; a range for every VM', () => {
  const analysis = analyze(text);
  const hints = getInlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, { vmEstimate: true, waveFit: false });
  const label = (line: number) => String(hints.find((h) => h.position.line === line)?.label);
  assert.match(label(8), /^≈ .+ · SDPS-throttled · stun .+ s$/);
  // No disk size with the default storage-vmotion: an open range (RB250).
  assert.match(label(11), /^≈ .+ or more · stun .+ s$/);
  const hover = doHover(analysis, { line: 8, character: 3 });
  const shown = String((hover?.contents as { value: string }).value).replace(/\\/g, ''); // drop Markdown escapes
  assert.match(shown, /\*\*What SDPS does:\*\* from vSphere 5\.0, ESX slows the guest's vCPUs until pre-copy converges: here the guest runs at about \d+ %/);
});

test('the hints of a range are exactly the whole document\'s hints on those lines', () => {
  const analysis = analyze(generateRunbook({ vms: 300, injectErrors: true }));
  const options = { vmEstimate: true, waveFit: true };
  const all = getInlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } }, options);
  assert.ok(all.filter((h) => String(h.label).startsWith('≈')).length >= 300);
  for (const [from, to] of [[0, 60], [37, 97], [500, 560], [1500, 1561], [1900, 2100]]) {
    const part = getInlayHints(analysis, { start: { line: from, character: 0 }, end: { line: to, character: 0 } }, options);
    const expected = all.filter((h) => h.position.line >= from && h.position.line <= to);
    assert.deepEqual(part.map((h) => [h.position.line, h.label]), expected.map((h) => [h.position.line, h.label]), `lines ${from}-${to}`);
  }
  const vmOnly = getInlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: 1e6, character: 0 } }, { vmEstimate: true, waveFit: false });
  assert.ok(vmOnly.every((h) => String(h.label).startsWith('≈')) && vmOnly.length > 0);
});

test('on a key line with a trailing comment the hint sits right after the key, before the comment', () => {
  const commented = text
    .replace('  hot:\n', '  hot:        # expect: RB203 (dirties memory faster than 1 Gbps)\n')
    .replace('  - name: W\n', '  - name: "W #1"   # the first night\n')
    .replace('  calm:\n', "  calm: # 'quoted' # comment\n");
  const analysis = analyze(commented);
  const hints = getInlayHints(analysis, { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, { vmEstimate: true, waveFit: true });
  const lines = commented.split('\n');
  const at = (line: number) => hints.find((h) => h.position.line === line)?.position.character;
  assert.equal(at(8), '  hot:'.length, lines[8]);
  assert.equal(at(11), '  calm:'.length, lines[11]);
  const waveLine = lines.findIndex((l) => l.startsWith('  - name:'));
  assert.equal(at(waveLine), '  - name: "W #1"'.length, 'a # inside quotes is not a comment');
  // Without a comment the hint stays at the end of the line.
  const plain = getInlayHints(analyze(text), { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } }, { vmEstimate: true, waveFit: false });
  assert.equal(plain.find((h) => h.position.line === 8)?.position.character, '  hot:'.length);
});

test('contentEnd: comments, quotes and flow mappings', () => {
  const cases: [string, string][] = [
    ['  stun01:                        # expect: RB205', '  stun01:'],
    ['  svm01: { memory: 8 GiB, disk: 100 GiB }  # six of them', '  svm01: { memory: 8 GiB, disk: 100 GiB }'],
    ["  a: 'it''s # not a comment'  # but this is", "  a: 'it''s # not a comment'"],
    ['  b: "x \\" # still text" # comment', '  b: "x \\" # still text"'],
    ['  c: value#not-a-comment', '  c: value#not-a-comment'],
    ['# whole line', ''],
    ['  d:   ', '  d:'],
  ];
  for (const [line, kept] of cases) assert.equal(contentEnd(line), kept.length, line);
});
