import { fileError } from './fileErrors';
import { openInputFile } from './inputFile';

/** Options for {@link fileChunks}. */
export interface FileChunkOptions {
  /** Stops reading; the iteration then throws the signal's abort error. */
  readonly signal?: AbortSignal;
  /** Chunk size in bytes. Default 1 MiB: large enough to keep per-chunk overhead low on gigabyte files. */
  readonly highWaterMark?: number;
}

/**
 * Streams a file's bytes in chunks without holding more than one chunk. Each yielded chunk is a fresh buffer. Only
 * regular files are read (see `openInputFile`).
 */
export async function* fileChunks(path: string, options: FileChunkOptions = {}): AsyncGenerator<Uint8Array> {
  const chunkSize = options.highWaterMark ?? 1024 * 1024;
  options.signal?.throwIfAborted();
  const handle = await openInputFile(path);
  try {
    for (;;) {
      options.signal?.throwIfAborted();
      const buffer = Buffer.allocUnsafe(chunkSize);
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, null).catch((error: unknown) => {
        throw fileError('read', path, error);
      });
      if (bytesRead === 0) return;
      yield bytesRead === chunkSize ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
