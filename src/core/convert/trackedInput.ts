import type { StreamOptions } from './model';

/** Passes chunks through, checking the abort signal and reporting the bytes consumed before each one is used. */
export async function* trackInput(
  input: AsyncIterable<Uint8Array>,
  options: StreamOptions,
): AsyncGenerator<Uint8Array> {
  let bytesRead = 0;
  for await (const chunk of input) {
    options.signal?.throwIfAborted();
    bytesRead += chunk.length;
    options.onProgress?.(bytesRead);
    yield chunk;
  }
  options.signal?.throwIfAborted();
}
