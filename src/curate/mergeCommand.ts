import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { CurationReport } from '../core/curate/report';
import { outputPathFor } from '../core/io/outputPath';
import { commandArgs, type ReplaceAnswer } from '../workspaceFiles/commandArgs';
import { JSONL_FILTERS, pickInputFiles, readyOnDisk, sortedByPath } from '../workspaceFiles/inputFiles';
import { confirmReplace } from '../workspaceFiles/outputFiles';
import { answerDuplicateMode, type DuplicateChoice } from './questions';
import { runCuration } from './runCuration';

/**
 * Answers that let `fineTuneStudio.merge` run without asking. `inputs` (two or more, merged in this order) is
 * required; `output` defaults to `name.merged.jsonl` next to the first input, `dedupe` to 'none'.
 */
export interface MergeAnswers extends ReplaceAnswer {
  readonly inputs?: readonly vscode.Uri[];
  readonly output?: vscode.Uri;
  readonly dedupe?: DuplicateChoice;
}

/**
 * `fineTuneStudio.merge`: concatenates JSONL files (the explorer selection when it has several, else files picked
 * in a dialog, in name order) into one file chosen in a save dialog, optionally removing duplicates across them.
 * Resolves with the report, or undefined when stopped or failed.
 */
export async function mergeCommand(
  extensionUri: vscode.Uri,
  first?: unknown,
  second?: unknown,
): Promise<CurationReport | undefined> {
  const { target, selection, answers } = commandArgs<MergeAnswers>(first, second, [
    'inputs',
    'output',
    'dedupe',
    'replace',
  ]);
  const interactive = answers === undefined;
  const inputs =
    answers !== undefined
      ? Array.isArray(answers.inputs)
        ? answers.inputs.filter((input) => input instanceof vscode.Uri)
        : []
      : selection.length >= 2
        ? sortedByPath(selection)
        : await pickInputFiles('merge', target);
  if (inputs === undefined) return undefined;
  if (inputs.length < 2) {
    void vscode.window.showErrorMessage('Merging needs at least two files.');
    return undefined;
  }
  for (const input of inputs) if (!(await readyOnDisk(input, interactive, 'merge'))) return undefined;

  const output = await chooseOutput(inputs[0]!, answers);
  if (output === undefined) return undefined;
  const dedupe = await answerDuplicateMode(answers, answers?.dedupe, {
    optional: true,
    defaultChoice: 'none',
    title: 'Merge: Duplicates',
  });
  if (dedupe === undefined) return undefined;

  const paths = inputs.map((input) => input.fsPath);
  const name = basename(output.fsPath);
  const list = paths.map((path, index) => `  ${index + 1}. ${path}`).join('\n');
  return runCuration(extensionUri, {
    task: { kind: 'merge', inputs: paths, output: output.fsPath, ...(dedupe === 'none' ? {} : { dedupe }) },
    title: `Merging ${paths.length} files into ${name}`,
    done: `Merged ${paths.length} files`,
    failed: `Could not merge into ${name}`,
    heading: `Merged into ${output.fsPath}${dedupe === 'none' ? '' : ', removing duplicates'}, in this order:\n${list}`,
  });
}

/** The output file: from the answers (checked for replacing), or from a save dialog, which confirms replacing itself. */
async function chooseOutput(
  firstInput: vscode.Uri,
  answers: MergeAnswers | undefined,
): Promise<vscode.Uri | undefined> {
  const defaultUri = vscode.Uri.file(outputPathFor(firstInput.fsPath, 'merged'));
  if (answers !== undefined) {
    const output = answers.output instanceof vscode.Uri ? answers.output : defaultUri;
    return (await confirmReplace([output.fsPath], answers)) ? output : undefined;
  }
  const output = await vscode.window.showSaveDialog({
    defaultUri,
    filters: JSONL_FILTERS,
    title: 'Save the merged file as',
    saveLabel: 'Merge',
  });
  if (output !== undefined && output.scheme !== 'file') {
    void vscode.window.showErrorMessage('The merged file must be saved to disk.');
    return undefined;
  }
  return output;
}
