import type { LineRegion } from '../jsonl/lineRegions';

/**
 * A region of whole lines on its way to a worker thread: its buffer is transferred (one message per chunk read, not
 * one per line) and the worker finds the lines itself.
 */
export interface LineBatch extends LineRegion {
  readonly seq: number;
}
