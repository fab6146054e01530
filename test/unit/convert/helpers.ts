import fc from 'fast-check';
import { convertStream } from '../../../src/core/convert/convertStream';
import type { Conversion, ConvertReport, ConvertSpec, ReadAt, StreamOptions } from '../../../src/core/convert/model';

/** Yields the UTF-8 bytes of `text` in chunks of `size` bytes (small sizes split lines, quotes and characters). */
export async function* chunksOf(text: string | Buffer, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  for (let at = 0; at < bytes.length; at += size)
    yield await Promise.resolve(Uint8Array.prototype.slice.call(bytes, at, at + size));
}

/** Random access over an in-memory input, as the TWCS conversion needs. */
export function bufferReadAt(bytes: Buffer): ReadAt {
  return (offset, length) => Promise.resolve(bytes.subarray(offset, offset + length));
}

export interface Converted {
  readonly lines: string[];
  readonly values: unknown[];
  readonly report: ConvertReport;
}

export async function drain(conversion: Conversion): Promise<Converted> {
  const lines: string[] = [];
  for await (const line of conversion.lines) lines.push(line);
  return { lines, values: lines.map((line) => JSON.parse(line) as unknown), report: conversion.report() };
}

/** Converts `text` as `spec` says, feeding it in small chunks, with random access for TWCS. */
export function convertText(
  text: string | Buffer,
  spec: ConvertSpec,
  chunkSize = 7,
  options: StreamOptions = {},
): Promise<Converted> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return drain(convertStream(chunksOf(bytes, chunkSize), spec, { readAt: bufferReadAt(bytes), ...options }));
}

/** JSON Lines text from values. */
export function jsonl(values: readonly unknown[]): string {
  return values.map((value) => JSON.stringify(value)).join('\n') + '\n';
}

/** `{ messages: [...] }` built from [role, content] pairs. */
export function chat(...pairs: [string, string][]): { messages: { role: string; content: string }[] } {
  return { messages: pairs.map(([role, content]) => ({ role, content })) };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An independent check of the OpenAI chat shape this module writes: known roles, text, a user and an assistant. */
export function isChatShape(value: unknown): boolean {
  if (!isRecord(value) || !Array.isArray(value['messages']) || value['messages'].length === 0) return false;
  const messages = value['messages'] as unknown[];
  const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool', 'function']);
  return (
    messages.every(
      (message) => isRecord(message) && typeof message['role'] === 'string' && roles.has(message['role']),
    ) && messages.some((message) => isRecord(message) && message['role'] === 'assistant')
  );
}

/** OpenAI preference: input messages, one preferred and one non-preferred assistant message. */
export function isPreferenceShape(value: unknown): boolean {
  if (!isRecord(value) || !isRecord(value['input']) || !Array.isArray(value['input']['messages'])) return false;
  const single = (list: unknown): boolean =>
    Array.isArray(list) &&
    list.length === 1 &&
    isRecord(list[0]) &&
    list[0]['role'] === 'assistant' &&
    typeof list[0]['content'] === 'string';
  return single(value['preferred_output']) && single(value['non_preferred_output']);
}

/** Text made of characters that stress CSV, JSON and tweet cleaning. */
export const trickyText = (maxLength = 30): fc.Arbitrary<string> =>
  fc.string({
    maxLength,
    unit: fc.oneof(
      fc.constantFrom(
        ',',
        '"',
        '\n',
        '\r\n',
        ';',
        '\t',
        '|',
        ' ',
        '@',
        '^',
        '-',
        'h',
        'ttps://t.co/',
        'é',
        '😀',
        '\\',
        '{',
        '}',
      ),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    ),
  });

/** RFC 4180 CSV text for rows of cells, quoting where needed. */
export function toCsv(rows: readonly (readonly string[])[], delimiter = ','): string {
  const quote = (cell: string): string =>
    /[",\n\r;\t|]/.test(cell) || cell === '' ? `"${cell.replace(/"/g, '""')}"` : cell;
  return rows.map((row) => row.map(quote).join(delimiter)).join('\n') + '\n';
}

const nonBlank = (maxLength = 40): fc.Arbitrary<string> => trickyText(maxLength).filter((value) => value.trim() !== '');

/** Valid chat examples in canonical form: optional system, alternating user/assistant, ending with the assistant. */
export const chatExample = fc
  .record({
    system: fc.option(nonBlank(), { nil: undefined }),
    turns: fc.array(fc.tuple(nonBlank(), nonBlank()), { minLength: 1, maxLength: 4 }),
  })
  .map(({ system, turns }) =>
    chat(
      ...(system === undefined ? [] : [['system', system] as [string, string]]),
      ...turns.flatMap(
        ([user, assistant]) =>
          [
            ['user', user],
            ['assistant', assistant],
          ] as [string, string][],
      ),
    ),
  );
