import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Where generated inputs, outputs and results live (gitignored). */
export const DATA_DIR = resolve(__dirname, '..', '.data');

/** What a generated file was made from; a file is reused only when all of it matches. */
export interface DataSpec {
  readonly seed: number;
  /** Size the generator aims for, in its own unit (bytes, rows); the file's real size is recorded separately. */
  readonly size: number;
  /** Bumped when a generator changes what it writes. */
  readonly version: number;
}

interface Manifest extends DataSpec {
  readonly bytes: number;
}

export function dataPath(name: string): string {
  mkdirSync(DATA_DIR, { recursive: true });
  return join(DATA_DIR, name);
}

/**
 * The path of a generated file, building it only when it is missing or was made from another spec. `build` writes
 * the file at the given path; its size is then recorded next to it.
 */
export async function ensureDataFile(
  name: string,
  spec: DataSpec,
  build: (path: string) => Promise<void>,
): Promise<{ path: string; reused: boolean }> {
  const path = dataPath(name);
  const manifestPath = `${path}.meta.json`;
  if (existsSync(path) && existsSync(manifestPath)) {
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    if (
      manifest.seed === spec.seed &&
      manifest.size === spec.size &&
      manifest.version === spec.version &&
      statSync(path).size === manifest.bytes
    ) {
      return { path, reused: true };
    }
  }
  rmSync(manifestPath, { force: true });
  await build(path);
  const manifest: Manifest = { ...spec, bytes: statSync(path).size };
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { path, reused: false };
}

/** Removes every generated file. */
export function cleanData(): void {
  rmSync(DATA_DIR, { recursive: true, force: true });
}
