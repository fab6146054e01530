import { basename } from 'node:path';
import type * as vscode from 'vscode';
import type { CurationReport } from '../core/curate/report';
import { outputPathFor } from '../core/io/outputPath';
import { commandArgs, type ReplaceAnswer } from '../workspaceFiles/commandArgs';
import { resolveInputFile } from '../workspaceFiles/inputFiles';
import { confirmReplace } from '../workspaceFiles/outputFiles';
import { RATIO_QUESTION, SEED_QUESTION, answerNumber } from './questions';
import { runCuration } from './runCuration';

/** Answers that let `fineTuneStudio.split` run without asking; defaults: ratio 0.9, seed 42. */
export interface SplitAnswers extends ReplaceAnswer {
  readonly ratio?: number;
  readonly seed?: number;
}

/**
 * `fineTuneStudio.split`: splits a JSONL file into `name.train.jsonl` and `name.validation.jsonl` next to it,
 * keeping duplicates on one side. Resolves with the report, or undefined when stopped or failed.
 */
export async function splitCommand(
  extensionUri: vscode.Uri,
  first?: unknown,
  second?: unknown,
): Promise<CurationReport | undefined> {
  const { target, answers } = commandArgs<SplitAnswers>(first, second, ['ratio', 'seed', 'replace']);
  const input = await resolveInputFile(target, answers === undefined, 'split');
  if (input === undefined) return undefined;
  const ratio = await answerNumber(RATIO_QUESTION, answers, answers?.ratio);
  if (ratio === undefined) return undefined;
  const seed = await answerNumber(SEED_QUESTION, answers, answers?.seed);
  if (seed === undefined) return undefined;

  const trainPath = outputPathFor(input.fsPath, 'train');
  const validationPath = outputPathFor(input.fsPath, 'validation');
  if (!(await confirmReplace([trainPath, validationPath], answers))) return undefined;
  const name = basename(input.fsPath);
  return runCuration(extensionUri, {
    task: { kind: 'split', input: input.fsPath, trainPath, validationPath, ratio, seed },
    title: `Splitting ${name}`,
    done: `Split ${name}`,
    failed: `Could not split ${name}`,
    heading: `Split ${input.fsPath} into training and validation (ratio ${ratio}, seed ${seed}).`,
  });
}
