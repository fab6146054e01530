import { formatFamily, type DatasetFormat } from './datasetFormat';
import { otherFormatOf } from './otherFormat';

/** What one line looks like on its own: a format, `unknown` for an object with none of the known keys. */
export type LineShape = DatasetFormat | 'unknown';

/**
 * Classifies a parsed JSON object by its top-level keys. A `messages` conversation that ends in a user turn looks
 * like RFT (the model writes the answer during training); any other conversation looks like chat. Another tool's
 * layout is `unknown` even where it shares a key (Alpaca's `input` is not a preference input).
 */
export function shapeOf(value: Readonly<Record<string, unknown>>): LineShape {
  if ('messages' in value) return endsWithUserTurn(value['messages']) ? 'rft' : 'chat';
  if (otherFormatOf(value) !== undefined) return 'unknown';
  if ('input' in value || 'preferred_output' in value || 'non_preferred_output' in value) return 'preference';
  if ('preferred_completion' in value || 'non_preferred_completion' in value) return 'preference';
  if ('prompt' in value || 'completion' in value) return 'completion';
  return 'unknown';
}

function endsWithUserTurn(messages: unknown): boolean {
  if (!Array.isArray(messages) || messages.length === 0) return false;
  const last: unknown = messages[messages.length - 1];
  if (typeof last !== 'object' || last === null) return false;
  const role = (last as Record<string, unknown>)['role'];
  return typeof role === 'string' && role.toLowerCase() === 'user';
}

/**
 * The format a line is checked against. A line of another layout family than the file is checked as what it looks
 * like (the file check reports the mix once); within a family the file's format wins; an unrecognisable object is
 * checked as the file's format, or as chat when none is known yet.
 */
export function checkedFormat(shape: LineShape, format: DatasetFormat | undefined): DatasetFormat {
  const own = shape === 'unknown' ? undefined : shape;
  if (format === undefined) return own ?? 'chat';
  if (own === undefined) return format;
  return formatFamily(own) === formatFamily(format) ? format : own;
}
