import { fileChunks } from '../../src/core/io/fileChunks';
import { readLineBatches } from '../../src/core/jsonl/byteLines';
import { loadEncoding } from '../../src/core/tokens/encoding';
import { countExampleTokens } from '../../src/core/tokens/exampleTokens';
import type { TokenCounting } from '../../src/core/tokens/encoding';
import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';

/** What a baseline pass saw, so runs can be checked against each other. */
export interface PassCount {
  readonly lines: number;
  readonly parsed: number;
  readonly tokens: number;
}

/**
 * The parse floor: the least any JSONL validator must do. Reads 1 MiB chunks, splits lines, decodes each as UTF-8
 * and JSON.parses it; nothing else.
 */
export async function parseFloor(path: string): Promise<PassCount> {
  const decoder = new TextDecoder();
  let lines = 0;
  let parsed = 0;
  for await (const batch of readLineBatches(fileChunks(path))) {
    for (const line of batch) {
      lines++;
      try {
        JSON.parse(decoder.decode(line.bytes));
        parsed++;
      } catch {
        // A broken line is what validators report; the floor only counts it.
      }
    }
  }
  return { lines, parsed, tokens: 0 };
}

/**
 * The cookbook's token pass on one thread: parse each line and count its tokens with o200k_base (the encoding of
 * gpt-4o-mini), the work a validator with token counts adds to the floor.
 */
export async function tokenPass(
  path: string,
  encoding: TokenCounting = loadEncoding('o200k_base'),
): Promise<PassCount> {
  const decoder = new TextDecoder();
  let lines = 0;
  let parsed = 0;
  let tokens = 0;
  for await (const batch of readLineBatches(fileChunks(path))) {
    for (const line of batch) {
      lines++;
      let value: unknown;
      try {
        value = JSON.parse(decoder.decode(line.bytes));
      } catch {
        continue;
      }
      parsed++;
      tokens += countExampleTokens(value, 'chat', encoding)?.total ?? 0;
    }
  }
  return { lines, parsed, tokens };
}

const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * gpt-tokenizer's own countTokens, for the token pass with the library as shipped: the reference for how much faster
 * the piece scanner, piece cache and compact rank table count.
 */
export const libraryO200k: TokenCounting = { count: (text) => countTokens(text, PLAIN_TEXT) };
