import { OutputTargetError } from '../core/io/outputTarget';
import { ProtectedPathError } from '../core/io/protectedPaths';
import { UsageError, type CliIO } from './command';
import { messageOf } from '../core/errors/messageOf';

/** Errors that mean the command was called wrongly (exit 2 with usage), not that the work failed. */
type UsageErrorClass = abstract new (...args: never[]) => Error;

/**
 * Runs a file-writing operation and prints its report (JSON with `--json`, else text). Exit 0 when something was
 * written, 1 when nothing was or the work failed (the error is printed), 2 for usage errors such as writing over
 * the input or to a device. An abort is rethrown for the entry point.
 */
export async function runReported<R extends { readonly written: number }>(
  io: CliIO,
  json: boolean | undefined,
  work: () => Promise<R>,
  text: (report: R) => string,
  usageErrors: readonly UsageErrorClass[] = [],
): Promise<number> {
  let report: R;
  try {
    report = await work();
  } catch (error) {
    // An abort is not a failure to report: the entry point exits with the signal's code.
    if (error instanceof Error && error.name === 'AbortError') throw error;
    if ([ProtectedPathError, OutputTargetError, ...usageErrors].some((kind) => error instanceof kind))
      throw new UsageError((error as Error).message);
    io.stderr(`error: ${messageOf(error)}\n`);
    return 1;
  }
  io.stdout(json ? `${JSON.stringify(report, null, 2)}\n` : text(report));
  return report.written === 0 ? 1 : 0;
}
