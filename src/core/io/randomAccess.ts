import type { FileHandle } from 'node:fs/promises';
import { fileError } from './fileErrors';
import { openInputFile } from './inputFile';

/** Positional reads from one open file; close it when done. */
export interface RandomAccessFile {
  /** Reads `length` bytes starting at `offset`; returns fewer only when the file ends first. */
  readAt(offset: number, length: number): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Opens a file for positional reads, so callers can re-read remembered byte ranges instead of holding them. */
export async function openRandomAccess(path: string): Promise<RandomAccessFile> {
  const handle = await openInputFile(path);
  return {
    readAt: (offset, length) => readRange(handle, path, offset, length),
    close: () => handle.close(),
  };
}

/** Reads `length` bytes at `offset` of an open file; fewer only when the file ends first (it may have shrunk). */
export async function readRange(handle: FileHandle, path: string, offset: number, length: number): Promise<Uint8Array> {
  const buffer = Buffer.allocUnsafe(length);
  let filled = 0;
  while (filled < length) {
    const { bytesRead } = await handle
      .read(buffer, filled, length - filled, offset + filled)
      .catch((error: unknown) => {
        throw fileError('read', path, error);
      });
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled === length ? buffer : buffer.subarray(0, filled);
}
