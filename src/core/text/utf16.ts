/** What the first bytes of a file say about its encoding: a UTF-16 byte order mark, or the NUL bytes of UTF-16 text. */
export function sniffUtf16(head: Uint8Array): 'utf-16le' | 'utf-16be' | undefined {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // ASCII text in UTF-16 has a NUL in every other byte; UTF-8 text has none.
  const sample = head.subarray(0, 4096 - (Math.min(head.length, 4096) % 2));
  let evenNuls = 0;
  let oddNuls = 0;
  for (let at = 0; at < sample.length; at++) {
    if (sample[at] !== 0) continue;
    if (at % 2 === 0) evenNuls++;
    else oddNuls++;
  }
  const pairs = sample.length / 2;
  if (pairs >= 2 && oddNuls >= pairs / 2 && evenNuls === 0) return 'utf-16le';
  if (pairs >= 2 && evenNuls >= pairs / 2 && oddNuls === 0) return 'utf-16be';
  return undefined;
}
