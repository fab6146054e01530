import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EncodingName } from '../../models/modelTable';
import { loadRankTable } from './rankSource';

const ENCODINGS: readonly EncodingName[] = ['o200k_base', 'cl100k_base'];

/** Build step: writes every vocabulary as `<folder>/<name>.bin`, the binary table bundles load (see rankFile.ts). */
export function writeRankTables(folder: string): void {
  mkdirSync(folder, { recursive: true });
  for (const name of ENCODINGS) {
    const target = join(folder, `${name}.bin`);
    writeFileSync(`${target}.tmp`, loadRankTable(name).toBytes());
    renameSync(`${target}.tmp`, target);
  }
}
