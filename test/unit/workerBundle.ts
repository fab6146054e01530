import { join } from 'node:path';
import { buildSync } from 'esbuild';

/**
 * Bundles a worker entry into `folder` the way scripts/build.mjs does (CommonJS, ES module entries preferred), so
 * unit tests run real worker threads without a full build. Returns the bundle's path.
 */
export function buildWorkerBundle(entry: string, folder: string, name: string): string {
  const outfile = join(folder, name);
  buildSync({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', mainFields: ['module', 'main'], outfile, logLevel: 'warning' });
  return outfile;
}
