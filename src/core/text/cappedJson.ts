// Text and pretty JSON cut to a length, for showing values that may be huge without building them whole.

const ELLIPSIS = '…';

/** Cuts text to at most `limit` characters, the last being an ellipsis when it was cut. */
export function capped(text: string, limit: number): string {
  return text.length <= limit ? text : text.slice(0, limit - ELLIPSIS.length) + ELLIPSIS;
}

/** Pretty JSON (as `JSON.stringify(value, null, 2)`) cut to at most `limit` characters. */
export function cappedJson(value: unknown, limit: number): string {
  const pretty = boundedJson(value, limit);
  return pretty.complete ? pretty.text : capped(pretty.text, limit);
}

/**
 * Pretty JSON of a parsed value, written only until it passes `limit` characters: a huge value costs no more than a
 * small one, and the depth it descends is bounded by the limit too.
 */
export function boundedJson(value: unknown, limit: number): { readonly text: string; readonly complete: boolean } {
  const pieces: string[] = [];
  let length = 0;
  const full = (): boolean => length > limit;
  const write = (piece: string): void => {
    pieces.push(piece);
    length += piece.length;
  };
  const writeString = (text: string): void => {
    // Only the part that can still show is escaped: a long string is never serialised whole.
    const room = Math.max(0, limit - length + 1);
    write(JSON.stringify(text.length > room ? text.slice(0, room) : text));
  };
  const writeValue = (item: unknown, indent: string): void => {
    if (full()) return;
    if (typeof item === 'string') return writeString(item);
    if (typeof item === 'number') return write(Number.isFinite(item) ? String(item) : 'null');
    if (typeof item === 'boolean') return write(String(item));
    if (item === null || typeof item !== 'object') return write('null');
    const inner = `${indent}  `;
    if (Array.isArray(item)) {
      if (item.length === 0) return write('[]');
      write('[');
      for (let i = 0; i < item.length && !full(); i++) {
        write(i === 0 ? `\n${inner}` : `,\n${inner}`);
        writeValue(item[i], inner);
      }
      return write(`\n${indent}]`);
    }
    const record = item as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 0) return write('{}');
    write('{');
    for (let i = 0; i < keys.length && !full(); i++) {
      const key = keys[i] ?? '';
      write(i === 0 ? `\n${inner}` : `,\n${inner}`);
      writeString(key);
      write(': ');
      writeValue(record[key], inner);
    }
    write(`\n${indent}}`);
  };
  writeValue(value, '');
  return { text: pieces.join(''), complete: !full() };
}
