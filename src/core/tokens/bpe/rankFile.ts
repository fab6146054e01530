import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EncodingName } from '../../models/modelTable';
import { RankTable } from './rankTable';

/**
 * The vocabulary of `name` from the binary table the build writes to dist/encodings/ (beside every bundle): a few
 * megabytes read and viewed in place, where loading gpt-tokenizer's rank module cost each thread about 70 MB.
 * The build substitutes this module for rankSource.ts.
 */
export function loadRankTable(name: EncodingName): RankTable {
  const file = readFileSync(join(__dirname, 'encodings', `${name}.bin`));
  return RankTable.fromBytes(new Uint8Array(file.buffer, file.byteOffset, file.byteLength));
}
