import { encodingForModel, resolveModel } from '../models/modelLookup';
import { lineRange, type Problem } from '../problem';
import type { DiagnosticCode } from '../validation/codes';
import { newProblem } from '../validation/newProblem';
import { loadEncoding } from './encoding';
import { countExampleTokens, type ExampleFormat, type ExampleTokens } from './exampleTokens';
import { truncationCharacter } from './truncationPoint';

/** Diagnostic code of an example longer than the model's per-example training limit. */
export const TOKEN_LIMIT_CODE = 'ft.token-limit' satisfies DiagnosticCode;

/**
 * A warning for an example with more tokens than `limit`, or undefined when it fits (or is not a countable shape).
 * The range starts at the exact character where training would truncate the example and runs to the end of the
 * line. `model` picks the tokenizer and is named in the message; `limit` is its resolved example limit.
 * Pass `counted` when the example was already counted with this model's encoding, to skip counting it again;
 * source positions are only worked out for examples over the limit.
 */
export function tokenLimitProblem(
  lineText: string,
  line: number,
  value: unknown,
  format: ExampleFormat,
  model: string,
  limit: number,
  counted?: ExampleTokens,
): Problem | undefined {
  const encoding = loadEncoding(encodingForModel(model));
  const tokens = counted ?? countExampleTokens(value, format, encoding);
  if (tokens === undefined || tokens.total <= limit) return undefined;
  const start = truncationCharacter(lineText, value, format, encoding, limit) ?? 0;
  const modelName = resolveModel(model)?.id ?? model;
  const message =
    `This example has ${formatCount(tokens.total)} tokens, over the ${formatCount(limit)}-token example limit of ` +
    `${modelName}; training truncates it from here.`;
  return newProblem('ft.token-limit', message, lineRange(line, start, lineText.length));
}

function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
