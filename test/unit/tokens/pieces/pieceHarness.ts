import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';

/** A function that finds where the pre-token starting at `start` ends. */
export type PieceEnd = (text: string, start: number) => number;

/** The pieces `pieceEnd` cuts `text` into, taken one after another as the callers do. */
export function scannedPieces(pieceEnd: PieceEnd, text: string): string[] {
  const pieces: string[] = [];
  for (let at = 0; at < text.length;) {
    const end = pieceEnd(text, at);
    if (end <= at || end > text.length) throw new Error(`piece end ${end} out of range at ${at}`);
    pieces.push(text.slice(at, end));
    at = end;
  }
  return pieces;
}

/** The pieces of the library's own global regex. */
export function regexPieces(regex: RegExp, text: string): string[] {
  return [...text.matchAll(regex)].map((match) => match[0]);
}

/** Runs `body` while counting calls of `RegExp.prototype.exec` on sticky regexes (how the scanners fall back). */
export function countStickyExecs(body: () => void): number {
  const prototype = RegExp.prototype;
  const original = Object.getOwnPropertyDescriptor(prototype, 'exec')!;
  const exec = original.value as (this: RegExp, input: string) => RegExpExecArray | null;
  let calls = 0;
  Object.defineProperty(prototype, 'exec', {
    ...original,
    value(this: RegExp, input: string) {
      if (this.sticky) calls++;
      return exec.call(this, input);
    },
  });
  try {
    body();
  } finally {
    Object.defineProperty(prototype, 'exec', original);
  }
  return calls;
}

/** Inputs chosen to hit every rule boundary of both patterns. */
export const TRICKY_TEXTS: readonly string[] = [
  '',
  'a',
  'A',
  '1',
  ' ',
  '\t',
  '\r',
  '\n',
  '\v',
  '\f',
  "'",
  '"',
  '/',
  '.',
  '!',
  '-',
  '\x00',
  '\x1f',
  '\x7f',
  "'s",
  "'S",
  "'sa",
  "'ll",
  "'LL",
  "'lL",
  "'l",
  "'lx",
  "'ve",
  "'re",
  "'RE",
  "'d",
  "'m",
  "'t",
  "'x",
  "don't",
  "DON'T",
  "Don'T",
  "don'tt",
  "we'll",
  "WE'LL",
  "they've",
  "THEY'VE",
  "you're",
  "I'm",
  "I'M",
  "she'd",
  "it's",
  "IT'S",
  "a'lx",
  "a'",
  "a''s",
  "rock'n'roll",
  "o'clock",
  "'s'",
  " 's",
  "''s",
  'HELLOworld',
  'HelloWorld',
  'helloWORLD',
  'ABC',
  'ABCdef',
  'aBcDeF',
  'x',
  'XyZ',
  '"Hello',
  '..."Hello',
  '!Hello',
  '!!Hello',
  '(ABC)',
  '[a]',
  '#1',
  '$29',
  '€49.99',
  'a b',
  'a  b',
  'a   b',
  'a    b',
  '  a',
  '   ',
  'a ',
  'a  ',
  'a   ',
  ' !',
  '  !',
  '   !!!',
  ' !!!',
  '\t!',
  '\t\t!',
  ' 1',
  '  1',
  '   123',
  'a 1',
  '\ta',
  '\t\ta',
  '\va',
  '\fa',
  ' \ta',
  '\t a',
  '\r\n',
  '\n\n',
  '\r\n\r\n',
  'a\r\nb',
  'a\n\nb',
  'a \n b',
  'a  \n  b',
  'a\n  b',
  'a \r\n',
  ' \n ',
  '\n \n ',
  'a\n',
  'a\n ',
  '  \n  ',
  '\n\t\tx',
  'x\t\n\tx',
  '\r\r\n\n',
  ' \r a',
  '1',
  '12',
  '123',
  '1234',
  '12345',
  '123456',
  '1234567',
  'a1234b',
  '1a',
  'a1',
  '1.5',
  '3,000,000',
  'a/b',
  'a//b',
  '/\n',
  '/\n/',
  '!/\n/x',
  '!\n/\n',
  'http://x.y/z',
  ' /\n',
  '//\r\n//\r\nx',
  '!\r\n\r\n',
  '.\n.',
  '...',
  '?!\n\nOK',
  'end.',
  'e-mail',
  'x--y',
  'Q&A',
  '<|endoftext|>',
  '{"role":"user"}',
  "Hello, World! How are you?\n\nI'm fine.  Thanks.\r\n",
  'café',
  'Zürich',
  'naïve',
  'Ünïcödé',
  'a\u00a0b',
  ' \u00a0b',
  '\u00a0 ',
  'x\u2028y',
  '\ufeffa',
  'ab\u0301c',
  '\u0301',
  'e\u0301',
  '中文 text',
  'a中',
  '😀',
  'a😀',
  ' 😀',
  '!😀',
  '😀a',
  '\ud800',
  'a\ud800b',
  ' \ud800',
  '\udc00a',
  '٣٤٥',
  '12٣',
  '1²3',
  '²',
  'ǅungla',
  'ǅ',
  'ʰa',
  'Aʰb',
  'ßA',
  'Aß',
  'A\u0301B',
  "x'\u0301",
  "a'é",
  '  é',
  ' —',
  'x — y',
  '\u3000a',
];

const TRICKY_UNITS = [
  'a',
  'b',
  's',
  't',
  'l',
  'v',
  'e',
  'r',
  'd',
  'm',
  'A',
  'B',
  'S',
  'T',
  'L',
  'V',
  'E',
  'R',
  'D',
  'M',
  '0',
  '1',
  '9',
  ' ',
  ' ',
  ' ',
  '\t',
  '\r',
  '\n',
  '\v',
  '\f',
  "'",
  "'",
  '"',
  '/',
  '.',
  '!',
  '-',
  ',',
  'é',
  'É',
  'ß',
  '中',
  '\u0301',
  '\u00a0',
  '\u2028',
  '😀',
  '\ud800',
  'ǅ',
  'ʰ',
  '٣',
  '²',
  '—',
];

const ASCII_UNITS = [
  'a',
  'b',
  's',
  't',
  'l',
  'v',
  'e',
  'r',
  'd',
  'm',
  'A',
  'B',
  'S',
  'T',
  'L',
  'V',
  'E',
  'R',
  'D',
  'M',
  '0',
  '1',
  '9',
  ' ',
  ' ',
  ' ',
  '\t',
  '\r',
  '\n',
  '\v',
  '\f',
  "'",
  "'",
  '"',
  '/',
  '.',
  '!',
  '-',
  ',',
  '\x00',
  '\x1f',
  '\x7f',
];

/** Strings over a small alphabet of the chars that matter to the patterns, ASCII and not. */
export const trickyText = fc.array(fc.constantFrom(...TRICKY_UNITS), { maxLength: 40 }).map((units) => units.join(''));

/** Strings over the ASCII part of that alphabet, plus the control chars JS does not count as `\s`. */
export const asciiText = fc.array(fc.constantFrom(...ASCII_UNITS), { maxLength: 40 }).map((units) => units.join(''));

/** Deterministic English-like ASCII text of about `length` chars (mulberry32 over `seed`). */
export function englishText(length: number, seed: number): string {
  const words = [
    'The',
    'order',
    "hasn't",
    'arrived',
    'yet,',
    'and',
    "I'M",
    'NOT',
    'happy!',
    'Ref:',
    'AB-1234567.',
    '"Please"',
    'call',
    '(555)',
    '010-2000',
    'e-mail:',
    'help@acme.example',
    'http://acme.example/x/y',
    "we'll",
    'SEE',
  ];
  const separators = [' ', ' ', ' ', ' ', '  ', '\n', '\n\n', '\r\n', '\t', ' \n', '... '];
  let state = seed >>> 0;
  const next = (bound: number): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) % bound;
  };
  const parts: string[] = [];
  let total = 0;
  while (total < length) {
    const word = words[next(words.length)]!;
    const separator = separators[next(separators.length)]!;
    parts.push(word, separator);
    total += word.length + separator.length;
  }
  return parts.join('');
}

/** Registers the checks both encodings share: same pieces as the regex, and ASCII never reaching the regex. */
export function itMatchesTheRegex(pieceEnd: PieceEnd, regex: RegExp): void {
  const sticky = new RegExp(regex.source, 'uy');
  const stickyEnd: PieceEnd = (text, start) => {
    sticky.lastIndex = start;
    if (sticky.exec(text) === null) throw new Error(`no match at ${start}`);
    return sticky.lastIndex;
  };

  it('covers every index with the sticky regex, so piece-by-piece matching equals matchAll', () => {
    for (const text of TRICKY_TEXTS)
      assert.deepEqual(scannedPieces(stickyEnd, text), regexPieces(regex, text), JSON.stringify(text));
    fc.assert(
      fc.property(trickyText, (text) => {
        assert.deepEqual(scannedPieces(stickyEnd, text), regexPieces(regex, text));
      }),
      { numRuns: 1000 },
    );
  });

  it('cuts every tricky text exactly like the regex', () => {
    for (const text of TRICKY_TEXTS)
      assert.deepEqual(scannedPieces(pieceEnd, text), regexPieces(regex, text), JSON.stringify(text));
  });

  it('cuts strings over a tricky mixed alphabet exactly like the regex', () => {
    fc.assert(
      fc.property(trickyText, (text) => {
        assert.deepEqual(scannedPieces(pieceEnd, text), regexPieces(regex, text));
      }),
      { numRuns: 4000 },
    );
  });

  it('cuts ASCII strings exactly like the regex, without ever asking it', () => {
    fc.assert(
      fc.property(asciiText, (text) => {
        let pieces: string[] = [];
        assert.equal(
          countStickyExecs(() => {
            pieces = scannedPieces(pieceEnd, text);
          }),
          0,
        );
        assert.deepEqual(pieces, regexPieces(regex, text));
      }),
      { numRuns: 4000 },
    );
  });

  it('cuts a long English-like text on the fast path alone', () => {
    const text = englishText(200_000, 7);
    let pieces: string[] = [];
    assert.equal(
      countStickyExecs(() => {
        pieces = scannedPieces(pieceEnd, text);
      }),
      0,
    );
    assert.deepEqual(pieces, regexPieces(regex, text));
  });

  it('hands a piece that depends on a non-ASCII char to the regex', () => {
    let pieces: string[] = [];
    assert.equal(
      countStickyExecs(() => {
        pieces = scannedPieces(pieceEnd, 'a café 1²');
      }),
      2,
    );
    assert.deepEqual(pieces, regexPieces(regex, 'a café 1²'));
  });
}
