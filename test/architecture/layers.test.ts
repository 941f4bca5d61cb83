/**
 * The layers of docs/architecture.md, enforced: every import of every TypeScript source is checked
 * against the table under "## Layers" in that file (the test reads the table, so the doc and the
 * check cannot drift). A file belongs to the layer whose folder is the longest prefix of its path.
 * A `*.test.ts` file may import what its layer may, its own layer, and `test/` (support and fixtures).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../packaging/repoRoot';

export interface Layer {
  readonly name: string;
  readonly folders: readonly string[];
  readonly mayImport: ReadonlySet<string>;
  readonly packages: ReadonlySet<string>;
}

/** Layers that also run in a browser or must stay pure functions of their input: no Node built-ins. */
const NODE_FREE = new Set(['shared', 'webview', 'engine', 'rule support', 'rule', 'rule registry']);

/** The table's rows: `| name | \`folder\`, ... | layer, ... | package, ... |`. */
export function readLayerTable(markdown: string): Layer[] {
  const section = markdown.split(/^## /m).find((s) => s.startsWith('Layers'));
  if (!section) throw new Error('docs/architecture.md has no "## Layers" section');
  const layers: Layer[] = [];
  for (const line of section.split('\n')) {
    const cells = line.split('|').slice(1, -1).map((c) => c.trim());
    if (cells.length < 4 || cells[0] === 'Layer' || /^-+$/.test(cells[0])) continue;
    const list = (cell: string): string[] => (cell === '' || cell === '-' ? [] : cell.split(',').map((x) => x.replace(/`/g, '').trim()).filter(Boolean));
    layers.push({ name: cells[0], folders: list(cells[1]), mayImport: new Set(list(cells[2])), packages: new Set(list(cells[3])) });
  }
  return layers;
}

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (/\.ts$/.test(name) && !name.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

export function layerOf(layers: readonly Layer[], repoPath: string): Layer | undefined {
  let best: Layer | undefined;
  let bestLength = -1;
  for (const layer of layers) {
    for (const folder of layer.folders) {
      const matches = folder.endsWith('/') || folder.endsWith('*') ? repoPath.startsWith(folder.replace(/\*$/, '')) : repoPath === folder;
      if (matches && folder.length > bestLength) {
        best = layer;
        bestLength = folder.length;
      }
    }
  }
  return best;
}

/** Imports of a source: relative ones resolved to repository paths, bare ones as package names. */
function importsOf(text: string, repoPath: string): { relative: string[]; packages: string[] } {
  const relativeImports: string[] = [];
  const packages: string[] = [];
  const pattern = /^\s*(?:import|export)\s[^'";]*?from\s+'([^']+)'|^\s*import\s+'([^']+)'|\brequire\('([^']+)'\)|\bimport\('([^']+)'\)/gm;
  for (const m of text.matchAll(pattern)) {
    const spec = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (spec.startsWith('.')) relativeImports.push(posix.normalize(posix.join(posix.dirname(repoPath), spec)));
    else if (spec.startsWith('node:')) packages.push('node:');
    else packages.push(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return { relative: relativeImports, packages };
}

/** Every import that crosses a layer the wrong way, as `file: import (layer -> layer)`. */
export function violations(root: string, layers: readonly Layer[], folders: readonly string[]): string[] {
  const problems: string[] = [];
  for (const folder of folders) {
    for (const file of sources(join(root, folder))) {
      const repoPath = relative(root, file).split('\\').join('/');
      const layer = layerOf(layers, repoPath);
      if (!layer) {
        problems.push(`${repoPath}: in no layer of the table`);
        continue;
      }
      const isTest = repoPath.endsWith('.test.ts');
      const { relative: targets, packages } = importsOf(readFileSync(file, 'utf8'), repoPath);
      for (const target of targets) {
        const candidates = [`${target}.ts`, target, `${target}/index.ts`];
        const resolved = candidates.find((c) => layerOf(layers, c) !== undefined) ?? target;
        const targetLayer = layerOf(layers, resolved);
        if (!targetLayer) continue; // package.json, the schema: data, not code
        if (layer.mayImport.has(targetLayer.name)) continue;
        if (isTest && (resolved.startsWith('test/') || targetLayer === layer)) continue;
        problems.push(`${repoPath}: imports ${resolved} (${layer.name} -> ${targetLayer.name})`);
      }
      for (const pkg of packages) {
        if (layer.packages.has(pkg) || layer.packages.has('*')) continue;
        if (pkg === 'node:' && !NODE_FREE.has(layer.name)) continue;
        if (isTest) continue; // tests drive the layer with whatever they need
        problems.push(`${repoPath}: imports package '${pkg}' (not listed for ${layer.name})`);
      }
    }
  }
  return problems;
}

const root = repoRoot();
const layers = readLayerTable(readFileSync(join(root, 'docs', 'architecture.md'), 'utf8'));
const FOLDERS = ['shared/src', 'server/src', 'import/src', 'cli/src', 'client/src', 'webview/src', 'test', 'bench'];

test('the layer table of docs/architecture.md is read', () => {
  for (const name of ['shared', 'engine', 'rule', 'service', 'features', 'client', 'webview', 'cli']) {
    assert.ok(layers.some((l) => l.name === name), `layer ${name}`);
  }
});

test('no import crosses a layer the wrong way (docs/architecture.md, "Layers")', () => {
  assert.deepEqual(violations(root, layers, FOLDERS), []);
});

test('the check fails on a wrong import: engine -> service, rule -> rule, client -> server, test -> bench', () => {
  const fake = (path: string, text: string): string[] => {
    const repoPath = path;
    const layer = layerOf(layers, repoPath);
    assert.ok(layer, path);
    const { relative: targets } = importsOf(text, repoPath);
    return targets.filter((t) => {
      const target = layerOf(layers, `${t}.ts`);
      return target !== undefined && !layer.mayImport.has(target.name);
    });
  };
  assert.deepEqual(fake('server/src/engine/model.ts', "import { doHover } from '../service/hover';"), ['server/src/service/hover']);
  assert.deepEqual(fake('server/src/engine/rules/stepCycle.ts', "import { x } from './dependencyCycle';"), ['server/src/engine/rules/dependencyCycle']);
  assert.deepEqual(fake('client/src/status.ts', "import { formatDuration } from '../../server/src/engine/analyze';"), ['server/src/engine/analyze']);
  assert.deepEqual(fake('test/cli/x.test.ts', "import { generateRunbook } from '../../bench/lsp';"), ['bench/lsp']);
  assert.deepEqual(fake('webview/src/main.ts', "import { t } from '../../shared/src/units/time';"), []);
});
