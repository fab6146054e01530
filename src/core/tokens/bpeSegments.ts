/** Texts up to this length are tokenised whole. */
const SEGMENT = 8192;

function isWordStart(code: number): boolean {
  // Letters and digits of any script start a new pre-token after a space; checking "not space/punctuation" is enough.
  return code > 0x20 && code !== 0x7f;
}

/**
 * Splits a long text into pieces that tokenise to the same tokens as the whole: cuts go before a single space that
 * starts a word (where the tokenisers' pre-tokenisation splits anyway). Byte-pair merging is quadratic in the length
 * of one pre-token, so a run without any such space (megabytes of "xxxx…" or base64) is cut every {@link SEGMENT}
 * characters instead: its count is then approximate, but it is counted in linear time rather than hanging.
 */
export function bpeSegments(text: string): string[] {
  if (text.length <= SEGMENT) return [text];
  const segments: string[] = [];
  let start = 0;
  while (text.length - start > SEGMENT) {
    let cut = start + SEGMENT;
    while (
      cut > start + 1 &&
      !(text.charCodeAt(cut) === 0x20 && isWordStart(text.charCodeAt(cut + 1)) && text.charCodeAt(cut - 1) > 0x20)
    )
      cut--;
    if (cut <= start + 1) cut = start + SEGMENT;
    // Never split a surrogate pair.
    const previous = text.charCodeAt(cut - 1);
    if (previous >= 0xd800 && previous <= 0xdbff) cut++;
    segments.push(text.slice(start, cut));
    start = cut;
  }
  segments.push(text.slice(start));
  return segments;
}
