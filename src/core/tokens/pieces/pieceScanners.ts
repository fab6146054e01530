import { CL100K_TOKEN_SPLIT_REGEX, O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { regexPieceEnd, stickyCopy } from './stickyPieceRegex';

// Both scanners and everything they touch per char live in this one module: run unbundled (esbuild-register, as
// tests and the bench do), every imported constant or function is reached through a getter, which made a scan split
// across modules 4-16 times slower than the regex it replaces.

// Char classes for ASCII; NON_ASCII means "only the Unicode-aware regex knows".
const NON_ASCII = 0;
const LOWER = 1;
const UPPER = 2;
const DIGIT = 4;
/** `\s` other than a line break: space, \t, \v, \f. */
const SPACE = 8;
const NEWLINE = 16;
/** Not `\s`, letter or digit: punctuation, symbols, and the control chars JS does not count as `\s`. */
const PUNCT = 32;
const END = 64;
const LETTER = LOWER | UPPER;
const WHITESPACE = SPACE | NEWLINE;

const ASCII_CLASSES = new Uint8Array(128).fill(PUNCT);
ASCII_CLASSES.fill(LOWER, 0x61, 0x7b).fill(UPPER, 0x41, 0x5b).fill(DIGIT, 0x30, 0x3a);
// JS `\s` in ASCII is exactly \t \n \v \f \r and space (not \x1c-\x1f, unlike Python's isspace).
ASCII_CLASSES.fill(SPACE, 0x09, 0x0e).fill(NEWLINE, 0x0a, 0x0b).fill(NEWLINE, 0x0d, 0x0e).fill(SPACE, 0x20, 0x21);

const O200K_AT = stickyCopy(O200K_TOKEN_SPLIT_REGEX);
const CL100K_AT = stickyCopy(CL100K_TOKEN_SPLIT_REGEX);

/**
 * End (exclusive) of the o200k_base pre-token that starts at `start` (0 <= start < text.length): pieces taken one
 * after another from 0 are exactly those of `text.matchAll(O200K_TOKEN_SPLIT_REGEX)`. ASCII is decided from char
 * codes; a piece whose extent depends on any non-ASCII char is matched by the library's own regex.
 */
export function o200kPieceEnd(text: string, start: number): number {
  const end = o200kAsciiPieceEnd(text, start);
  return end >= 0 ? end : regexPieceEnd(O200K_AT, text, start);
}

/** The same for cl100k_base and `CL100K_TOKEN_SPLIT_REGEX`. */
export function cl100kPieceEnd(text: string, start: number): number {
  const end = cl100kAsciiPieceEnd(text, start);
  return end >= 0 ? end : regexPieceEnd(CL100K_AT, text, start);
}

function classAt(text: string, index: number): number {
  if (index >= text.length) return END;
  const code = text.charCodeAt(index);
  return code < 0x80 ? (ASCII_CLASSES[code] ?? NON_ASCII) : NON_ASCII;
}

// o200k's alternatives in order: (1) prefix? Upper* Lower+ contraction? (2) prefix? Upper+ Lower* contraction?
// (3) \p{N}{1,3} (4) ' '? punct+ [\r\n/]* (5) \s*[\r\n]+ (6) \s+(?!\S) (7) \s+, where prefix is one char of
// [^\r\n\p{L}\p{N}]. Returns -1 for "ask the regex".
function o200kAsciiPieceEnd(text: string, start: number): number {
  const first = classAt(text, start);
  if ((first & LETTER) !== 0) return wordEnd(text, start);
  if (first === PUNCT || first === SPACE) {
    const next = classAt(text, start + 1);
    if ((next & LETTER) !== 0) return wordEnd(text, start + 1);
    if (next === NON_ASCII) return -1;
    if (first === PUNCT) return punctuationEnd(text, start, true);
    if (next === PUNCT && text.charCodeAt(start) === 0x20) return punctuationEnd(text, start + 1, true);
    return whitespaceEnd(text, start, false);
  }
  if (first === NEWLINE) return whitespaceEnd(text, start, false);
  if (first === DIGIT) return digitsEnd(text, start);
  return -1;
}

// cl100k's alternatives in order: (1) contraction (2) prefix? \p{L}+ (3) \p{N}{1,3} (4) ' '? punct+ [\r\n]* (5) \s+$
// (6) \s*[\r\n] (7) \s+(?!\S) (8) \s, where prefix is one char of [^\r\n\p{L}\p{N}]. Returns -1 for "ask the regex".
function cl100kAsciiPieceEnd(text: string, start: number): number {
  const first = classAt(text, start);
  if ((first & LETTER) !== 0) return lettersEnd(text, start);
  if (first === PUNCT || first === SPACE) {
    if (first === PUNCT) {
      const contraction = contractionEnd(text, start);
      if (contraction > start) return contraction;
    }
    const next = classAt(text, start + 1);
    if ((next & LETTER) !== 0) return lettersEnd(text, start + 1);
    if (next === NON_ASCII) return -1;
    if (first === PUNCT) return punctuationEnd(text, start, false);
    if (next === PUNCT && text.charCodeAt(start) === 0x20) return punctuationEnd(text, start + 1, false);
    return whitespaceEnd(text, start, true);
  }
  if (first === NEWLINE) return whitespaceEnd(text, start, true);
  if (first === DIGIT) return digitsEnd(text, start);
  return -1;
}

// o200k's alternatives 1 and 2 from the first letter: in ASCII no char is both upper and lower case, so neither star
// ever has to give a char back and both come to "upper run, then lower run, then an optional contraction".
function wordEnd(text: string, at: number): number {
  let end = at;
  let cls = classAt(text, end);
  while (cls === UPPER) cls = classAt(text, ++end);
  while (cls === LOWER) cls = classAt(text, ++end);
  return cls === NON_ASCII ? -1 : contractionEnd(text, end);
}

// cl100k's `\p{L}+`: letters of either case in one run.
function lettersEnd(text: string, at: number): number {
  let end = at;
  let cls = classAt(text, end);
  while ((cls & LETTER) !== 0) cls = classAt(text, ++end);
  return cls === NON_ASCII ? -1 : end;
}

// `'(s|d|m|t|ll|ve|re)` in either case per letter, spelled out as [sS] etc., so no non-ASCII char can match it.
function contractionEnd(text: string, at: number): number {
  if (text.charCodeAt(at) !== 0x27) return at;
  // `| 0x20` lower-cases ASCII letters and maps no other code onto a lower-case letter.
  const first = text.charCodeAt(at + 1) | 0x20;
  if (first === 0x73 || first === 0x64 || first === 0x6d || first === 0x74) return at + 2; // s d m t
  const second = text.charCodeAt(at + 2) | 0x20;
  if (first === 0x6c && second === 0x6c) return at + 3; // ll
  if ((first === 0x76 || first === 0x72) && second === 0x65) return at + 3; // ve re
  return at;
}

// `\p{N}{1,3}`: a shorter run is only final when the char after it is known not to be a digit.
function digitsEnd(text: string, start: number): number {
  let end = start + 1;
  while (end < start + 3) {
    const cls = classAt(text, end);
    if (cls === NON_ASCII) return -1;
    if (cls !== DIGIT) break;
    end++;
  }
  return end;
}

// `[^\s\p{L}\p{N}]+` from `at`, a PUNCT char, then line breaks: `[\r\n/]*` in o200k (`withSlash`), `[\r\n]*` in cl100k.
function punctuationEnd(text: string, at: number, withSlash: boolean): number {
  let end = at + 1;
  let cls = classAt(text, end);
  while (cls === PUNCT) cls = classAt(text, ++end);
  if (cls === NON_ASCII) return -1;
  for (
    let code = text.charCodeAt(end);
    code === 0x0a || code === 0x0d || (withSlash && code === 0x2f);
    code = text.charCodeAt(++end)
  );
  return end;
}

// The whitespace alternatives for a run not taken as a word prefix: up to its last line break if it has one; else
// whole at the end of the text; else a run of two or more leaves its last char to prefix what follows. cl100k tries
// `\s+$` first (`endFirst`): a run that reaches the end is whole even when it holds a line break.
function whitespaceEnd(text: string, start: number, endFirst: boolean): number {
  let end = start + 1;
  let afterNewline = classAt(text, start) === NEWLINE ? end : -1;
  let cls = classAt(text, end);
  while ((cls & WHITESPACE) !== 0) {
    if (cls === NEWLINE) afterNewline = end + 1;
    cls = classAt(text, ++end);
  }
  if (cls === NON_ASCII) return -1;
  if (endFirst && cls === END) return end;
  if (afterNewline >= 0) return afterNewline;
  return cls === END || end - start === 1 ? end : end - 1;
}
