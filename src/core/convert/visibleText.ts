// C0 and C1 controls, DEL, and the bidirectional overrides that reorder what a terminal shows ("Trojan source").
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * One line of report text safe to print: control characters from data (an escape sequence in a CSV cell, a newline
 * in a column name) are written as escapes, so they can neither drive the terminal nor break the report's lines.
 * C0 controls get JSON's escapes (`\n`, `\u001b`), as the validator's quoted values do; the others `\u` escapes.
 */
export function visibleText(text: string): string {
  return text.replace(INVISIBLE, (char) => {
    const code = char.charCodeAt(0);
    return code < 0x20 ? JSON.stringify(char).slice(1, -1) : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}
