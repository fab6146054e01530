/**
 * Cuts a long plain text into pieces at line ends, each at least `minLength` characters (the last may be shorter),
 * so that each piece can be its own block: with `content-visibility: auto`, only the pieces in view are laid out.
 * A piece ends just after a newline, so in `white-space: pre-wrap` the pieces stacked as blocks show the same lines
 * as the whole text (a block's final newline adds no line). A line longer than `minLength` is never cut: a cut
 * inside a line would show as a line break. Joining the pieces gives the text back.
 */
export function textPieces(text: string, minLength: number): string[] {
  const pieces: string[] = [];
  let start = 0;
  while (text.length - start > minLength) {
    const end = text.indexOf('\n', start + minLength - 1);
    if (end < 0 || end === text.length - 1) break;
    pieces.push(text.slice(start, end + 1));
    start = end + 1;
  }
  if (start < text.length || pieces.length === 0) pieces.push(text.slice(start));
  return pieces;
}
