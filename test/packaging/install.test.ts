/**
 * A plain `npm ci` on Node 20 is warning-free: no locked package declares an engine that excludes
 * the Node running the tests (the README says Node 20 is all you need), yaml-language-server (the
 * benchmark's peer, Node >= 22) is not in the lockfile, and every dependency's install script is
 * either allowed or denied in `allowScripts` (npm 11 warns about the ones it skips unreviewed).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from './repoRoot';

interface LockEntry { readonly engines?: { readonly node?: string } | readonly string[]; readonly hasInstallScript?: boolean; readonly optional?: boolean; readonly version?: string }

const root = repoRoot();
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { engines: { node: string }; devDependencies: Record<string, string>; allowScripts?: Record<string, boolean> };

test("no locked package's engines exclude Node 20 (or the Node running this)", () => {
  // semver comes with npm's own dependency tree of the project (vsce, typescript tooling).
  const semver = require('semver') as { satisfies(version: string, range: string): boolean };
  const bad: string[] = [];
  for (const [path, entry] of Object.entries(lock.packages)) {
    const range = Array.isArray(entry.engines) ? undefined : (entry.engines as { node?: string } | undefined)?.node;
    if (!range || path === '') continue;
    for (const node of ['20.19.0', process.versions.node]) if (!semver.satisfies(node, range)) bad.push(`${path}: node ${range} (not ${node})`);
  }
  assert.deepEqual(bad, []);
  assert.equal(manifest.devDependencies['yaml-language-server'], undefined, 'the bench installs it on demand (bench/ylsInstall.ts)');
  assert.ok(!Object.keys(lock.packages).some((p) => p.endsWith('node_modules/yaml-language-server')));
});

test('every package with an install script is reviewed in allowScripts (npm 11 warns otherwise)', () => {
  const allow = manifest.allowScripts ?? {};
  const unreviewed = Object.entries(lock.packages)
    // Optional ones (keytar, vsce's) are not installed by npm ci here, so npm says nothing about them.
    .filter(([path, entry]) => path !== '' && entry.hasInstallScript === true && entry.optional !== true)
    .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length))
    .filter((name) => !(name in allow));
  assert.deepEqual(unreviewed, []);
});
