/**
 * Uploads a training or validation file from disk, never holding it in memory: small files through the Files API in
 * one streamed multipart request, large ones through the Uploads API in parts (see sendParts.ts), each part streamed
 * from its own byte range. The SDK encodes a `toStreamingFile` body lazily as the request is sent, pulling from our
 * stream only as fast as the socket drains, so at most a few chunks of a part are in memory at a time. A streamed
 * body cannot be sent twice, so the SDK's retries are off for these requests; parts are retried by sendParts with a
 * fresh stream.
 */

import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type OpenAI from 'openai';
import { toStreamingFile } from 'openai';
import { endpointUrl } from '../connections/baseUrl';
import type { UploadedFile } from './job';
import { mapFile } from './mapJob';
import type { UploadOptions, UploadSource } from './provider';
import { ProviderError, toProviderError } from './providerError';
import { sendParts, UploadExpiryError } from './sendParts';
import { DEFAULT_UPLOAD_LIMITS, formatBytes, planUpload, UPLOAD_LIFETIME_MS, type UploadLimits } from './uploadPlan';

export interface UploadTuning extends UploadLimits {
  /** Parts in flight at once. */
  concurrency: number;
  /** Attempts per part, the first included. */
  maxPartAttempts: number;
  /** Wait before retrying a part (ms), by the attempt that failed. */
  retryDelayMs: (attempt: number) => number;
  /** Least time between two progress calls (ms); the first and the last always go through. */
  progressIntervalMs: number;
}

export const DEFAULT_UPLOAD_TUNING: Readonly<UploadTuning> = {
  ...DEFAULT_UPLOAD_LIMITS,
  concurrency: 3,
  maxPartAttempts: 4,
  retryDelayMs: (attempt) => 1000 * 2 ** (attempt - 1),
  progressIntervalMs: 200,
};

/** Fine-tuning data is JSON Lines; the Uploads API wants a MIME type it knows for the purpose. */
const JSONL_MIME_TYPE = 'text/jsonl';
/**
 * Request options for a streamed body. Without `redirect: 'error'` and `window: null`, fetch (undici) clones the
 * request so it could follow a redirect, and the clone tees the body stream: the branch kept for the redirect
 * buffers every byte sent until the request ends (measured: a 1 GB upload held 1.1 GB). A streamed body cannot be
 * replayed to a redirect anyway.
 */
const STREAMED_BODY_FETCH = { redirect: 'error', window: null } as const;
/** The size of each read from disk. */
const READ_CHUNK_BYTES = 1024 * 1024;
/** Time allowed for cancelling an abandoned upload on the server; it expires on its own anyway. */
const CANCEL_TIMEOUT_MS = 10_000;

export async function uploadFile(
  client: OpenAI,
  source: UploadSource,
  options: UploadOptions,
  tuning: UploadTuning = DEFAULT_UPLOAD_TUNING,
): Promise<UploadedFile> {
  const secrets = [client.apiKey];
  const bytes = await sizeOnDisk(source);
  const route = planUpload(bytes, tuning);
  if (!route.ok) throw new ProviderError(route.message, 'other', undefined, undefined, undefined, undefined);
  const progress = throttledProgress(options.onProgress, bytes, tuning.progressIntervalMs);
  progress(0);
  if (route.api === 'files') {
    const url = endpointUrl(client.baseURL, 'files');
    try {
      const file = await client.files.create(
        {
          file: toStreamingFile(readRange(source.path, 0, bytes, progress.add), source.filename, {
            type: JSONL_MIME_TYPE,
          }),
          purpose: 'fine-tune',
        },
        { signal: options.signal, maxRetries: 0, fetchOptions: STREAMED_BODY_FETCH },
      );
      progress.done();
      return mapFile(file);
    } catch (error) {
      throw toProviderError(error, url, secrets);
    }
  }

  const createUrl = endpointUrl(client.baseURL, 'uploads');
  let upload;
  try {
    upload = await client.uploads.create(
      { bytes, filename: source.filename, mime_type: JSONL_MIME_TYPE, purpose: 'fine-tune' },
      { signal: options.signal },
    );
  } catch (error) {
    const wrapped = toProviderError(error, createUrl, secrets);
    if (wrapped.status === 404)
      throw new ProviderError(
        `${wrapped.message} This server has no Uploads API, which files over ${formatBytes(tuning.filesApiMaxBytes)} need: upload a smaller file (split the dataset).`,
        wrapped.kind,
        wrapped.status,
        wrapped.code,
        wrapped.param,
        wrapped.serverMessage,
        { cause: error },
      );
    throw wrapped;
  }
  const uploadId = upload.id;
  const partsUrl = endpointUrl(client.baseURL, `uploads/${uploadId}/parts`);
  try {
    const partIds = await sendParts(route.parts, {
      signal: options.signal,
      totalBytes: bytes,
      concurrency: tuning.concurrency,
      maxAttempts: tuning.maxPartAttempts,
      retryDelayMs: tuning.retryDelayMs,
      lifetimeMs: lifetimeOf(upload),
      onProgress: (sent) => progress(sent),
      retryable: (error) => toProviderError(error, partsUrl, secrets).retryable,
      send: async ({ part, signal, onBytes }) => {
        const uploaded = await client.uploads.parts.create(
          uploadId,
          { data: toStreamingFile(readRange(source.path, part.start, part.end, onBytes), source.filename) },
          { signal, maxRetries: 0, fetchOptions: STREAMED_BODY_FETCH },
        );
        return uploaded.id;
      },
    });
    const completeUrl = endpointUrl(client.baseURL, `uploads/${uploadId}/complete`);
    let completed;
    try {
      completed = await client.uploads.complete(uploadId, { part_ids: partIds }, { signal: options.signal });
    } catch (error) {
      throw toProviderError(error, completeUrl, secrets);
    }
    if (completed.file === undefined || completed.file === null)
      throw new ProviderError(
        `${completeUrl} completed the upload but sent no file in its answer (status “${String(completed.status)}”).`,
        'other',
        undefined,
        undefined,
        undefined,
        undefined,
      );
    progress.done();
    return mapFile(completed.file);
  } catch (error) {
    await cancelQuietly(client, uploadId);
    if (options.signal.aborted)
      throw new ProviderError(
        `The upload of ${source.filename} was cancelled.`,
        'aborted',
        undefined,
        undefined,
        undefined,
        undefined,
        { cause: error },
      );
    if (error instanceof UploadExpiryError)
      throw new ProviderError(error.message, 'other', undefined, undefined, undefined, undefined, { cause: error });
    throw toProviderError(error, partsUrl, secrets);
  }
}

/** The file's size now; a file that changed since it was checked is refused rather than sent half-old. */
async function sizeOnDisk(source: UploadSource): Promise<number> {
  let bytes: number;
  try {
    const info = await stat(source.path);
    if (!info.isFile()) throw new Error('not a regular file');
    bytes = info.size;
  } catch (error) {
    throw new ProviderError(
      `Cannot read ${source.path}: ${error instanceof Error ? error.message : String(error)}.`,
      'other',
      undefined,
      undefined,
      undefined,
      undefined,
      { cause: error },
    );
  }
  if (bytes !== source.bytes)
    throw new ProviderError(
      `${source.filename} changed since it was checked (${formatBytes(source.bytes)} then, ${formatBytes(bytes)} now): check it again before uploading.`,
      'other',
      undefined,
      undefined,
      undefined,
      undefined,
    );
  return bytes;
}

/**
 * The bytes `start` to `end` (exclusive) of a file, read as they are asked for, reporting each chunk. Ending early
 * (the request was aborted) closes the file. A file that got shorter meanwhile fails the request instead of
 * sending a short part.
 */
async function* readRange(
  path: string,
  start: number,
  end: number,
  onBytes: (count: number) => void,
): AsyncGenerator<Uint8Array> {
  if (end <= start) return;
  let read = 0;
  // 1 MiB reads: every chunk goes through the SDK's multipart encoder, a web stream and fetch, each with a cost per
  // chunk; with the stream's default 64 KiB the upload bench ran at 0.75× a plain HTTP upload instead of ~1×.
  for await (const chunk of createReadStream(path, { start, end: end - 1, highWaterMark: READ_CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    read += bytes.length;
    onBytes(bytes.length);
    yield bytes;
  }
  if (read !== end - start)
    throw new Error(`${path} got shorter while it was being uploaded (read ${read} of ${end - start} bytes).`);
}

/** How long the server keeps this upload open: its own expiry when it says, else the documented hour. */
function lifetimeOf(upload: { created_at?: unknown; expires_at?: unknown }): number {
  const { created_at: created, expires_at: expires } = upload;
  if (typeof created === 'number' && typeof expires === 'number' && expires > created)
    return (expires - created) * 1000;
  return UPLOAD_LIFETIME_MS;
}

async function cancelQuietly(client: OpenAI, uploadId: string): Promise<void> {
  try {
    await client.uploads.cancel(uploadId, { signal: AbortSignal.timeout(CANCEL_TIMEOUT_MS), maxRetries: 0 });
  } catch {
    // Best effort: an upload left behind expires on its own within the hour.
  }
}

interface Progress {
  (sent: number): void;
  /** Adds bytes to the running total (the Files API's single stream). */
  add: (count: number) => void;
  /** Reports the whole file as sent. */
  done: () => void;
}

function throttledProgress(
  onProgress: ((sent: number, total: number) => void) | undefined,
  total: number,
  intervalMs: number,
): Progress {
  let last = -Infinity;
  let sent = 0;
  let reportedDone = false;
  const report = (value: number) => {
    sent = value;
    if (onProgress === undefined || reportedDone) return;
    const now = Date.now();
    if (now - last < intervalMs && value !== 0) return;
    last = now;
    onProgress(value, total);
  };
  return Object.assign(report, {
    add: (count: number) => report(sent + count),
    done: () => {
      if (onProgress !== undefined && !reportedDone) onProgress(total, total);
      reportedDone = true;
    },
  });
}
