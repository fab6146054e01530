// A sketch is a 32-bit summary of a parsed JSON value that equal values always share (objects compare whatever
// their key order) but that reads only the lengths and a few sampled characters of long strings. Different values
// may share a sketch; callers confirm sketch matches with exact hashes. Costs about a third of exact hashing.

const TAG_STRING = 0x51;
const TAG_NUMBER = 0x52;
const TAG_TRUE = 0x53;
const TAG_FALSE = 0x54;
const TAG_NULL = 0x55;
const TAG_ARRAY = 0x56;
const TAG_OBJECT = 0x57;
const TAG_MEMBER = 0x58;
const TAG_DEEP = 0x59;

/** Strings up to this length are read whole; longer ones by {@link SAMPLES} evenly spaced pairs and the last unit. */
const SHORT_TEXT = 64;
const SAMPLES = 32;
/** Deeper values all sketch alike: coarser, never wrong, and no recursion limit to fear. */
const MAX_DEPTH = 48;

/** Mixes one 32-bit word into a running sketch. */
export function mixSketch(sketch: number, word: number): number {
  const h = Math.imul(sketch ^ word, 0x9e3779b1);
  return h ^ (h >>> 15);
}

function finish(sketch: number): number {
  let h = Math.imul(sketch ^ (sketch >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** Sketch of a string: its length and its characters (all of a short string, samples of a long one). */
export function sketchText(text: string): number {
  const n = text.length;
  let h = mixSketch(TAG_STRING, n);
  if (n <= SHORT_TEXT) {
    for (let i = 0; i < n; i++) h = mixSketch(h, text.charCodeAt(i));
    return h;
  }
  const step = Math.max(1, Math.floor(n / SAMPLES));
  for (let i = 0; i + 1 < n; i += step) h = mixSketch(h, text.charCodeAt(i) | (text.charCodeAt(i + 1) << 16));
  return mixSketch(h, text.charCodeAt(n - 1));
}

/** Sketch of a parsed JSON value. */
export function sketchValue(value: unknown): number {
  return sketchAt(value, 0);
}

function sketchAt(value: unknown, depth: number): number {
  if (typeof value === 'string') return sketchText(value);
  if (typeof value === 'number') return mixSketch(TAG_NUMBER, value | 0);
  if (value === true) return TAG_TRUE;
  if (value === false) return TAG_FALSE;
  if (value === null || typeof value !== 'object') return TAG_NULL;
  if (depth >= MAX_DEPTH) return TAG_DEEP;
  if (Array.isArray(value)) {
    let h = mixSketch(TAG_ARRAY, value.length);
    for (let i = 0; i < value.length; i++) h = mixSketch(h, sketchAt(value[i], depth + 1));
    return h;
  }
  // Members are summed, so key order does not matter and keys need no sorting.
  const object = value as Record<string, unknown>;
  let sum = 0;
  let count = 0;
  for (const key in object) {
    sum = (sum + finish(mixSketch(mixSketch(TAG_MEMBER, sketchText(key)), sketchAt(object[key], depth + 1)))) | 0;
    count++;
  }
  return mixSketch(mixSketch(TAG_OBJECT, count), sum);
}

/** One part of an example (its prompt or its answer) sketched as a sequence of values, texts and marks. */
export class SketchPart {
  private sketch: number;

  constructor(seed: number) {
    this.sketch = seed;
  }

  json(value: unknown): void {
    this.sketch = mixSketch(this.sketch, sketchValue(value));
  }

  text(value: string): void {
    this.sketch = mixSketch(this.sketch, sketchText(value));
  }

  word(value: number): void {
    this.sketch = mixSketch(this.sketch, value);
  }

  /** The part's sketch, an unsigned 32-bit integer. */
  digest(): number {
    return finish(this.sketch);
  }
}
