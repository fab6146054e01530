import type { TokenEncoding } from './encoding';

/**
 * Index (UTF-16 units) in `text` where token `tokenIndex` of `tokens` (the encoding of `text`) starts. A token can
 * begin inside a multi-byte character; then the character's own index is returned, since that character is the
 * first one training cuts. `tokenIndex` at or past the end gives `text.length`.
 */
export function tokenStartIndex(
  text: string,
  tokens: readonly number[],
  tokenIndex: number,
  encoding: TokenEncoding,
): number {
  let targetBytes = 0;
  const end = Math.min(tokenIndex, tokens.length);
  for (let i = 0; i < end; i++) targetBytes += encoding.tokenByteLength(tokens[i]!);

  let bytes = 0;
  let index = 0;
  while (index < text.length) {
    const code = text.charCodeAt(index);
    const pair = isHighSurrogate(code) && index + 1 < text.length && isLowSurrogate(text.charCodeAt(index + 1));
    // UTF-8 length of the code point; a lone surrogate is encoded as U+FFFD (3 bytes).
    const width = code < 0x80 ? 1 : code < 0x800 ? 2 : pair ? 4 : 3;
    if (bytes + width > targetBytes) return index;
    bytes += width;
    index += pair ? 2 : 1;
  }
  return text.length;
}

/**
 * Index in `source` of the character that decodes to `decodedIndex` of the JSON string literal whose opening quote
 * is at `quote`. Escapes (`\n`, `\"`, `\u00e9`...) take several source characters for one decoded unit, so the two
 * indices differ after the first escape. An index at or past the end of the string gives its closing quote.
 */
export function jsonStringSourceIndex(source: string, quote: number, decodedIndex: number): number {
  let position = quote + 1;
  for (let decoded = 0; decoded < decodedIndex && position < source.length; decoded++) {
    const code = source.charCodeAt(position);
    if (code === QUOTE) break;
    // Every escape decodes to exactly one UTF-16 unit: `\uXXXX` is six characters, the others two.
    position += code !== BACKSLASH ? 1 : source.charCodeAt(position + 1) === LETTER_U ? 6 : 2;
  }
  return Math.min(position, source.length);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const LETTER_U = 0x75;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
