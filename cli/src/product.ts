/** The tool's identity for --version and SARIF, from the extension manifest (bundled by esbuild). */
import manifest from '../../package.json';

interface Manifest {
  readonly name: string;
  readonly version: string;
  readonly publisher?: string;
  readonly homepage?: string;
}

const m: Manifest = manifest;

export const TOOL_NAME = 'runbook';
export const TOOL_VERSION = m.version;
/** The manifest's homepage, else the extension's Marketplace page (publisher.name). */
export const INFORMATION_URI = m.homepage ?? `https://marketplace.visualstudio.com/items?itemName=${m.publisher ?? 'migration-runbooks'}.${m.name}`;
