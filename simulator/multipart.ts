// A streaming multipart/form-data reader: the body is never held whole, so a 1 GB file upload costs a few chunks of
// memory. Each part's bytes go to a sink the caller chooses from the part's headers (a text field, or a file on disk).
import type { Readable } from 'node:stream';

export interface PartHeaders {
  /** The `name` of the form field. */
  name: string;
  /** The `filename`, for file fields. */
  filename?: string;
  contentType?: string;
}

/** Where one part's bytes go. `write` may return a promise to slow the reader down (backpressure). */
export interface PartSink {
  write(chunk: Buffer): void | Promise<void>;
  end(): void | Promise<void>;
}

/** Why a body is not well-formed multipart; the route answers it with a 400. */
export class MultipartError extends Error {}

/** Part headers over this many bytes are refused (real ones are a few hundred). */
const MAX_HEADER_BYTES = 16 * 1024;

/** The boundary of a `multipart/form-data` content type; undefined for any other type. */
export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

/**
 * Reads every part of `body`, handing each part's bytes to the sink `openPart` returns for it, in order. Rejects with
 * a MultipartError when the body is cut short or malformed.
 */
export async function readMultipart(
  body: Readable,
  boundary: string,
  openPart: (headers: PartHeaders) => PartSink | Promise<PartSink>,
): Promise<void> {
  // Every boundary but the first is preceded by CRLF; starting the buffer with one makes all of them look the same.
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  let buffer: Buffer = Buffer.from('\r\n');
  let state: 'preamble' | 'after-delimiter' | 'headers' | 'body' | 'done' = 'preamble';
  let sink: PartSink | undefined;

  for await (const chunk of body as AsyncIterable<Buffer>) {
    buffer = buffer.length === 0 ? chunk : Buffer.concat([buffer, chunk]);
    // Each pass consumes what it can; it stops when it needs more bytes.
    for (;;) {
      if (state === 'preamble') {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          buffer = buffer.subarray(Math.max(0, buffer.length - delimiter.length + 1));
          break;
        }
        buffer = buffer.subarray(at + delimiter.length);
        state = 'after-delimiter';
      } else if (state === 'after-delimiter') {
        if (buffer.length < 2) break;
        const marker = buffer.toString('latin1', 0, 2);
        if (marker === '--') {
          state = 'done';
          break;
        }
        if (marker !== '\r\n') throw new MultipartError('A multipart boundary is not followed by a line break.');
        buffer = buffer.subarray(2);
        state = 'headers';
      } else if (state === 'headers') {
        const end = buffer.indexOf('\r\n\r\n');
        if (end < 0) {
          if (buffer.length > MAX_HEADER_BYTES) throw new MultipartError('A multipart part has oversized headers.');
          break;
        }
        sink = await openPart(parsePartHeaders(buffer.toString('utf8', 0, end)));
        buffer = buffer.subarray(end + 4);
        state = 'body';
      } else if (state === 'body') {
        const at = buffer.indexOf(delimiter);
        if (at < 0) {
          // Keep only what could be the start of a delimiter split across chunks.
          const safe = buffer.length - delimiter.length + 1;
          if (safe > 0) {
            await sink?.write(buffer.subarray(0, safe));
            buffer = buffer.subarray(safe);
          }
          break;
        }
        if (at > 0) await sink?.write(buffer.subarray(0, at));
        await sink?.end();
        sink = undefined;
        buffer = buffer.subarray(at + delimiter.length);
        state = 'after-delimiter';
      } else {
        break;
      }
    }
    // A view into a large chunk would pin it; copy the small remainder instead.
    if (buffer.length > 0 && buffer.length < 4096) buffer = Buffer.from(buffer);
  }
  if (state !== 'done') throw new MultipartError('The multipart body ended before its closing boundary.');
}

function parsePartHeaders(text: string): PartHeaders {
  let disposition = '';
  let contentType: string | undefined;
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'content-disposition') disposition = value;
    if (name === 'content-type') contentType = value;
  }
  const name = parameterOf(disposition, 'name');
  if (!/^form-data\b/i.test(disposition) || name === undefined) {
    throw new MultipartError('A multipart part has no Content-Disposition: form-data with a name.');
  }
  const filename = parameterOf(disposition, 'filename');
  return {
    name,
    ...(filename !== undefined ? { filename } : {}),
    ...(contentType !== undefined ? { contentType } : {}),
  };
}

/** A `key="value"` (or unquoted) parameter of a header value; browsers and undici escape `"` as `%22`. */
function parameterOf(header: string, key: string): string | undefined {
  const match = new RegExp(`;\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, 'i').exec(header);
  if (!match) return undefined;
  const value = match[1] ?? match[2] ?? '';
  return value.replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}
