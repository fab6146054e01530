import { createReadStream } from 'node:fs';

/** Options for {@link fileChunks}. */
export interface FileChunkOptions {
  /** Stops reading; the iteration then throws the signal's abort error. */
  readonly signal?: AbortSignal;
  /** Chunk size in bytes. Default 1 MiB: large enough to keep per-chunk overhead low on gigabyte files. */
  readonly highWaterMark?: number;
}

/** Streams a file's bytes in chunks without holding more than one chunk. Each yielded chunk is a fresh buffer. */
export async function* fileChunks(path: string, options: FileChunkOptions = {}): AsyncGenerator<Uint8Array> {
  const stream = createReadStream(path, {
    highWaterMark: options.highWaterMark ?? 1024 * 1024,
    signal: options.signal,
  });
  for await (const chunk of stream as AsyncIterable<Buffer>) yield chunk;
}
