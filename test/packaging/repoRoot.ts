/** The checkout's root: tests run from it (npm test), but compiled tests may live in any OUT_DIR. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export function repoRoot(): string {
  for (const start of [process.cwd(), __dirname]) {
    let dir = start;
    for (;;) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'migration-runbooks') return dir;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error('Cannot find the migration-runbooks checkout (run the tests from its root).');
}
