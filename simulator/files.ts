// The Files API: `POST /v1/files` (multipart `purpose` and `file`, streamed to disk), list, retrieve, content and
// delete. Bodies are the SDK's `FileObject` and `FileDeleted`.
import type { FileDeleted, FileObject } from 'openai/resources/files';
import { errorReply, invalidParameter, type ErrorReply } from './errors';
import type { FileStore } from './fileStore';
import { readForm } from './form';
import { cursorPage } from './pagination';
import { idIn, json, ok, type Router } from './routes';

/** What `POST /v1/files` takes (the SDK's FilePurpose, which lists `evals` though FileObject does not). */
const UPLOAD_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;

/** The real API's wording for a file id it does not know. */
export function noSuchFile(id: string, param = 'id'): ErrorReply {
  return errorReply(404, { message: `No such File object: ${id}`, type: 'invalid_request_error', param });
}

/** The purpose to store, or the 400 the API gives for a missing or unknown one. */
export function readPurpose(value: unknown): FileObject['purpose'] | ErrorReply {
  if (typeof value !== 'string' || value === '') {
    return invalidParameter('purpose', "Missing required parameter: 'purpose'.");
  }
  if (!(UPLOAD_PURPOSES as readonly string[]).includes(value)) {
    return invalidParameter(
      'purpose',
      `Invalid value for 'purpose': expected one of ${UPLOAD_PURPOSES.map((p) => `'${p}'`).join(', ')}, got '${value}'.`,
    );
  }
  return value as FileObject['purpose'];
}

/** Fine-tuning takes JSONL only; the API refuses other file names at upload. */
export function checkFineTuneName(purpose: string, filename: string): ErrorReply | undefined {
  if (purpose !== 'fine-tune' || /\.jsonl$/i.test(filename)) return undefined;
  return invalidParameter('file', `Invalid file format for Fine-Tuning API. Must be .jsonl (got ${filename}).`);
}

export function filesRouter(store: FileStore): Router {
  return (method, path) => {
    if (path === '/v1/files') {
      if (method === 'GET') return json((_body, query) => listFiles(store, query));
      if (method === 'POST') return { kind: 'stream', handle: (request) => createFile(store, request) };
      return undefined;
    }
    const contentOf = idIn(path, 'files', '/content');
    if (contentOf !== undefined && method === 'GET') {
      return json(() => {
        const file = store.get(contentOf);
        if (!file) return noSuchFile(contentOf);
        const length = file.object.bytes;
        return { status: 200, bytes: store.content(file), contentType: 'application/octet-stream', length };
      });
    }
    const id = idIn(path, 'files');
    if (id === undefined) return undefined;
    if (method === 'GET') {
      return json(() => {
        const file = store.get(id);
        return file ? ok(file.object) : noSuchFile(id);
      });
    }
    if (method === 'DELETE') {
      return json(async () => {
        if (!(await store.delete(id))) return noSuchFile(id);
        const deleted: FileDeleted = { id, object: 'file', deleted: true };
        return ok(deleted);
      });
    }
    return undefined;
  };
}

function listFiles(store: FileStore, query: URLSearchParams) {
  const purpose = query.get('purpose');
  const files = store.list().filter((file) => purpose === null || file.purpose === purpose);
  if (query.get('order') !== 'asc') files.reverse();
  return cursorPage(files, query, 10_000);
}

async function createFile(store: FileStore, request: Parameters<typeof readForm>[0]) {
  const form = await readForm(request, 'file', store);
  if ('status' in form) return { reply: form, recorded: undefined };
  const recorded = {
    ...form.fields,
    ...(form.file ? { file: { filename: form.file.filename, bytes: form.file.segment.bytes } } : {}),
  };
  const refuse = async (reply: ErrorReply) => {
    if (form.file) await store.discardSegment(form.file.segment);
    return { reply, recorded };
  };
  const purpose = readPurpose(form.fields.purpose);
  if (typeof purpose !== 'string') return refuse(purpose);
  if (!form.file) return refuse(invalidParameter('file', "Missing required parameter: 'file'."));
  const badName = checkFineTuneName(purpose, form.file.filename);
  if (badName) return refuse(badName);
  const object = store.add({ filename: form.file.filename, purpose }, [form.file.segment]);
  return { reply: ok(object), recorded };
}
