/**
 * Edits lose nothing: every quick fix, every rename and the timeline's what-if "apply", on many
 * generated runbooks (comments on every line, an anchor, flow and block styles, LF and CRLF), must
 * change only what it says: outside the edited ranges the text is byte-identical (every comment
 * kept), line endings stay the file's own, the result parses without new YAML errors, and no site,
 * link or VM disappears.
 */
import { strict as assert } from 'node:assert';
import { describe, it } from 'node:test';
import type { TextEdit } from 'vscode-languageserver-types';
import { generateRunbook, seededRandom } from '../support/generateRunbook';
import { analyze, type Analysis } from '../../server/src/engine/analyze';
import { codeActions } from '../../server/src/service/codeActions';
import { toDiagnostics } from '../../server/src/service/diagnostics';
import { rename } from '../../server/src/service/navigation';
import { whatIfEdits } from '../../server/src/service/whatIf';
import type { OffsetEdit } from '../../server/src/engine/yamlEdit';
import { sampleTexts } from '../fuzz/corpus';

const URI = 'file:///edit.runbook.yaml';

/** Generated and sample runbooks in several dresses. */
function corpus(): { name: string; text: string }[] {
  const out: { name: string; text: string }[] = [];
  const dress = (name: string, text: string, seed: number): void => {
    const random = seededRandom(seed);
    // A comment after most lines (a line that opens a block scalar cannot take one; there are none here).
    const commented = text.split('\n').map((l, i) => (l.trim() !== '' && !l.trimStart().startsWith('#') && random() < 0.7 ? `${l}  # c${i} keep me` : l)).join('\n');
    const anchored = commented.replace(/memory: /, 'memory: &m0 ');
    out.push({ name, text }, { name: `${name} +comments`, text: commented }, { name: `${name} +anchor`, text: anchored }, { name: `${name} +CRLF`, text: commented.replace(/\n/g, '\r\n') });
  };
  for (let seed = 1; seed <= 3; seed++) dress(`generated ${seed}`, generateRunbook({ vms: 14, vmsPerWave: 5, injectErrors: true, seed }), seed);
  for (const s of sampleTexts(process.cwd())) dress(s.kind, s.text, 9);
  return out;
}

function toOffsets(analysis: Analysis, edits: readonly TextEdit[]): OffsetEdit[] {
  return edits.map((e) => ({ start: analysis.lineIndex.offsetAt(e.range.start), end: analysis.lineIndex.offsetAt(e.range.end), newText: e.newText }));
}

function yamlErrors(analysis: Analysis): number {
  return analysis.document.errors.length;
}

/** Checks one edit set; returns the edited text. */
function checkEdits(what: string, before: Analysis, edits: readonly OffsetEdit[]): string {
  const text = before.text;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  for (let i = 1; i < sorted.length; i++) assert.ok(sorted[i].start >= sorted[i - 1].end, `${what}: overlapping edits`);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    assert.ok(e.start >= at && e.end >= e.start && e.end <= text.length, `${what}: edit ${JSON.stringify(e)} outside the text`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  out += text.slice(at);
  // Byte-identical outside the edits: the pieces between edits appear in order, untouched.
  let cursor = 0;
  at = 0;
  for (const e of [...sorted, { start: text.length, end: text.length, newText: '' }]) {
    const kept = text.slice(at, e.start);
    assert.equal(out.slice(cursor, cursor + kept.length), kept, `${what}: text outside the edits changed`);
    cursor += kept.length + e.newText.length;
    at = e.end;
  }
  // Comments outside the replaced ranges are all still there.
  for (const m of text.matchAll(/# c\d+ keep me/g)) {
    const inside = sorted.some((e) => m.index! >= e.start && m.index! < e.end);
    if (!inside) assert.ok(out.includes(m[0]), `${what}: lost the comment '${m[0]}'`);
  }
  // The file's line endings.
  if (/\r\n/.test(text) && !/(^|[^\r])\n/.test(text)) assert.doesNotMatch(out, /(^|[^\r])\n/, `${what}: a bare LF in a CRLF file`);
  if (!/\r/.test(text)) assert.doesNotMatch(out, /\r/, `${what}: a CR in an LF file`);
  const after = analyze(out);
  assert.ok(yamlErrors(after) <= yamlErrors(before), `${what}: new YAML errors: ${after.document.errors.map((e) => e.message.split('\n')[0]).join('; ')}`);
  return out;
}

function ids(analysis: Analysis): { sites: string[]; links: string[]; vms: string[] } {
  return { sites: [...analysis.model.sites.keys()], links: [...analysis.model.links.keys()], vms: [...analysis.model.vms.keys()] };
}

describe('edits lose nothing', () => {
  const runbooks = corpus();

  it('every quick fix on every runbook changes only its own ranges and keeps every id', () => {
    let applied = 0;
    for (const { name, text } of runbooks) {
      const analysis = analyze(text);
      const diagnostics = toDiagnostics({ kind: 'analysed', uri: URI, version: 1, analysis, durationMs: 0 });
      for (const action of codeActions(analysis, URI, diagnostics)) {
        const what = `${name}: '${action.title}'`;
        const out = checkEdits(what, analysis, toOffsets(analysis, action.edit?.changes?.[URI] ?? []));
        const before = ids(analysis);
        const after = ids(analyze(out));
        for (const kind of ['sites', 'links', 'vms'] as const) {
          for (const id of before[kind]) assert.ok(after[kind].includes(id), `${what}: lost ${kind} '${id}'`);
        }
        applied++;
      }
    }
    assert.ok(applied >= 40, `only ${applied} quick fixes applied`);
  });

  it('every rename of a site, link or VM replaces exactly its occurrences and nothing else', () => {
    let renamed = 0;
    for (const { name, text } of runbooks) {
      const analysis = analyze(text);
      const targets = [...analysis.model.sites.values(), ...analysis.model.links.values(), ...[...analysis.model.vms.values()].slice(0, 4)];
      for (const entry of targets) {
        const position = analysis.lineIndex.positionAt(entry.keySpan.start);
        const edit = rename(analysis, URI, position, 'renamed-id');
        const edits = toOffsets(analysis, edit?.changes?.[URI] ?? []);
        const what = `${name}: rename '${entry.id}'`;
        assert.ok(edits.length >= 1, what);
        for (const e of edits) assert.equal(text.slice(e.start, e.end), entry.id, `${what}: replaced '${text.slice(e.start, e.end)}'`);
        const out = checkEdits(what, analysis, edits);
        const after = analyze(out);
        const count = (a: Analysis, id: string): number => [...a.text.matchAll(new RegExp(`(?<![\\w.-])${id.replace(/[.]/g, '\\.')}(?![\\w.-])`, "g"))].length;
        assert.equal(count(after, 'renamed-id'), edits.length, what);
        renamed++;
      }
    }
    assert.ok(renamed >= 50, `only ${renamed} renames`);
  });

  it("the timeline's what-if apply writes only the overridden values", () => {
    let applied = 0;
    for (const { name, text } of runbooks) {
      const analysis = analyze(text);
      const links = [...analysis.model.links.keys()].map((linkId) => ({ linkId, bandwidthBytesPerSecond: 1.25e9, transport: 'wan-optimized' as const }));
      const waves = analysis.model.waves.map((w) => ({ waveIndex: w.index, concurrency: 3 }));
      const { edits, changes } = whatIfEdits(analysis, { links, waves });
      if (edits.length === 0) continue;
      const what = `${name}: what-if apply (${changes.join('; ')})`;
      const out = checkEdits(what, analysis, edits);
      const after = analyze(out);
      for (const w of after.model.waves) assert.equal(w.concurrency?.value, 3, `${what}: wave ${w.index} concurrency`);
      for (const l of after.model.links.values()) assert.equal(l.transport?.value, 'wan-optimized', `${what}: link ${l.id}`);
      const before = ids(analysis);
      assert.deepEqual(ids(after), before, `${what}: ids changed`);
      applied++;
    }
    assert.ok(applied >= 10, `only ${applied} what-if applies`);
  });
});
