/**
 * Safe rendering: a runbook whose names are hostile (a javascript: link, an <img onerror>, </script>,
 * an OSC 8 terminal hyperlink, bidi overrides, Markdown headings and tables, spreadsheet formulas)
 * must show them as typed everywhere and run none of them: hovers, inlay hints, code lenses,
 * completion, diagnostics, CLI output (text, JSON, SARIF, estimate), the timeline exports (SVG, HTML,
 * CSV) and the webview's source.
 */
import { strict as assert } from 'node:assert';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { analyze } from '../../server/src/engine/analyze';
import { renderExport } from '../../shared/src/timeline/index';
import { complete } from '../../server/src/service/completion';
import { getLanguageService } from '../../server/src/service/index';
import { buildScheduleResult } from '../../server/src/service/schedule';
import { REPO_ROOT, runIn, workspace } from '../cli/harness';
import { HOSTILE_STRINGS, yamlQuoted } from './strings';

/** A valid plan; `names(i)` gives the display names (plan, sites, VMs, wave). */
function runbook(names: (i: number) => string, vmId = 'web01'): string {
  const q = (i: number): string => yamlQuoted(names(i));
  return `runbook: 1
name: ${q(0)}
sites:
  a: { name: ${q(1)}, vsphere: "7.0" }
  b: { name: ${q(2)}, vsphere: "7.0" }
links:
  a-b: { from: a, to: b, bandwidth: 10 Gbps, rtt: 5 ms }
vms:
  ${yamlQuoted(vmId)}: { name: ${q(3)}, memory: 8 GiB, disk: 40 GiB, dirty_rate: 5 MB/s }
${HOSTILE_STRINGS.map((_, i) => `  vm${i}: { name: ${q(4 + i)}, memory: 4 GiB, disk: 20 GiB, dirty_rate: 1 MB/s }`).join('\n')}
waves:
  - name: ${q(100)}
    link: a-b
    window: { start: "2026-12-05T22:00:00-05:00", duration: 4h }
    vms: [${yamlQuoted(vmId)}, ${HOSTILE_STRINGS.map((_, i) => `vm${i}`).join(', ')}]
`;
}

const hostileName = (i: number): string => HOSTILE_STRINGS[i % HOSTILE_STRINGS.length];
const HOSTILE = runbook(hostileName, '<img src=x onerror=alert(1)>');
const BENIGN = runbook((i) => `Name ${i}`, 'web01');

/** Characters that must never reach a renderer raw: C0 (but tab and newline), DEL, C1, bidi controls. */
const RAW_CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const RAW_CONTROLS_GLOBAL = new RegExp(RAW_CONTROLS.source, 'g');

/** Markdown with its code spans removed (their content is literal by definition). */
function outsideCode(markdown: string): string {
  return markdown.replace(/(`+)[\s\S]*?\1/g, '');
}

function assertInertMarkdown(markdown: string, where: string): void {
  const text = outsideCode(markdown);
  assert.doesNotMatch(text, /(?<!\\)[<>]/, `${where}: raw < or > (HTML) in ${markdown}`);
  assert.doesNotMatch(text, /(?<!\\)\]\(|(?<!\\)!\[/, `${where}: a link or an image in ${markdown}`);
  assert.doesNotMatch(text, /(?<!\\)\b(?:https?|javascript):/i, `${where}: an autolink in ${markdown}`);
  assert.doesNotMatch(markdown, RAW_CONTROLS, `${where}: a raw control character`);
  assert.doesNotMatch(markdown, /^#/m, `${where}: a heading`);
  for (const line of markdown.split('\n').filter((l) => l.startsWith('|'))) {
    // A table row keeps its own cell count: a `|` from a name is escaped.
    const cells = line.split(/(?<!\\)\|/).length;
    assert.ok(cells === 4 || cells === 5, `${where}: a table row with ${cells - 2} cells: ${line}`);
  }
}

/** Markdown escapes undone: what the reader sees. */
function shown(markdown: string): string {
  return markdown.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

describe('safe rendering of hostile names', () => {
  const service = getLanguageService();
  const document = { uri: 'file:///hostile.runbook.yaml', version: 1, getText: () => HOSTILE };
  const analysis = analyze(HOSTILE);
  const lines = HOSTILE.split('\n');
  const lineOf = (needle: string): number => lines.findIndex((l) => l.includes(needle));

  it('the hostile runbook is analysed as a plan (names are data, the schedule exists)', () => {
    assert.ok(analysis.estimate.schedule.waves.length === 1, JSON.stringify(analysis.findings.map((f) => f.message)));
    assert.equal(analysis.model.vms.get('vm0')?.name?.value, HOSTILE_STRINGS[4 % HOSTILE_STRINGS.length]);
  });

  it('hovers on VMs, sites, links and the wave show the names as typed: no link, image, HTML, heading, table cell or control character', () => {
    const positions: [string, number, number][] = [
      ['VM with a hostile id', lineOf('<img src=x onerror'), 4],
      ...HOSTILE_STRINGS.map((_, i): [string, number, number] => [`VM vm${i}`, lineOf(`  vm${i}: {`), 3]),
      ['site a', lineOf('  a: {'), 2],
      ['link', lineOf('  a-b:'), 3],
      ['wave', lineOf('  - name:'), 6],
    ];
    let seen = 0;
    for (const [what, line, character] of positions) {
      const hover = service.doHover(document, { line, character });
      assert.ok(hover, `a hover on ${what}`);
      const value = typeof hover.contents === 'object' && 'value' in hover.contents ? hover.contents.value : '';
      assert.ok(value.length > 0, what);
      assertInertMarkdown(value, what);
      seen++;
    }
    assert.equal(seen, positions.length);
    // "As typed": each VM's name reads back literally (line breaks as spaces, controls as U+XXXX).
    const expected = (name: string): string =>
      name.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(RAW_CONTROLS_GLOBAL, (c) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    HOSTILE_STRINGS.forEach((_, i) => {
      const hover = service.doHover(document, { line: lineOf(`  vm${i}: {`), character: 3 })!;
      const value = shown((hover.contents as { value: string }).value);
      assert.ok(value.includes(expected(hostileName(4 + i))), `vm${i}: ${JSON.stringify(hostileName(4 + i))} not shown as typed in ${JSON.stringify(value.slice(0, 200))}`);
    });
  });

  it('inlay hints: plain string labels and tooltips without runbook names', () => {
    const hints = service.doInlayHints(document, { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } });
    assert.ok(hints.length > HOSTILE_STRINGS.length);
    for (const h of hints) {
      assert.equal(typeof h.label, 'string', 'label parts could carry commands or locations');
      assert.ok(h.tooltip === undefined || typeof h.tooltip === 'string', 'a tooltip as plain text, not Markdown');
      assert.doesNotMatch(String(h.label), RAW_CONTROLS);
      for (const s of HOSTILE_STRINGS) assert.ok(!String(h.label).includes(s), `label ${String(h.label)}`);
    }
  });

  it('code lenses: fixed titles, and only the show-timeline command', () => {
    const lenses = service.doCodeLens(document);
    assert.ok(lenses.length > 0);
    for (const lens of lenses) {
      assert.ok(lens.command);
      assert.ok(lens.command.command === '' || lens.command.command === 'runbook.showTimeline', lens.command.command);
      assert.doesNotMatch(lens.command.title, RAW_CONTROLS);
      for (const s of HOSTILE_STRINGS) assert.ok(!lens.command.title.includes(s), lens.command.title);
    }
  });

  it('completion: names only in plain-text detail, documentation only from the schema', () => {
    const waveVms = lineOf('    vms: [');
    const list = complete(analysis, { line: waveVms, character: '    vms: ['.length });
    for (const item of list.items) {
      if (item.documentation !== undefined) {
        const doc = typeof item.documentation === 'string' ? item.documentation : item.documentation.value;
        for (const s of HOSTILE_STRINGS) assert.ok(!doc.includes(s), `documentation of ${item.label}`);
      }
      assert.ok(item.detail === undefined || typeof item.detail === 'string');
    }
  });

  it('diagnostics quoting values are plain strings (not Markdown)', () => {
    const v = service.doValidation(document);
    assert.ok(v.diagnostics.length > 0, 'the hostile VM id breaks the id pattern');
    for (const d of v.diagnostics) assert.equal(typeof d.message, 'string');
  });

  it('CLI output (check text/json/sarif, estimate text/json): control characters and escapes shown, never raw', () => {
    const { dir, cleanup } = workspace({ 'hostile.runbook.yaml': HOSTILE.replace('name: ', 'name: "\\e]8;;http://evil\\a" # ') });
    try {
      const runs = [
        runIn(dir, ['check', 'hostile.runbook.yaml'], { isTTY: true }),
        runIn(dir, ['check', '--format', 'json', 'hostile.runbook.yaml']),
        runIn(dir, ['check', '--format', 'sarif', 'hostile.runbook.yaml']),
        runIn(dir, ['estimate', 'hostile.runbook.yaml'], { isTTY: true }),
        runIn(dir, ['estimate', '--format', 'json', 'hostile.runbook.yaml']),
      ];
      for (const r of runs) {
        assert.ok(r.code === 0 || r.code === 1, r.stderr);
        // Colour (SGR `ESC [ ... m`) is ours; any other escape is not.
        for (const out of [r.stdout, r.stderr]) {
          const withoutColour = out.replace(/\u001b\[[0-9;]*m/g, '');
          assert.doesNotMatch(withoutColour, RAW_CONTROLS, out.slice(0, 300));
        }
      }
      assert.match(runs[3].stdout, /\\x1b\]8;;http:\/\/evil\\x07|\\u001b/, 'the OSC 8 sequence is shown escaped');
    } finally {
      cleanup();
    }
  });

  it('exports: SVG and HTML have the same markup as for benign names (names only as text), CSV cells cannot start a formula', () => {
    const hostileSchedule = buildScheduleResult('file:///h.runbook.yaml', 1, analysis);
    const benignSchedule = buildScheduleResult('file:///b.runbook.yaml', 1, analyze(BENIGN));
    const markup = (text: string): string[] => [...text.matchAll(/<\/?([A-Za-z][\w:-]*)((?:\s+[\w:-]+(?:="[^"]*")?)*)\s*\/?>/g)].map((m) => `${m[1]}(${[...m[2].replace(/"[^"]*"/g, '""').matchAll(/([\w:-]+)=/g)].map((a) => a[1]).join(',')})`);
    // A VM's problems follow its findings, and the hostile id adds one (RB0xx on the id), with its
    // marks: compare the markup without problems; with them, the hostile text must stay text.
    const noProblems = (s: typeof hostileSchedule): typeof hostileSchedule => ({ ...s, vms: s.vms.map(({ problems: _p, ...vm }) => vm) });
    assert.ok(hostileSchedule.vms.some((vm) => vm.problems?.some((p) => p.message.includes('<img'))), 'a problem message quotes the hostile id');
    for (const format of ['svg', 'html'] as const) {
      const hostile = renderExport(format, noProblems(hostileSchedule));
      const benign = renderExport(format, noProblems(benignSchedule));
      assert.deepEqual(markup(hostile), markup(benign), `${format}: the hostile names added or changed markup`);
      assert.ok(!renderExport(format, hostileSchedule).includes('<img'), `${format}: a problem message added markup`);
      assert.doesNotMatch(hostile, /<img|<\/script><script>|href="\s*javascript:/i, format);
      assert.doesNotMatch(hostile, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/, `${format}: XML forbids C0 controls`);
    }
    const csv = renderExport('csv', hostileSchedule);
    const cells = csv.split('\r\n').slice(1).filter(Boolean).flatMap((row) => row.match(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)!.map((c) => c.replace(/,$/, '').replace(/^"|"$/g, '').replace(/""/g, '"')));
    const named = cells.filter((c) => HOSTILE_STRINGS.some((s) => c.includes(s.replace(/\n/g, ''))));
    assert.ok(named.length > 0, 'the names are in the CSV');
    for (const c of cells) assert.doesNotMatch(c, /^[=+@\t\r]|^-(?!\d)/, `a formula cell: ${c}`);
    assert.ok(cells.includes("'=HYPERLINK(\"http://evil.example\",\"x\")"), 'the formula is kept, neutralised with a leading quote');
  });

  it('the webview inserts text only: no innerHTML, outerHTML, insertAdjacentHTML, document.write or HTML parsing in its sources', () => {
    const dir = join(REPO_ROOT, 'webview', 'src');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    assert.ok(files.length > 0);
    for (const f of files) {
      const source = readFileSync(join(dir, f), 'utf8');
      assert.doesNotMatch(source, /\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|\bsrcdoc\b/, f);
    }
  });
});
