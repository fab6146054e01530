import { lstat } from 'node:fs/promises';
import { basename, join, resolve, sep } from 'node:path';
import { errorCode, fileError } from '../core/io/fileErrors';
import { checkOutputTarget, OutputTargetError } from '../core/io/outputTarget';
import { assertNotProtected, ProtectedPathError } from '../core/io/protectedPaths';
import { UsageError, type CliIO } from './command';

/** The `--force` flag of every command that writes files. */
export const FORCE_OPTION = { force: { type: 'boolean', short: 'f' } } as const;

/**
 * The absolute path of an input argument. `-` (standard input) is refused: inputs are read more than once (format
 * detection, two passes), which a pipe cannot do. Other pipes and devices are refused when opened.
 */
export function inputPathArg(io: CliIO, arg: string): string {
  if (arg === '-') {
    throw new UsageError(
      'Reading standard input (-) is not supported: inputs are read more than once. Save the data to a file first ' +
        '(e.g. `cat > data.jsonl`) and give that file.',
    );
  }
  return resolve(io.cwd, arg);
}

/**
 * The absolute output path: `given` when set, else `defaultPath`. A `given` path ending in a path separator names a
 * folder, and the output gets the default file name inside it.
 */
export function outputPathArg(io: CliIO, given: string | undefined, defaultPath: string): string {
  if (given === undefined) return defaultPath;
  if (given.endsWith('/') || given.endsWith(sep)) return join(resolve(io.cwd, given), basename(defaultPath));
  return resolve(io.cwd, given);
}

/**
 * Refuses outputs the CLI must not write: the inputs, folders (with a hint about the trailing `/`), devices, FIFOs
 * and links to them (always), and existing files unless `force`: a command line never replaces a file silently.
 */
export async function checkOutputArgs(
  paths: readonly string[],
  inputs: readonly string[],
  force: boolean | undefined,
): Promise<void> {
  for (const path of paths) {
    try {
      await assertNotProtected(path, inputs);
    } catch (error) {
      throw error instanceof ProtectedPathError ? new UsageError(error.message) : error;
    }
    const info = await lstat(path).catch((error: unknown) => {
      if (errorCode(error) === 'ENOENT') return undefined;
      throw fileError('write', path, error);
    });
    if (info?.isDirectory()) {
      throw new UsageError(`${path} is a folder. To write into it, end the path with a /.`);
    }
    const target = await checkOutputTarget(path).catch((error: unknown) => {
      throw error instanceof OutputTargetError ? new UsageError(error.message) : error;
    });
    if (target.existing !== undefined && force !== true) {
      throw new UsageError(`${path} already exists. Add --force to replace it, or choose another output path.`);
    }
  }
}
