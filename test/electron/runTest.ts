/**
 * End-to-end tests in a real VS Code (`npm run test:electron`, NOT part of `npm test`).
 * @vscode/test-electron downloads a VS Code build on first use; machines without that download
 * (like this project's build machines, which reach only the npm registry) cannot run it. Point
 * VSCODE_EXECUTABLE at an installed VS Code to skip the download.
 */
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = resolve(__dirname, '../../..');
  const vscodeExecutablePath = process.env.VSCODE_EXECUTABLE || undefined;
  console.log('test:electron runs the extension in a real VS Code.');
  console.log(vscodeExecutablePath
    ? `Using VS Code at ${vscodeExecutablePath}.`
    : 'It downloads VS Code first; that fails on machines that reach only the npm registry. Set VSCODE_EXECUTABLE to an installed VS Code instead.');
  const code = await runTests({
    vscodeExecutablePath,
    version: vscodeExecutablePath ? undefined : '1.91.1',
    extensionDevelopmentPath: root,
    extensionTestsPath: join(__dirname, 'suite', 'index'),
    launchArgs: [join(root, 'samples'), '--disable-extensions', '--disable-workspace-trust'],
  });
  process.exitCode = code;
}

main().catch((err: unknown) => {
  console.error('test:electron failed:', err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
