import { constants } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { fileError, FileError } from './fileErrors';
import { fileKindOf } from './fileKind';

// Opening a FIFO for reading blocks until a writer appears; non-blocking, the open returns at once and the check
// below refuses it. On regular files the flag changes nothing. (Windows has no such flag and no FIFOs on paths.)
const READ_NOW = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Opens an input for reading and makes sure it is a regular file. Pipes, FIFOs, terminals, devices and folders are
 * refused with a message naming the path: inputs are read more than once (format detection, two-pass curation,
 * re-reads by offset), which a pipe cannot do, and a pipe with no writer would hang the read forever.
 */
export async function openInputFile(path: string): Promise<FileHandle> {
  let handle: FileHandle;
  try {
    handle = await open(path, READ_NOW);
  } catch (error) {
    // Sockets (and some devices) cannot even be opened; say what they are rather than ENXIO.
    const info = await stat(path).catch(() => undefined);
    throw info !== undefined && !info.isFile()
      ? notRegularInput(path, fileKindOf(info))
      : fileError('read', path, error);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) throw notRegularInput(path, fileKindOf(info));
    return handle;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error instanceof FileError ? error : fileError('read', path, error);
  }
}

/**
 * Throws the error {@link openInputFile} would when `path` is not a regular file, without opening it (a `stat`
 * never blocks), for callers that open inputs their own way.
 */
export async function checkInputFile(path: string): Promise<void> {
  const info = await stat(path).catch((error: unknown) => {
    throw fileError('read', path, error);
  });
  if (!info.isFile()) throw notRegularInput(path, fileKindOf(info));
}

/** The error for an input that is not a regular file. */
export function notRegularInput(path: string, kind: string): FileError {
  return new FileError(
    `Cannot read ${path}: it is ${kind}, not a regular file. Inputs are read more than once, so save the data to a ` +
      'file first (e.g. `cat > data.jsonl`) and give that file.',
    path,
    'ENOTREGULAR',
  );
}
