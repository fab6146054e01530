import { OutputTargetError } from '../core/io/outputTarget';
import { ProtectedPathError } from '../core/io/protectedPaths';
import { UsageError, type CliIO } from './command';
import { messageOf } from '../core/errors/messageOf';
import { terminalSafe, terminalSafeLines } from '../core/text/terminalSafe';

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
    io.stderr(`error: ${terminalSafe(messageOf(error))}\n`);
    return 1;
  }
  // Reports hold file names and notes from the data; JSON.stringify leaves DEL, C1 and bidi controls raw.
  io.stdout(terminalSafeLines(json ? `${JSON.stringify(report, null, 2)}\n` : text(report)));
  return report.written === 0 ? 1 : 0;
}
