import type { EncodingName } from '../../models/modelTable';
import { RankTable, type RankSource } from './rankTable';

/**
 * The vocabulary of `name`, built from gpt-tokenizer's rank list. Runs from source (tests, the build step that writes
 * the binary tables); bundles replace this module with rankFile.ts, which loads the prebuilt table instead.
 */
export function loadRankTable(name: EncodingName): RankTable {
  return RankTable.fromRanks(rankList(name));
}

/** gpt-tokenizer's rank list of `name` (entry i is token i). */
export function rankList(name: EncodingName): RankSource {
  // Literal module names, required only when asked for: both lists are megabytes of source.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const loaded: unknown =
    name === 'o200k_base'
      ? require('gpt-tokenizer/bpeRanks/o200k_base')
      : require('gpt-tokenizer/bpeRanks/cl100k_base');
  /* eslint-enable @typescript-eslint/no-require-imports */
  return (loaded as { default: RankSource }).default;
}
