import { basename } from 'node:path';
import type * as vscode from 'vscode';
import type { CurationReport } from '../core/curate/report';
import { outputPathFor } from '../core/io/outputPath';
import { commandArgs, type ReplaceAnswer } from '../workspaceFiles/commandArgs';
import { resolveInputFile } from '../workspaceFiles/inputFiles';
import { confirmReplace } from '../workspaceFiles/outputFiles';
import { SEED_QUESTION, answerNumber } from './questions';
import { runCuration } from './runCuration';

/** Answers that let `fineTuneStudio.shuffle` run without asking; seed defaults to 42. */
export interface ShuffleAnswers extends ReplaceAnswer {
  readonly seed?: number;
}

/**
 * `fineTuneStudio.shuffle`: writes the examples in a seeded random order to `name.shuffled.jsonl`. Resolves with the
 * report, or undefined when stopped or failed.
 */
export async function shuffleCommand(
  extensionUri: vscode.Uri,
  first?: unknown,
  second?: unknown,
): Promise<CurationReport | undefined> {
  const { target, answers } = commandArgs<ShuffleAnswers>(first, second, ['seed', 'replace']);
  const input = await resolveInputFile(target, answers === undefined, 'shuffle');
  if (input === undefined) return undefined;
  const seed = await answerNumber(SEED_QUESTION, answers, answers?.seed);
  if (seed === undefined) return undefined;

  const output = outputPathFor(input.fsPath, 'shuffled');
  if (!(await confirmReplace([output], answers))) return undefined;
  const name = basename(input.fsPath);
  return runCuration(extensionUri, {
    task: { kind: 'shuffle', input: input.fsPath, output, seed },
    title: `Shuffling ${name}`,
    done: `Shuffled ${name}`,
    failed: `Could not shuffle ${name}`,
    heading: `Shuffled ${input.fsPath} (seed ${seed}).`,
  });
}
