import assert from 'node:assert/strict';
import { DocumentMemo } from './memo';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { generateRunbook, seededRandom } from '../../../test/support/generateRunbook';
import { analyze, reanalyze, type Analysis } from './analyze';
import { estimatePlan } from './estimate/index';
import { diffTexts, reparse } from './incremental';
import { parseYaml } from './parse';

/** Every node with its kind, source range, value and comments, in document order. */
function dump(root: unknown): unknown[] {
  const out: unknown[] = [];
  const visit = (node: unknown): void => {
    if (node === null || node === undefined) {
      out.push(node);
      return;
    }
    if (isPair(node)) {
      out.push('pair');
      visit(node.key);
      visit(node.value);
      return;
    }
    const n = node as Node;
    const common = [n.range, n.comment ?? null, n.commentBefore ?? null, n.spaceBefore ?? false, n.tag ?? null];
    if (isScalar(n)) out.push(['scalar', n.value instanceof Date ? n.value.toISOString() : n.value, n.type, n.source ?? null, ...common]);
    else if (isMap(n) || isSeq(n)) {
      out.push([isMap(n) ? 'map' : 'seq', n.flow ?? false, n.items.length, ...common]);
      for (const item of n.items as unknown[]) visit(item);
    } else out.push(['other', ...common]);
  };
  visit(root);
  return out;
}

/** What an editor sees of an analysis: findings, model (with every span) and estimates. */
function essence(a: Analysis): { findings: unknown; model: unknown; vms: unknown; links: unknown; schedule: unknown } {
  const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v === undefined ? null : v)));
  return {
    findings: plain(a.findings),
    model: plain(a.model),
    vms: plain(a.estimate.vms),
    links: plain(a.estimate.links),
    schedule: plain(a.estimate.schedule),
  };
}

const SNIPPETS = [' ', '\n', ':', '- ', '#', 'x', '1', '{', '[', ']', '}', '"', "'", '  ', '\n    ', '\n  ', '&a ', '*a', '!!str ', ', ', 'GiB', 'Gib', 'frantic', '\t'];
const VALUES = ['8 GiB', '16 Gib', '12', 'heavy', 'frantic', '"quoted"', '[vm00001, vm00002]', '{ provisioned: 10 GiB }', '', 'x: y', '- a', '# note', '&anchor 4 GiB', '*anchor'];

/** A random edit of `text` (as an editor would send it: one range replaced). */
function randomEdit(text: string, random: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
  const lines = text.split('\n');
  const kind = random();
  if (kind < 0.35) {
    // Change one value (the common keystroke).
    const candidates = lines.map((l, i) => (/^\s+[a-z_]+: \S/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length > 0) {
      const i = pick(candidates);
      const colon = lines[i].indexOf(': ');
      lines[i] = lines[i].slice(0, colon + 2) + (random() < 0.5 ? String(Math.floor(random() * 200)) + ' GiB' : pick(VALUES));
      return lines.join('\n');
    }
  }
  if (kind < 0.55) {
    const at = Math.floor(random() * (text.length + 1));
    return text.slice(0, at) + pick(SNIPPETS) + text.slice(at);
  }
  if (kind < 0.7) {
    const at = Math.floor(random() * text.length);
    return text.slice(0, at) + text.slice(Math.min(text.length, at + 1 + Math.floor(random() * 12)));
  }
  if (kind < 0.8) {
    // Rename a key (may duplicate another id).
    const candidates = lines.map((l, i) => (/^ {2}[a-z0-9-]+:/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (candidates.length > 0) {
      const i = pick(candidates);
      const other = lines[pick(candidates)].trim().split(':')[0];
      lines[i] = lines[i].replace(/^( {2})[a-z0-9-]+:/, `$1${random() < 0.5 ? other : other + 'x'}:`);
      return lines.join('\n');
    }
  }
  if (kind < 0.9) {
    // Insert or delete a whole line inside an entry.
    const i = 1 + Math.floor(random() * Math.max(1, lines.length - 2));
    if (random() < 0.5) lines.splice(i, 1);
    else lines.splice(i, 0, pick(['    host: esx-01', '    # a comment', '', '    workload: idle', '  extra:', '      deeper: 1', '    memory: 4 GiB']));
    return lines.join('\n');
  }
  // Swap a line with another one (structure changes).
  const a = Math.floor(random() * lines.length);
  const b = Math.floor(random() * lines.length);
  [lines[a], lines[b]] = [lines[b], lines[a]];
  return lines.join('\n');
}

function runChain(start: string, edits: number, seed: number): { incremental: number; full: number } {
  const random = seededRandom(seed);
  let text = start;
  let previous = analyze(text);
  let incremental = 0;
  let good = start;
  let brokenSteps = 0;
  for (let k = 0; k < edits; k++) {
    const next = randomEdit(text, random);
    const viaEdit = reanalyze(previous, next);
    const direct = analyze(next);
    assert.deepEqual(dump(viaEdit.document.contents), dump(direct.document.contents), `document after edit ${k} (seed ${seed})`);
    assert.deepEqual(essence(viaEdit), essence(direct), `analysis after edit ${k} (seed ${seed})`);
    if (viaEdit.incremental) incremental++;
    if (direct.document.errors.length + direct.document.warnings.length === 0) {
      text = good = next;
      previous = viaEdit;
      brokenSteps = 0;
    } else if (brokenSteps === 0 && random() < 0.3) {
      // Edit on from a broken text once (that must fall back), then go back to the last good text.
      text = next;
      previous = viaEdit;
      brokenSteps++;
    } else {
      // `previous` was used up by reanalyze, so analyse the good text afresh.
      text = good;
      previous = analyze(good);
      brokenSteps = 0;
    }
  }
  return { incremental, full: edits - incremental };
}

describe('incremental re-parse', () => {
  it('finds the changed region of two texts', () => {
    assert.deepEqual(diffTexts('abcdef', 'abXdef'), { start: 2, oldEnd: 3, delta: 0 });
    assert.deepEqual(diffTexts('aaa', 'aaaa'), { start: 3, oldEnd: 3, delta: 1 });
    assert.deepEqual(diffTexts('abc', 'abc'), { start: 3, oldEnd: 3, delta: 0 });
  });

  it('finds the changed region of long texts as a character-by-character comparison does', () => {
    const naive = (a: string, b: string) => {
      const limit = Math.min(a.length, b.length);
      let start = 0;
      while (start < limit && a[start] === b[start]) start++;
      let suffix = 0;
      while (suffix < limit - start && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
      return { start, oldEnd: a.length - suffix, delta: b.length - a.length };
    };
    const random = seededRandom(4);
    const text = (n: number): string => Array.from({ length: n }, () => 'ab\n '[Math.floor(random() * 4)]).join('');
    for (let k = 0; k < 400; k++) {
      const old = text(Math.floor(random() * 9000));
      const at = Math.floor(random() * (old.length + 1));
      const edited = old.slice(0, at) + text(Math.floor(random() * 2600)) + old.slice(Math.min(old.length, at + Math.floor(random() * 3000)));
      assert.deepEqual(diffTexts(old, edited), naive(old, edited));
    }
  });

  it('re-parses only the edited VM for a value change, and agrees with a full parse', () => {
    const text = generateRunbook({ vms: 50, injectErrors: true });
    const at = text.indexOf('memory: ', text.indexOf('vm00020:'));
    const edited = text.slice(0, at) + 'memory: 123 GiB' + text.slice(text.indexOf('\n', at));
    const result = reparse(parseYaml(text), edited, new DocumentMemo());
    assert.equal(result.fullReason, undefined);
    assert.deepEqual(dump(result.parsed.document.contents), dump(parseYaml(edited).document.contents));
  });

  it('falls back to a full parse when an edit crosses entries or touches anchors', () => {
    const text = generateRunbook({ vms: 20 });
    const a = text.indexOf('  vm00005:');
    const crossing = text.slice(0, a - 3) + text.slice(a + 4);
    assert.notEqual(reparse(parseYaml(text), crossing, new DocumentMemo()).fullReason, undefined);
    const m = text.indexOf('memory: ', a);
    const anchored = text.slice(0, m) + 'memory: &m 4 GiB' + text.slice(text.indexOf('\n', m));
    assert.match(reparse(parseYaml(text), anchored, new DocumentMemo()).fullReason ?? '', /anchors/);
    const broken = text.slice(0, m) + 'memory: [4 GiB' + text.slice(text.indexOf('\n', m));
    assert.notEqual(reparse(parseYaml(text), broken, new DocumentMemo()).fullReason, undefined);
  });

  it('gives the same documents, findings, model spans and estimates as a full parse over random edits of a generated runbook', () => {
    const counts = runChain(generateRunbook({ vms: 30, injectErrors: true, vmsPerWave: 10 }), 150, 7);
    // Both paths must have been exercised for the comparison to mean something.
    assert.ok(counts.incremental >= 30, `incremental ${counts.incremental}`);
    assert.ok(counts.full >= 20, `full ${counts.full}`);
  });

  it('after an edit inside one VM, keeps every other VM\'s model entry and estimate, and every other wave\'s schedule', () => {
    const text = generateRunbook({ vms: 200, injectErrors: true });
    const before = analyze(text);
    const vms = new Map(before.model.vms);
    const estimates = new Map(before.estimate.vms);
    const waves = [...before.estimate.schedule.waves];
    const at = text.indexOf('memory: ', text.indexOf('  vm00120:'));
    const edited = `${text.slice(0, at)}memory: 77 GiB${text.slice(text.indexOf('\n', at))}`;
    const after = reanalyze(before, edited);
    assert.equal(after.incremental, true);
    for (const [id, vm] of after.model.vms) assert.equal(vm === vms.get(id), id !== 'vm00120', `model entry of ${id}`);
    for (const [id, e] of after.estimate.vms) assert.equal(e === estimates.get(id), id !== 'vm00120', `estimate of ${id}`);
    const editedWave = after.estimate.schedule.waves.findIndex((w) => w.vms.some((v) => v.vmId === 'vm00120'));
    after.estimate.schedule.waves.forEach((w, i) => assert.equal(w === waves[i], i !== editedWave, `schedule of wave ${i + 1}`));
    // Reuse is only right if it agrees with a fresh analysis.
    assert.deepEqual(essence(after), essence(analyze(edited)));
  });

  it('two documents edited in turn each stay incremental and correct, and never share state', () => {
    // Each has an unknown VM reference, so RB103's "did you mean" (kept per document) is exercised.
    let a = generateRunbook({ vms: 60, injectErrors: true }).replace('depends_on: [vm00001]', 'depends_on: [vm0001]');
    let b = generateRunbook({ vms: 40, injectErrors: true }).replace(/vm000(\d\d)/g, 'db0$1');
    b = b.replace('depends_on: [db001]', 'depends_on: [db01]');
    let docA = analyze(a);
    let docB = analyze(b);
    assert.notEqual(docA.memo, docB.memo, 'a memo per document');
    for (let k = 0; k < 6; k++) {
      const editA = a.replace(/memory: \d+ GiB/, `memory: ${10 + k} GiB`);
      const editB = b.replace(/memory: \d+ GiB/, `memory: ${20 + k} GiB`);
      const keptA = new Map(docA.model.vms);
      const keptEstimatesA = new Map(docA.estimate.vms);
      const nextA = reanalyze(docA, editA);
      const nextB = reanalyze(docB, editB);
      assert.equal(nextA.incremental, true, `A edit ${k} incremental`);
      assert.equal(nextB.incremental, true, `B edit ${k} incremental`);
      assert.equal(nextA.memo, docA.memo, 'A keeps its memo');
      assert.equal(nextB.memo, docB.memo, 'B keeps its memo');
      let reused = 0;
      for (const [id, vm] of nextA.model.vms) if (keptA.get(id) === vm) reused++;
      assert.ok(reused >= nextA.model.vms.size - 1, `A reuses its other entries after B's edit (${reused})`);
      let estimatesReused = 0;
      for (const [id, e] of nextA.estimate.vms) if (keptEstimatesA.get(id) === e) estimatesReused++;
      assert.ok(estimatesReused >= nextA.estimate.vms.size / 2, `A reuses its other VMs' estimates (${estimatesReused} of ${nextA.estimate.vms.size})`);
      assert.deepEqual(essence(nextA), essence(analyze(editA)), `A after edit ${k}`);
      assert.deepEqual(essence(nextB), essence(analyze(editB)), `B after edit ${k}`);
      [a, b, docA, docB] = [editA, editB, nextA, nextB];
    }
  });

  it('a superseded analysis is not reused: reanalyze falls back to a fresh analysis', () => {
    const text = generateRunbook({ vms: 20 });
    const first = analyze(text);
    const edited = text.replace(/memory: \d+ GiB/, 'memory: 99 GiB');
    const second = reanalyze(first, edited);
    assert.equal(second.incremental, true);
    const again = reanalyze(first, edited);
    assert.equal(again.incremental, false, 'the handed-over analysis is used up');
    assert.notEqual(again.memo, first.memo);
    assert.deepEqual(essence(again), essence(second));
  });

  it('an estimate of a changed model between edits (a what-if) does not leak into the next analysis', () => {
    const text = generateRunbook({ vms: 120, injectErrors: true });
    const before = analyze(text);
    // As service/whatIf.ts does: the same VM entries, other waves and links.
    const model = before.model;
    const links = new Map([...model.links].map(([id, l]) => [id, { ...l, bandwidthBytesPerSecond: { value: (l.bandwidthBytesPerSecond?.value ?? 1e9) / 10, span: l.span } }]));
    const whatIf = { ...model, links, waves: model.waves.map((w) => ({ ...w, concurrency: { value: 1, span: w.span } })) };
    const slower = estimatePlan(whatIf, before.options);
    assert.ok(slower.schedule.totalSeconds > before.estimate.schedule.totalSeconds);
    const at = text.indexOf('memory: ', text.indexOf('  vm00050:'));
    const edited = `${text.slice(0, at)}memory: 9 GiB${text.slice(text.indexOf('\n', at))}`;
    const after = reanalyze(before, edited);
    assert.equal(after.incremental, true);
    assert.deepEqual(essence(after), essence(analyze(edited)));
  });

  it('an edit of a link, the defaults or the storage plan re-estimates what depends on it', () => {
    const text = generateRunbook({ vms: 60, injectErrors: true });
    const edits: [string, string][] = [['bandwidth: 10 Gbps', 'bandwidth: 2 Gbps'], ['workload: light', 'workload: heavy'], ['rpo: 15 min', 'rpo: 4 h']];
    for (const [from, to] of edits) {
      assert.ok(text.includes(from), from);
      const edited = text.replace(from, to);
      const after = reanalyze(analyze(text), edited);
      assert.deepEqual(essence(after), essence(analyze(edited)), `${from} -> ${to}`);
      assert.notDeepEqual(essence(after).vms, essence(analyze(text)).vms, `${from} -> ${to} changes estimates`);
    }
  });

  it('gives the same results as a full parse over random edits of every sample', () => {
    const dir = join(process.env.REPO_ROOT ?? process.cwd(), 'samples');
    const samples = readdirSync(dir).filter((f) => f.endsWith('.runbook.yaml'));
    assert.ok(samples.length > 0);
    let incremental = 0;
    samples.forEach((file, n) => {
      incremental += runChain(readFileSync(join(dir, file), 'utf8'), 40, 100 + n).incremental;
    });
    assert.ok(incremental > 0);
  });
});
