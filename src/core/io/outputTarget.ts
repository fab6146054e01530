import type { Stats } from 'node:fs';
import { lstat, realpath, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { errorCode, fileError, FileError } from './fileErrors';
import { fileKindOf } from './fileKind';

/** Where an output will be written, after {@link checkOutputTarget}. */
export interface OutputTarget {
  /** The file to replace or create: the user's path, or the file a symbolic link there points to. */
  readonly path: string;
  /** The existing regular file at {@link path}, if any. */
  readonly existing: Stats | undefined;
}

/** Thrown for an output path that names something other than a regular file (a device, a FIFO, a folder, …). */
export class OutputTargetError extends FileError {
  constructor(path: string, reason: string) {
    super(`Refusing to write ${path}: ${reason}. Give the path of a regular file.`, path, 'ENOTREGULAR');
    this.name = 'OutputTargetError';
  }
}

/**
 * Checks an output path before anything is written. Outputs are written to a temporary file and renamed over the
 * target, which would silently replace a device such as /dev/null, a FIFO or a link to one with a plain file, and
 * fails on folders; all of these are refused. A symbolic link to a regular file is followed, so the link keeps
 * working and the file it points to gets the new content. The folder must exist.
 */
export async function checkOutputTarget(path: string): Promise<OutputTarget> {
  let info: Stats;
  try {
    info = await lstat(path);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw fileError('write', path, error);
    await checkFolder(path);
    return { path, existing: undefined };
  }
  if (info.isFile()) return { path, existing: info };
  if (!info.isSymbolicLink()) throw new OutputTargetError(path, `it is ${fileKindOf(info)}`);

  let real: string;
  try {
    real = await realpath(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new OutputTargetError(path, 'it is a symbolic link to a missing file');
    throw fileError('write', path, error);
  }
  const linked = await stat(real).catch((error: unknown) => {
    throw fileError('write', path, error);
  });
  if (!linked.isFile()) throw new OutputTargetError(path, `it is a symbolic link to ${fileKindOf(linked)} (${real})`);
  return { path: real, existing: linked };
}

async function checkFolder(path: string): Promise<void> {
  const folder = dirname(path);
  let info: Stats;
  try {
    info = await stat(folder);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') {
      throw new FileError(`Cannot write ${path}: the folder ${folder} does not exist`, path, 'ENOENT', error);
    }
    throw fileError('write', path, error);
  }
  if (!info.isDirectory()) throw new OutputTargetError(path, `${folder} is not a folder`);
}

/**
 * The permission bits for a new output made from `inputs`: only the read/write bits every input has (a 0600 input
 * never yields a world-readable copy). The process umask still applies when the file is created.
 */
export async function newOutputMode(inputs: readonly string[]): Promise<number> {
  let mode = 0o666;
  for (const input of inputs) {
    const info = await stat(input).catch(() => undefined);
    if (info !== undefined) mode &= info.mode;
  }
  return mode;
}
