/**
 * Editor features through the protocol-free language service, table-driven with a `|` cursor marker.
 * Expected numbers come from the estimate itself (formatted), so these tests check the plumbing and
 * the wording, not the estimator's calibration.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_SETTINGS } from '../../../shared/src/settings';
import { formatDuration, formatDurationRange } from '../../../shared/src/units/quantity';
import { getLanguageService, type TextDocumentLike } from './index';

const RUNBOOK = `runbook: 1
name: Service test
sites:
  ewr:
    name: Newark
    vsphere: "7.0"
    license: enterprise-plus
    vmotion_nic: 10 Gbps
  phl:
    vsphere: "6.7"
links:
  ewr-phl:
    from: ewr
    to: phl
    bandwidth: 10 Gbps
    rtt: 5 ms
    loss: 0.001 %
vms:
  db01:
    name: "[x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    memory: 16 GiB
    dirty_rate: 20 MB/s
    disk: 100 GiB
  app01:
    memory: 8 GiB
    dirty_rate: 5 MB/s
    disk: 50 GiB
    depends_on: [db01]
waves:
  - name: Wave 1
    link: ewr-phl
    window: { start: "2026-12-05T22:00:00-05:00", duration: 6h }
    vms: [db01, app01]
  - name: Too short
    link: ewr-phl
    window: { start: "2026-12-06T22:00:00-05:00", duration: 1 min }
    vms: []
`;

/** The cache trusts (uri, version) to name one text, so each different text gets its own URI. */
const uris = new Map<string, string>();
function doc(text: string, version = 1): TextDocumentLike {
  if (!uris.has(text)) uris.set(text, `file:///t${uris.size}.runbook.yaml`);
  return { uri: uris.get(text) as string, version, getText: () => text };
}

function lineOf(text: string, needle: string): number {
  const line = text.split('\n').findIndex((l) => l.includes(needle));
  assert.ok(line >= 0, needle);
  return line;
}

/** Removes the `‸` cursor marker, returning the text and the cursor position. */
function cursor(marked: string): { text: string; position: { line: number; character: number } } {
  const offset = marked.indexOf('‸');
  const before = marked.slice(0, offset);
  const lines = before.split('\n');
  return { text: before + marked.slice(offset + 1), position: { line: lines.length - 1, character: lines[lines.length - 1].length } };
}

/** Literal text as a Markdown renderer shows it. */
const shown = (markdown: string): string => markdown.replace(/\\(.)/g, '$1');

describe('hover', () => {
  // `‸` marks the cursor (a character runbooks do not contain, unlike `|`).
  const rows: { name: string; at: [string, string]; expect: RegExp[]; absent?: RegExp[] }[] = [
    { name: 'VM key', at: ['  db01:', '  d‸b01:'], expect: [/VM `db01`/, /Switchover \(stun\)/, /Memory pre-copy/, /rounds?/, /Throughput per stream/, /Limited by/, /How it is computed/] },
    { name: 'inside a VM entry', at: ['    dirty_rate: 20 MB/s', '    dirty_rate: 2‸0 MB/s'], expect: [/VM `db01`/, /Disk/] },
    { name: 'nested key of a VM: its description, then the VM', at: ['    memory: 8 GiB', '    mem‸ory: 8 GiB'], expect: [/`memory`/, /VM `app01`/] },
    { name: 'dependency id shows the dependency', at: ['    depends_on: [db01]', '    depends_on: [d‸b01]'], expect: [/VM `db01`/] },
    { name: 'link key', at: ['  ewr-phl:', '  ewr‸-phl:'], expect: [/Link `ewr-phl`/, /RTT \| 5 ms \(given/, /Bandwidth-delay product/, /Per stream \| tcp \| wan-optimized/, /Limited by/] },
    { name: 'link endpoint shows the site', at: ['    to: phl', '    to: p‸hl'], expect: [/Site `phl`/, /vSphere \| 6\.7/] },
    { name: 'wave name', at: ['  - name: Wave 1', '  - name: Wa‸ve 1'], expect: [/Wave 1/, /Duration \| ≈ /, /Fits the window \| yes/, /Window \| 2026-12-05 22:00 -05:00 for 6 h/] },
    { name: 'wave VM list item shows the VM', at: ['    vms: [db01, app01]', '    vms: [db01, ap‸p01]'], expect: [/VM `app01`/] },
    { name: 'site with limits', at: ['  ewr:', '  e‸wr:'], expect: [/Site `ewr`\*\* Newark/, /Max vMotion RTT \| 150 ms/, /Concurrent vMotions \| 8 per host, 8 per host network/, /Min bandwidth per vMotion \| 250 Mbps/] },
    { name: 'old site', at: ['  phl:', '  p‸hl:'], expect: [/Per-stream cap \| 18 Gbps/, /License \| not given/, /General support \| ended 2022-10-15 \(RB303/] },
    { name: 'plain key: schema description', at: ['runbook: 1', 'run‸book: 1'], expect: [/`runbook`/, /Format version/] },
  ];
  const service = getLanguageService();
  for (const row of rows) {
    it(row.name, () => {
      assert.ok(RUNBOOK.includes(row.at[0]), row.at[0]);
      const { text, position } = cursor(RUNBOOK.replace(row.at[0], row.at[1]));
      const hover = service.doHover(doc(text), position);
      assert.ok(hover, 'a hover');
      const value = shown((hover.contents as { value: string }).value);
      for (const re of row.expect) assert.match(value, re);
    });
  }

  it('escapes a hostile VM name', () => {
    const { text, position } = cursor(RUNBOOK.replace('  db01:', '  db01‸:'));
    const hover = service.doHover(doc(text), position);
    const value = (hover?.contents as { value: string }).value;
    assert.ok(value.includes('\\[x\\]\\(javascript\\:alert\\(1\\)\\) \\<img src\\=x onerror\\=alert\\(1\\)\\>'), value);
    assert.doesNotMatch(value, /(^|[^\\])[<[]/);
  });

  it('is null on blank space, and clamps positions past the end', () => {
    const lines = RUNBOOK.split('\n');
    const end = { line: lines.length - 1, character: lines[lines.length - 1].length };
    assert.deepEqual(service.doHover(doc(RUNBOOK), { line: 9999, character: 9999 }), service.doHover(doc(RUNBOOK), end));
    assert.equal(service.doHover(doc('\n\n'), { line: 1, character: 0 }), null);
    assert.equal(service.doHover(doc(': : [\n'), { line: 0, character: 2 }), null);
  });
});

describe('inlay hints', () => {
  const service = getLanguageService();
  const all = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };

  it('puts each VM estimate at the end of its key line and each wave fit after its name', () => {
    const hints = service.doInlayHints(doc(RUNBOOK), all);
    const state = service.inspect(doc(RUNBOOK));
    assert.ok(state.kind === 'analysed');
    const analysis = state.analysis;
    const db = analysis.estimate.vms.get('db01');
    assert.ok(db, 'db01 has an estimate');
    const dbLine = lineOf(RUNBOOK, '  db01:');
    const dbHint = hints.find((h) => h.position.line === dbLine);
    assert.deepEqual(dbHint?.position, { line: dbLine, character: '  db01:'.length });
    // The range (issue 13): `≈ 16-21 min`, the likely value inside it.
    assert.equal(dbHint?.label, `≈ ${formatDurationRange(db.lowSeconds, db.highSeconds)} · stun ${formatDuration(db.switchoverSeconds)}`);
    assert.ok(db.lowSeconds < db.totalSeconds && db.totalSeconds < db.highSeconds);

    const waveLine = lineOf(RUNBOOK, '  - name: Wave 1');
    const waveHint = hints.find((h) => h.position.line === waveLine);
    const wave = analysis.estimate.schedule.waves[0];
    assert.equal(waveHint?.label, `≈ ${formatDurationRange(wave.lowDurationSeconds ?? 0, wave.highDurationSeconds ?? 0)} of 6 h`);
    assert.equal(hints.length, analysis.estimate.vms.size + analysis.estimate.schedule.waves.length);
  });

  it('says when a wave overruns its window', () => {
    const text = RUNBOOK.replace('vms: []', 'vms: [app01]').replace('    vms: [db01, app01]', '    vms: [db01]');
    const hints = service.doInlayHints(doc(text, 2), all);
    const hint = hints.find((h) => h.position.line === lineOf(text, '  - name: Too short'));
    assert.match(String(hint?.label), /^≈ .+ of 1 min · overruns by .+$/);
  });

  it('returns only the hints inside the requested range', () => {
    const waveLine = lineOf(RUNBOOK, '  - name: Wave 1');
    const hints = service.doInlayHints(doc(RUNBOOK), { start: { line: waveLine, character: 0 }, end: { line: waveLine + 3, character: 0 } });
    assert.deepEqual(hints.map((h) => h.position.line), [waveLine]);
  });

  it('follows runbook.hints settings', () => {
    const local = getLanguageService();
    local.configure({ ...DEFAULT_SETTINGS, hints: { vmEstimate: false, waveFit: true } });
    const hints = local.doInlayHints(doc(RUNBOOK), all);
    assert.ok(hints.length > 0);
    assert.ok(hints.every((h) => !String(h.label).includes('stun')));
    local.configure({ ...DEFAULT_SETTINGS, hints: { vmEstimate: false, waveFit: false } });
    assert.deepEqual(local.doInlayHints(doc(RUNBOOK), all), []);
  });
});

describe('code lenses', () => {
  it('shows the fit and "Show timeline" above each scheduled wave', () => {
    const service = getLanguageService();
    const lenses = service.doCodeLens(doc(RUNBOOK));
    const waveLine = lineOf(RUNBOOK, '  - name: Wave 1');
    const first = lenses.filter((l) => l.range.start.line === waveLine);
    assert.equal(first.length, 2);
    assert.match(first[0].command?.title ?? '', /^≈ .+ of 6 h \(fits\)$/);
    assert.equal(first[0].command?.command, '');
    assert.deepEqual(first[1].command, { title: 'Show timeline', command: 'runbook.showTimeline', arguments: [doc(RUNBOOK).uri] });
    service.configure({ ...DEFAULT_SETTINGS, codeLens: { enabled: false } });
    assert.deepEqual(service.doCodeLens(doc(RUNBOOK)), []);
  });
});

describe('analysis cache and limits', () => {
  it('analyses a version once, again for a new version or new settings', () => {
    const service = getLanguageService();
    const first = service.doValidation(doc(RUNBOOK, 1));
    assert.equal(first.fresh, true);
    assert.equal(service.doValidation(doc(RUNBOOK, 1)).fresh, false);
    assert.equal(service.inspect(doc(RUNBOOK, 1)), service.inspect(doc(RUNBOOK, 1)));
    assert.equal(service.doValidation(doc(RUNBOOK, 2)).fresh, true);
    service.configure({ ...DEFAULT_SETTINGS, switchoverWarningSeconds: 5 });
    assert.equal(service.doValidation(doc(RUNBOOK, 2)).fresh, true);
  });

  it('the first validation of a version is fresh even when inlay hints analysed it first', () => {
    // Otherwise runbook/validated is never sent for a document whose hints were asked first.
    const service = getLanguageService();
    service.doInlayHints(doc(RUNBOOK, 1), { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } });
    const first = service.doValidation(doc(RUNBOOK, 1));
    assert.equal(first.fresh, true);
    assert.ok(first.durationMs > 0);
    assert.equal(service.doValidation(doc(RUNBOOK, 1)).fresh, false);
  });

  it('replaces the analysis of a document above maxDocumentBytes by one RB000 diagnostic', () => {
    const service = getLanguageService();
    service.configure({ ...DEFAULT_SETTINGS, maxDocumentBytes: 64 });
    const validation = service.doValidation(doc(RUNBOOK));
    assert.equal(validation.diagnostics.length, 1);
    assert.equal(validation.diagnostics[0].code, 'RB000');
    assert.match(String(validation.diagnostics[0].message), new RegExp(`${Buffer.byteLength(RUNBOOK)} bytes.*runbook\\.maxDocumentBytes.*64 bytes`));
    assert.equal(service.doHover(doc(RUNBOOK), { line: 0, character: 1 }), null);
    assert.equal(service.doSchedule(doc(RUNBOOK)), null);
  });

  it('builds the runbook/schedule result with 0-based lines', () => {
    const service = getLanguageService();
    const result = service.doSchedule(doc(RUNBOOK, 3));
    assert.ok(result);
    assert.equal(result.version, 3);
    assert.equal(result.waves[0].line, lineOf(RUNBOOK, '  - name: Wave 1'));
    const app = result.vms.find((v) => v.id === 'app01');
    assert.equal(app?.line, lineOf(RUNBOOK, '  app01:'));
    assert.deepEqual(app?.dependsOn, ['db01']);
    assert.ok((app?.startEpochMs ?? 0) >= (result.vms.find((v) => v.id === 'db01')?.endEpochMs ?? Infinity), 'app01 waits for db01');
  });
});

describe('hover on the issue 17 keys (from the schema, like the old ones)', () => {
  const service = getLanguageService();
  const text = `runbook: 1
name: Keys
start: now
method: hcx-bulk
sites:
  a: { vsphere: "8.0", evc: intel-skylake, key_provider: kms1, license: vsphere-foundation }
vms:
  v1:
    memory: 8 GiB
    hardware_version: 19
    features: [vtpm]
`;
  const rows: [string, RegExp][] = [
    ['start: now', /`start`[\s\S]*T\+0|now/],
    ['method: hcx-bulk', /`method`[\s\S]*HCX Bulk/],
    ['hardware_version: 19', /`hardware_version`[\s\S]*KB 2007240/],
    ['features: [vtpm]', /`features`[\s\S]*passthrough/],
    ['a: { vsphere', /License \| vsphere-foundation \(counts as enterprise-plus\)[\s\S]*General support \| current/],
  ];
  for (const [line, expect] of rows) {
    it(line, () => {
      const at = text.indexOf(line) + 2;
      const before = text.slice(0, at).split('\n');
      const hover = service.doHover(doc(text), { line: before.length - 1, character: before[before.length - 1].length });
      assert.ok(hover, 'a hover');
      assert.match(shown((hover.contents as { value: string }).value), expect);
    });
  }
});
