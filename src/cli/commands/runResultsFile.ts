// The results file of `finetune-studio run`: checked before anything is asked, then opened to append to.
import { lstat, open } from 'node:fs/promises';
import { ResultsAppender, type ResultsRead } from '../../core/batch/resultsFile';
import { errorCode, fileError } from '../../core/io/fileErrors';
import { checkOutputTarget, newOutputMode, OutputTargetError } from '../../core/io/outputTarget';
import { assertNotProtected, ProtectedPathError } from '../../core/io/protectedPaths';
import { UsageError } from '../command';
import type { RunArgs } from './runArgs';

/**
 * Refuses results paths that must not be appended to: the input itself, folders, devices, FIFOs. An existing file
 * is fine (it is resumed), and a missing folder is said to be missing rather than created.
 */
export async function checkResultsPath(output: string, input: string): Promise<void> {
  try {
    await assertNotProtected(output, [input]);
  } catch (error) {
    throw error instanceof ProtectedPathError ? new UsageError(error.message) : error;
  }
  const info = await lstat(output).catch((error: unknown) => {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw fileError('write', output, error);
  });
  if (info?.isDirectory() === true) throw new UsageError(`${output} is a folder: give the path of a results file.`);
  await checkOutputTarget(output).catch((error: unknown) => {
    throw error instanceof OutputTargetError ? new UsageError(error.message) : error;
  });
}

/** The results file, cut back to its whole lines; a new one gets no permission bit the input lacks. */
export async function openResults(options: RunArgs, previous: ResultsRead): Promise<ResultsAppender> {
  const mode = await newOutputMode([options.input]);
  return ResultsAppender.open(options.output, {
    validBytes: previous.validBytes,
    openFile: (path) => open(path, 'a+', mode),
  });
}
