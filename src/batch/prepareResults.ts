import { basename } from 'node:path';
import * as vscode from 'vscode';
import { readResults, type ResultsRead } from '../core/batch/resultsFile';
import { messageOf } from '../core/errors/messageOf';
import { checkOutputTarget } from '../core/io/outputTarget';
import { assertNotProtected } from '../core/io/protectedPaths';
import { plural } from '../core/text/plural';
import type { BatchLog } from './batchLog';

/** What to do with a results file that already holds results; `ask` shows a modal (the interactive flow). */
export type ExistingResults = 'resume' | 'replace' | 'ask';

/** The results file a run appends to: its real path and what it held before. */
export interface PreparedResults {
  /** The file written (a symbolic link's target). */
  readonly path: string;
  readonly previous: ResultsRead;
}

/**
 * Gets a results file ready for a run, or undefined after telling the user why not: it must not be the input nor
 * anything but a regular file in an existing folder, and a file that holds something else than results is left
 * alone. One that holds results is resumed (only pairs without an answer are asked) or, once confirmed, deleted.
 */
export async function prepareResults(
  output: string,
  input: string,
  existing: ExistingResults,
  log: BatchLog,
): Promise<PreparedResults | undefined> {
  const name = basename(output);
  let path: string;
  let previous: ResultsRead;
  try {
    await assertNotProtected(output, [input]);
    path = (await checkOutputTarget(output)).path;
    previous = await readResults(path);
  } catch (error) {
    void vscode.window.showErrorMessage(messageOf(error));
    return undefined;
  }
  if (previous.records.length === 0 && previous.badLines.length > 0) {
    void vscode.window.showErrorMessage(
      `${name} is not a results file (line ${previous.badLines[0]} is not a result record): choose another file for the results.`,
    );
    return undefined;
  }
  if (previous.records.length === 0) return { path, previous };

  const choice = existing === 'ask' ? await askResumeOrReplace(name, previous) : existing;
  if (choice === undefined) return undefined;
  if (choice === 'resume') {
    if (previous.badLines.length > 0) {
      log.warn(
        `${output}: ${plural(previous.badLines.length, 'line')} (from line ${previous.badLines[0]}) not result records; kept and passed over.`,
      );
    }
    return { path, previous };
  }
  try {
    await deleteResults(vscode.Uri.file(path));
    log.info(`Deleted the earlier results in ${path} (${plural(previous.records.length, 'record')}) to replace them.`);
    return { path, previous: await readResults(path) };
  } catch (error) {
    void vscode.window.showErrorMessage(`Could not replace ${name}: ${messageOf(error)}`);
    return undefined;
  }
}

async function askResumeOrReplace(name: string, previous: ResultsRead): Promise<'resume' | 'replace' | undefined> {
  const resume = 'Resume';
  const replace = 'Replace';
  const choice = await vscode.window.showWarningMessage(
    `${name} already holds ${plural(previous.records.length, 'result')} (${plural(previous.finished.size, 'pair')} answered).`,
    {
      modal: true,
      detail:
        'Resume keeps them and asks only the pairs without an answer (failed ones are asked again). Replace deletes them first.',
    },
    resume,
    replace,
  );
  return choice === resume ? 'resume' : choice === replace ? 'replace' : undefined;
}

/** To the trash where there is one (earlier answers may have cost money), else for good. */
async function deleteResults(uri: vscode.Uri): Promise<void> {
  try {
    await vscode.workspace.fs.delete(uri, { useTrash: true });
  } catch {
    await vscode.workspace.fs.delete(uri, { useTrash: false });
  }
}
