import type { DatasetFormat } from '../format/datasetFormat';
import { encodingForModel, exampleTokenLimit } from '../models/modelLookup';
import type { Problem } from '../problem';
import { loadEncoding, type TokenEncoding } from '../tokens/encoding';
import { countExampleTokens, type ExampleTokens } from '../tokens/exampleTokens';
import { tokenLimitProblem } from '../tokens/tokenLimit';

/** Token counts of one line, and the token-limit problem when the example is too long for the model. */
export interface LineTokens {
  readonly tokens: ExampleTokens;
  readonly problem: Problem | undefined;
}

/** Counts a parsed example's tokens for one model. */
export interface TokenCounter {
  readonly model: string;
  readonly limit: number;
  count(text: string, line: number, value: unknown, format: DatasetFormat): LineTokens | undefined;
}

/** A counter for `model`; its encoding is loaded on the first count, not before. */
export function createTokenCounter(model: string, defaultLimit: number): TokenCounter {
  const limit = exampleTokenLimit(model, defaultLimit);
  let encoding: TokenEncoding | undefined;
  return {
    model,
    limit,
    count(text, line, value, format) {
      encoding ??= loadEncoding(encodingForModel(model));
      const tokens = countExampleTokens(value, format, encoding);
      if (!tokens) return undefined;
      const problem =
        tokens.total > limit ? tokenLimitProblem(text, line, value, format, model, limit, tokens) : undefined;
      return { tokens, problem };
    },
  };
}
