import { fileError } from './fileErrors';
import { openInputFile } from './inputFile';

/**
 * Streams a file through one reused buffer: each chunk is valid only until the next one is requested. For
 * consumers that copy what they keep (the line splitter does), this keeps a multi-gigabyte read from leaving a
 * trail of dead 1 MiB buffers for the garbage collector. Only regular files are read (see `openInputFile`).
 */
export async function* reusedFileChunks(
  path: string,
  options: { signal?: AbortSignal | undefined; chunkSize?: number } = {},
): AsyncGenerator<Uint8Array> {
  const chunkSize = options.chunkSize ?? 1024 * 1024;
  options.signal?.throwIfAborted();
  const handle = await openInputFile(path);
  try {
    const buffer = Buffer.allocUnsafe(chunkSize);
    for (;;) {
      options.signal?.throwIfAborted();
      const { bytesRead } = await handle.read(buffer, 0, chunkSize, null).catch((error: unknown) => {
        throw fileError('read', path, error);
      });
      if (bytesRead === 0) return;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}
