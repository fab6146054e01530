// The Uploads API: create an upload (`filename`, `purpose`, `bytes`, `mime_type`), add parts (multipart `data`, each
// streamed to disk), complete it with the part ids in order (the byte counts must add up; `md5` is checked when
// given) into a File, or cancel it. Fault: a file name containing `fault-part-once` fails the first attempt of the
// upload's second part with a 500.
import type { UploadPart } from 'openai/resources/uploads/parts';
import type { Upload } from 'openai/resources/uploads/uploads';
import { errorReply, invalidParameter, type ErrorReply } from './errors';
import { digestOf, type FileStore, type Segment } from './fileStore';
import { checkFineTuneName, readPurpose } from './files';
import { readForm } from './form';
import { randomId } from './ids';
import { isRequestBody } from './requestParams';
import { idIn, json, ok, type Router } from './routes';

/** The API's limits: 8 GB per upload, 64 MB per part. */
export const MAX_UPLOAD_BYTES = 8 * 1024 ** 3;
export const MAX_PART_BYTES = 64 * 1024 ** 2;
/** An upload expires an hour after it was created. */
const EXPIRES_AFTER_SECONDS = 3600;

interface UploadState {
  upload: Upload;
  parts: Map<string, Segment>;
  /** Part requests received, to fail the second one once when the file name asks for it. */
  partRequests: number;
}

export function uploadsRouter(store: FileStore): Router {
  const uploads = new Map<string, UploadState>();

  const find = (id: string): UploadState | ErrorReply => {
    const state = uploads.get(id);
    if (!state)
      return errorReply(404, { message: `No such Upload: ${id}`, type: 'invalid_request_error', param: 'id' });
    if (state.upload.status === 'pending' && Date.now() / 1000 > state.upload.expires_at) {
      state.upload.status = 'expired';
      void discardParts(state);
    }
    return state;
  };
  const discardParts = async (state: UploadState, keep: readonly Segment[] = []): Promise<void> => {
    const unused = [...state.parts.values()].filter((segment) => !keep.includes(segment));
    state.parts.clear();
    await Promise.all(unused.map((segment) => store.discardSegment(segment)));
  };
  const notPending = (state: UploadState, action: string): ErrorReply | undefined =>
    state.upload.status === 'pending'
      ? undefined
      : invalidParameter(null, `Cannot ${action} an upload whose status is ${state.upload.status}.`);

  return (method, path) => {
    if (method !== 'POST') return undefined;
    if (path === '/v1/uploads') return json((body) => create(body));

    const partsOf = idIn(path, 'uploads', '/parts');
    if (partsOf !== undefined) {
      return {
        kind: 'stream',
        handle: async (request) => {
          const state = find(partsOf);
          if ('status' in state) {
            request.resume();
            return { reply: state, recorded: undefined };
          }
          state.partRequests += 1;
          const form = await readForm(request, 'data', store);
          if ('status' in form) return { reply: form, recorded: undefined };
          const segment = form.file?.segment;
          const recorded = segment ? { data: { bytes: segment.bytes } } : {};
          const refuse = async (reply: ErrorReply) => {
            if (segment) await store.discardSegment(segment);
            return { reply, recorded };
          };
          if (!segment) return refuse(invalidParameter('data', "Missing required parameter: 'data'."));
          const stateError = notPending(state, 'add a part to');
          if (stateError) return refuse(stateError);
          if (segment.bytes > MAX_PART_BYTES) {
            return refuse(invalidParameter('data', `A part can be at most ${MAX_PART_BYTES} bytes.`));
          }
          if (state.upload.filename.includes('fault-part-once') && state.partRequests === 2) {
            return refuse(
              errorReply(500, {
                message: 'The server had an error while processing your request (OpenAI-compatible simulator).',
                type: 'server_error',
              }),
            );
          }
          const part: UploadPart = {
            id: `part_${randomId(24)}`,
            object: 'upload.part',
            created_at: Math.floor(Date.now() / 1000),
            upload_id: state.upload.id,
          };
          state.parts.set(part.id, segment);
          return { reply: ok(part), recorded };
        },
      };
    }

    const completeOf = idIn(path, 'uploads', '/complete');
    if (completeOf !== undefined) return json((body) => complete(completeOf, body));

    const cancelOf = idIn(path, 'uploads', '/cancel');
    if (cancelOf !== undefined) {
      return json(async () => {
        const state = find(cancelOf);
        if ('status' in state) return state;
        const stateError = notPending(state, 'cancel');
        if (stateError) return stateError;
        state.upload.status = 'cancelled';
        await discardParts(state);
        return ok(state.upload);
      });
    }
    return undefined;
  };

  function create(body: unknown) {
    if (!isRequestBody(body)) return invalidParameter(null, 'The body must be a JSON object.');
    const { filename, purpose, bytes, mime_type: mimeType } = body;
    if (typeof filename !== 'string' || filename === '') {
      return invalidParameter('filename', "Missing required parameter: 'filename'.");
    }
    const checkedPurpose = readPurpose(purpose);
    if (typeof checkedPurpose !== 'string') return checkedPurpose;
    if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 0 || bytes > MAX_UPLOAD_BYTES) {
      return invalidParameter('bytes', `'bytes' must be an integer from 0 to ${MAX_UPLOAD_BYTES}.`);
    }
    if (typeof mimeType !== 'string' || mimeType === '') {
      return invalidParameter('mime_type', "Missing required parameter: 'mime_type'.");
    }
    const badName = checkFineTuneName(checkedPurpose, filename);
    if (badName) return badName;
    const createdAt = Math.floor(Date.now() / 1000);
    const upload: Upload = {
      id: `upload_${randomId(24)}`,
      object: 'upload',
      bytes,
      created_at: createdAt,
      expires_at: createdAt + EXPIRES_AFTER_SECONDS,
      filename,
      purpose: checkedPurpose,
      status: 'pending',
      file: null,
    };
    uploads.set(upload.id, { upload, parts: new Map(), partRequests: 0 });
    return ok(upload);
  }

  async function complete(id: string, body: unknown) {
    const state = find(id);
    if ('status' in state) return state;
    const stateError = notPending(state, 'complete');
    if (stateError) return stateError;
    const partIds = isRequestBody(body) ? body.part_ids : undefined;
    if (!Array.isArray(partIds) || !partIds.every((part): part is string => typeof part === 'string')) {
      return invalidParameter('part_ids', "'part_ids' must be an array of part ids.");
    }
    if (new Set(partIds).size !== partIds.length) {
      return invalidParameter('part_ids', "'part_ids' lists a part more than once.");
    }
    const segments: Segment[] = [];
    for (const partId of partIds) {
      const segment = state.parts.get(partId);
      if (!segment) return invalidParameter('part_ids', `No such part in upload ${id}: ${partId}`);
      segments.push(segment);
    }
    const total = segments.reduce((sum, segment) => sum + segment.bytes, 0);
    if (total !== state.upload.bytes) {
      return invalidParameter(
        'part_ids',
        `The parts add up to ${total} bytes, but the upload was created with bytes=${state.upload.bytes}.`,
      );
    }
    const md5 = isRequestBody(body) ? body.md5 : undefined;
    if (md5 !== undefined && md5 !== '') {
      const actual = await digestOf(store.content({ segments }), 'md5');
      if (typeof md5 !== 'string' || md5.toLowerCase() !== actual) {
        return invalidParameter('md5', `The md5 checksum does not match the uploaded bytes (${actual}).`);
      }
    }
    const purpose = state.upload.purpose as Parameters<FileStore['add']>[0]['purpose'];
    const file = store.add({ filename: state.upload.filename, purpose }, segments);
    await discardParts(state, segments);
    state.upload.status = 'completed';
    state.upload.file = file;
    return ok(state.upload);
  }
}
