import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import type { TokenEncoding } from './encoding';
import { countExampleTokens, type ExampleFormat } from './exampleTokens';
import { jsonStringSourceIndex, tokenStartIndex } from './textOffsets';
import type { TokenSpan, TokenTrace } from './tokenTrace';

/** Finds the run that holds token number `limit` (zero-based), the first one past the limit. */
class LimitCrossing implements TokenTrace {
  private consumed = 0;
  found: { readonly span: TokenSpan; readonly offset: number } | undefined;

  constructor(private readonly limit: number) {}

  span(span: TokenSpan): void {
    if (this.found === undefined && this.consumed + span.tokens > this.limit) {
      this.found = { span, offset: this.limit - this.consumed };
    }
    this.consumed += span.tokens;
  }
}

/**
 * The character of `lineText` (the JSON of `value`) where training truncates the example: the first character of
 * the first token past `limit`, counting the example's tokens in training order with the chat overhead. Inside a
 * string it is exact to the character of the JSON source (escapes included); for tokens that stand for a whole
 * value (message overhead, an image, tool calls) it is that value's first character. Undefined when the example is
 * within the limit or not countable.
 *
 * This parses the line a second time to find source positions, so call it only for lines known to be too long.
 */
export function truncationCharacter(
  lineText: string,
  value: unknown,
  format: ExampleFormat,
  encoding: TokenEncoding,
  limit: number,
): number | undefined {
  const crossing = new LimitCrossing(limit);
  countExampleTokens(value, format, encoding, crossing);
  if (crossing.found === undefined) return undefined;
  const { span, offset } = crossing.found;

  const root = parseTree(lineText);
  const node = root && findNodeAtLocation(root, [...span.path]);
  if (node === undefined) return undefined;
  const last = node.offset + node.length - 1;
  if (span.at === 'start') return node.offset;
  if (span.at === 'end' || span.text === undefined || node.type !== 'string') return last;

  const tokens = encoding.encode(span.text);
  // Past the text's own tokens are structural ones that follow it (a name's extra token): they sit after the string.
  if (offset >= tokens.length) return last;
  return jsonStringSourceIndex(lineText, node.offset, tokenStartIndex(span.text, tokens, offset, encoding));
}
