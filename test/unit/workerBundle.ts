import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { TempFolder } from './curate/tempFiles';

/**
 * Bundles a worker entry into `folder` the way scripts/build.mjs does (CommonJS, ES module entries preferred), so
 * unit tests run real worker threads without a full build. Returns the bundle's path.
 */
export function buildWorkerBundle(entry: string, folder: string, name: string): string {
  const outfile = join(folder, name);
  buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/** A suite's scratch folder holding a bundle of the worker `entry`: made before the suite's tests, removed after. */
export function workerFixture(entry: string, name: string): { readonly temp: TempFolder; readonly workerPath: string } {
  let folder: TempFolder | undefined;
  let bundle = '';
  before(() => {
    folder = new TempFolder();
    bundle = buildWorkerBundle(entry, folder.path, name);
  });
  after(() => folder?.remove());
  return {
    get temp(): TempFolder {
      if (folder === undefined) throw new Error('the worker fixture is used outside its suite');
      return folder;
    },
    get workerPath(): string {
      return bundle;
    },
  };
}
