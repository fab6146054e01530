/** A path into a parsed example, as jsonc-parser's `findNodeAtLocation` takes it. */
export type JsonPath = readonly (string | number)[];

/**
 * A run of consecutive tokens of an example, in the order training sees them, and where in the JSON they come from.
 * `at` says how to place a position inside the run:
 * - `text`: the run starts with the tokens of the string `text` at `path` (any further tokens, like the extra one
 *   for a `name`, come right after it);
 * - `start`: the tokens stand for the whole value at `path` (message overhead, an image, tool definitions);
 * - `end`: the tokens come after the value at `path` (the reply priming after the last message).
 */
export interface TokenSpan {
  readonly tokens: number;
  readonly path: JsonPath;
  readonly at: 'text' | 'start' | 'end';
  readonly text?: string;
}

/**
 * Receives every run of tokens while an example is counted. Counting without a trace builds no paths, so the
 * common case (an example within the limit) pays nothing for this.
 */
export interface TokenTrace {
  span(span: TokenSpan): void;
}
