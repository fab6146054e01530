import { isUtf8 } from 'node:buffer';
import { sniffUtf16 } from '../text/utf16';
import { firstInvalidUtf8 } from '../validation/utf8';

/** Text encodings a conversion can read. Everything is converted to UTF-8 first; `utf-8` itself is checked. */
export const INPUT_ENCODINGS = ['utf-8', 'latin1', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type InputEncoding = (typeof INPUT_ENCODINGS)[number];

/** Whether `name` is one of {@link INPUT_ENCODINGS}. */
export function isInputEncoding(name: string): name is InputEncoding {
  return (INPUT_ENCODINGS as readonly string[]).includes(name);
}

/** The input is not the UTF-8 the conversion expected: the message says what it looks like and where. */
export class InputEncodingError extends Error {
  /**
   * @param detail what is wrong, continuing a sentence that starts with the subject ("is UTF-16 LE, not UTF-8; …")
   * @param subject the input, "The input" until a caller that knows the file names it ({@link about})
   */
  constructor(
    readonly detail: string,
    readonly subject = 'The input',
  ) {
    super(`${subject} ${detail}`);
    this.name = 'InputEncodingError';
  }

  /** The same error naming the file. */
  about(path: string): InputEncodingError {
    return new InputEncodingError(this.detail, path);
  }
}

const NAME_THE_ENCODING = 'name its encoding to convert it (latin1, windows-1252, utf-16le or utf-16be)';
const LF = 10;
const CR = 13;

function utf16Detail(encoding: 'utf-16le' | 'utf-16be'): string {
  return `is ${encoding === 'utf-16le' ? 'UTF-16 LE' : 'UTF-16 BE'}, not UTF-8; ${NAME_THE_ENCODING}, or save it as UTF-8.`;
}

/**
 * Passes chunks through unchanged, but stops at once with an {@link InputEncodingError} when the first one shows
 * UTF-16: for JSON Lines, whose lines are otherwise checked one by one, UTF-16 would fail every line.
 */
export async function* refusingUtf16(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let first = true;
  for await (const chunk of chunks) {
    if (first && chunk.length > 0) {
      first = false;
      const utf16 = sniffUtf16(chunk);
      if (utf16 !== undefined) throw new InputEncodingError(utf16Detail(utf16));
    }
    yield chunk;
  }
}

/** Bytes at the end of `bytes` that start a multi-byte UTF-8 sequence the next chunk completes. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return length > back ? back : 0;
  }
  return 0;
}

function describeByte(byte: number): string {
  return `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
}

/** Options for {@link checkedUtf8}. */
export interface Utf8CheckOptions {
  /** A file with CR line ends and no LF (classic Mac OS) cannot be read: the reader splits lines at LF only. */
  readonly rejectCrOnly?: boolean;
  /** Called once when the first 64 KiB end lines with CR alone (for readers that cope, as a warning). */
  readonly onCrOnly?: () => void;
}

const CR_SNIFF_BYTES = 64 * 1024;

/**
 * Passes UTF-8 chunks through unchanged and stops with an {@link InputEncodingError} as soon as they are not UTF-8:
 * UTF-16 (by byte order mark or NUL bytes) is named as such, any other invalid byte by its offset and line, so
 * nothing is turned into U+FFFD silently.
 */
export async function* checkedUtf8(
  chunks: AsyncIterable<Uint8Array>,
  options: Utf8CheckOptions = {},
): AsyncGenerator<Uint8Array> {
  let carry: Uint8Array = new Uint8Array(0);
  let carryOffset = 0;
  let line = 1;
  let lineStart = 0;
  let first = true;
  let sawLf = false;
  let sawCr = false;
  let crChecked = false;
  let seen = 0;
  const checkCrOnly = (final: boolean): void => {
    if (crChecked || (!final && seen < CR_SNIFF_BYTES)) return;
    crChecked = true;
    // The rule of usesCrOnlyLineEndings, over the first CR_SNIFF_BYTES as they stream by.
    if (sawLf || !sawCr) return;
    if (options.rejectCrOnly === true)
      throw new InputEncodingError(
        'uses CR-only line endings (classic Mac OS); save it with LF or CRLF line endings first.',
      );
    options.onCrOnly?.();
  };
  for await (const chunk of chunks) {
    if (first && chunk.length > 0) {
      first = false;
      const utf16 = sniffUtf16(chunk);
      if (utf16 !== undefined) throw new InputEncodingError(utf16Detail(utf16));
    }
    const bytes = carry.length === 0 ? chunk : Buffer.concat([carry, chunk]);
    const tail = incompleteTail(bytes);
    const whole = bytes.subarray(0, bytes.length - tail);
    if (!isUtf8(whole)) throw invalidAt(whole, firstInvalidUtf8(whole), carryOffset, line, lineStart);
    if (!crChecked) {
      sawLf ||= whole.includes(LF);
      sawCr ||= whole.includes(CR);
      seen += whole.length;
      checkCrOnly(false);
    }
    for (let at = whole.indexOf(LF); at !== -1; at = whole.indexOf(LF, at + 1)) {
      line++;
      lineStart = carryOffset + at + 1;
    }
    carryOffset += whole.length;
    carry = tail === 0 ? new Uint8Array(0) : Uint8Array.prototype.slice.call(bytes, bytes.length - tail);
    if (whole.length > 0) yield whole;
  }
  if (carry.length > 0) throw invalidAt(carry, 0, carryOffset, line, lineStart);
  checkCrOnly(true);
}

/** The error for the invalid byte at `index` of `bytes`, which start at offset `base`, on line `line` from `lineStart`. */
function invalidAt(
  bytes: Uint8Array,
  index: number,
  base: number,
  lineAtBase: number,
  lineStartAtBase: number,
): InputEncodingError {
  let line = lineAtBase;
  let lineStart = lineStartAtBase;
  for (let at = bytes.indexOf(LF); at !== -1 && at < index; at = bytes.indexOf(LF, at + 1)) {
    line++;
    lineStart = base + at + 1;
  }
  const byte = bytes[index]!;
  const guess = byte >= 0x80 && byte <= 0xff ? ' It looks like Latin-1 or Windows-1252.' : '';
  return new InputEncodingError(
    `is not UTF-8: byte ${describeByte(byte)} at offset ${base + index} (line ${line}, byte ${base + index - lineStart + 1} of the line) is not valid UTF-8.${guess} ${NAME_THE_ENCODING[0]!.toUpperCase()}${NAME_THE_ENCODING.slice(1)}, or save it as UTF-8.`,
  );
}

/**
 * Converts chunks in `encoding` to UTF-8 chunks. Latin-1 is ISO 8859-1 (every byte is the code point of its value);
 * Windows-1252 differs in 0x80–0x9F (€, smart quotes). A UTF-16 byte order mark is dropped; line ends are kept, so
 * line numbers stay those of the input.
 */
export async function* decodedToUtf8(
  chunks: AsyncIterable<Uint8Array>,
  encoding: InputEncoding,
): AsyncGenerator<Uint8Array> {
  if (encoding === 'utf-8') {
    yield* checkedUtf8(chunks);
    return;
  }
  const decoder = encoding === 'latin1' ? undefined : new TextDecoder(encoding, { fatal: true });
  let offset = 0;
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk === undefined ? decoder!.decode() : decoder!.decode(chunk, { stream: true });
    } catch {
      throw new InputEncodingError(
        `is not valid ${encoding.toUpperCase()}: an unpaired surrogate or a cut-off character after offset ${offset}.`,
      );
    }
  };
  for await (const chunk of chunks) {
    const text =
      decoder === undefined
        ? Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('latin1')
        : decode(chunk);
    offset += chunk.length;
    if (text !== '') yield Buffer.from(text, 'utf8');
  }
  const rest = decoder === undefined ? '' : decode();
  if (rest !== '') yield Buffer.from(rest, 'utf8');
}

/**
 * Why the start of a file is not UTF-8 (the sentence after its name, as in {@link InputEncodingError}), or undefined
 * when it is. Unless `isWhole`, a character cut off at the end of `head` is not counted against it.
 */
export function utf8Problem(head: Uint8Array, isWhole: boolean): string | undefined {
  const utf16 = sniffUtf16(head);
  if (utf16 !== undefined) return utf16Detail(utf16);
  const checked = isWhole ? head : head.subarray(0, head.length - incompleteTail(head));
  return isUtf8(checked) ? undefined : invalidAt(checked, firstInvalidUtf8(checked), 0, 1, 0).detail;
}

/** Bytes in a named encoding as text (see {@link decodedToUtf8}); a character cut off at the end is dropped. */
export function decodeHead(head: Uint8Array, encoding: InputEncoding): string {
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength);
  if (encoding === 'latin1') return bytes.toString('latin1');
  return new TextDecoder(encoding).decode(bytes, { stream: true });
}
