// A multipart form with text fields and one file field, as the Files and Uploads APIs take it: the text fields in
// memory (small), the file streamed to a segment on disk.
import type { IncomingMessage } from 'node:http';
import { invalidParameter, type ErrorReply } from './errors';
import type { FileStore, Segment, SegmentSink } from './fileStore';
import { boundaryOf, MultipartError, readMultipart, type PartSink } from './multipart';

export interface UploadedForm {
  fields: Record<string, string>;
  file?: { segment: Segment; filename: string; contentType?: string };
}

/** Text fields larger than this are refused: they are ids and names. */
const MAX_FIELD_BYTES = 64 * 1024;

/**
 * Reads the form; a malformed body or a second file answers a 400 (the bytes on disk removed). Rejects only when the
 * request itself breaks (the client went away): then nothing is kept.
 */
export async function readForm(
  request: IncomingMessage,
  fileField: string,
  store: FileStore,
): Promise<UploadedForm | ErrorReply> {
  const boundary = boundaryOf(request.headers['content-type']);
  if (!boundary) {
    request.resume();
    return invalidParameter(null, 'This endpoint expects a multipart/form-data body (OpenAI-compatible simulator).');
  }
  const fields: Record<string, string> = {};
  const sinks: SegmentSink[] = [];
  let file: { sink: SegmentSink; filename: string; contentType?: string } | undefined;
  try {
    await readMultipart(request, boundary, async (part): Promise<PartSink> => {
      if (part.name === fileField && part.filename !== undefined) {
        if (file) throw new MultipartError(`The form has more than one '${fileField}' file.`);
        const sink = await store.openSegment();
        sinks.push(sink);
        file = { sink, filename: part.filename, ...(part.contentType ? { contentType: part.contentType } : {}) };
        return sink;
      }
      return textField((text) => {
        fields[part.name] = text;
      });
    });
    if (!file) return { fields };
    const segment = await file.sink.done;
    return { fields, file: { segment, filename: file.filename, ...pick(file.contentType) } };
  } catch (error) {
    await Promise.all(sinks.map((sink) => sink.discard()));
    if (error instanceof MultipartError) {
      request.resume();
      return invalidParameter(null, `${error.message} (OpenAI-compatible simulator)`);
    }
    throw error;
  }
}

function pick(contentType: string | undefined): { contentType?: string } {
  return contentType === undefined ? {} : { contentType };
}

function textField(done: (text: string) => void): PartSink {
  const chunks: Buffer[] = [];
  let size = 0;
  return {
    write(chunk) {
      size += chunk.length;
      if (size > MAX_FIELD_BYTES) throw new MultipartError('A form field is too large.');
      chunks.push(chunk);
    },
    end() {
      done(Buffer.concat(chunks).toString('utf8'));
    },
  };
}
