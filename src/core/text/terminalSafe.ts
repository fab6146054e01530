// Characters a terminal may act on instead of printing: C0 controls (ESC starts colour and cursor sequences, CR
// overwrites the line), DEL, C1 controls (U+009B is a one-character CSI), and the bidirectional overrides and
// isolates that make text display in another order than it is stored.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from data made safe to print on a terminal: every control or bidi-override character becomes a visible
 * `\u001b`-style escape, so data can neither recolour, move the cursor nor hide text. Use it for everything a CLI
 * prints that holds data or names from the user (messages, file names, model names).
 */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, escape);
}

function escape(character: string): string {
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

const UNSAFE_BUT_LINE_FEED = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * {@link terminalSafe} for a multi-line report whose line feeds are its own (e.g. pretty-printed JSON, where
 * JSON.stringify already escaped the line feeds inside strings but left DEL, C1 and bidi controls raw).
 */
export function terminalSafeLines(text: string): string {
  return text.replace(UNSAFE_BUT_LINE_FEED, escape);
}
