/**
 * The slow path shared by the piece scanners: the library's own pre-tokenisation regex, matched at one index.
 * Only cold code lives here; the per-char scanning stays in the scanners' module (see pieceScanners.ts).
 */

/** A sticky copy of a global pre-tokenisation regex, for matching the one piece that starts at a given index. */
export function stickyCopy(regex: RegExp): RegExp {
  return new RegExp(regex.source, `${regex.flags.replace('g', '')}y`);
}

/** End of the piece the sticky `regex` matches at `start`; the patterns match at every index, so a miss is a bug. */
export function regexPieceEnd(regex: RegExp, text: string, start: number): number {
  regex.lastIndex = start;
  if (!regex.test(text)) throw new Error(`pre-tokenisation regex matched nothing at index ${start}`);
  return regex.lastIndex;
}
