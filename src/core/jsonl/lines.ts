/** One line of an in-memory text, without its line terminator. */
export interface TextLine {
  /** Zero-based line number. */
  readonly line: number;
  /** Offset of the first character in the whole text (UTF-16 units). */
  readonly offset: number;
  readonly text: string;
}

/**
 * Splits a text into lines on `\n`, dropping a `\r` before it (CRLF is accepted). A final empty line after the last
 * terminator is not returned, since editors show it but it holds no example.
 */
export function splitLines(text: string): TextLine[] {
  const lines: TextLine[] = [];
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (newline === -1 && start === text.length && line > 0) break;
    const contentEnd = end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end;
    lines.push({ line, offset: start, text: text.slice(start, contentEnd) });
    if (newline === -1) break;
    start = newline + 1;
    line++;
  }
  return lines;
}
