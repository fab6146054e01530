import { basename } from 'node:path';
import type * as vscode from 'vscode';
import type { CurationReport } from '../core/curate/report';
import { outputPathFor } from '../core/io/outputPath';
import { commandArgs, type ReplaceAnswer } from '../workspaceFiles/commandArgs';
import { resolveInputFile } from '../workspaceFiles/inputFiles';
import { confirmReplace } from '../workspaceFiles/outputFiles';
import { SAMPLE_SIZE_QUESTION, SEED_QUESTION, answerNumber } from './questions';
import { runCuration } from './runCuration';

/** Answers that let `fineTuneStudio.sample` run without asking; `count` is required, seed defaults to 42. */
export interface SampleAnswers extends ReplaceAnswer {
  readonly count?: number;
  readonly seed?: number;
}

/**
 * `fineTuneStudio.sample`: writes a seeded random sample of N examples, in file order, to `name.sample.jsonl`.
 * Resolves with the report, or undefined when stopped or failed.
 */
export async function sampleCommand(
  extensionUri: vscode.Uri,
  first?: unknown,
  second?: unknown,
): Promise<CurationReport | undefined> {
  const { target, answers } = commandArgs<SampleAnswers>(first, second, ['count', 'seed', 'replace']);
  const input = await resolveInputFile(target, answers === undefined, 'sample');
  if (input === undefined) return undefined;
  const count = await answerNumber(SAMPLE_SIZE_QUESTION, answers, answers?.count);
  if (count === undefined) return undefined;
  const seed = await answerNumber(SEED_QUESTION, answers, answers?.seed);
  if (seed === undefined) return undefined;

  const output = outputPathFor(input.fsPath, 'sample');
  if (!(await confirmReplace([output], answers))) return undefined;
  const name = basename(input.fsPath);
  return runCuration(extensionUri, {
    task: { kind: 'sample', input: input.fsPath, output, count, seed },
    title: `Sampling ${name}`,
    done: `Sampled ${name}`,
    failed: `Could not sample ${name}`,
    heading: `Sampled ${count} examples from ${input.fsPath} (seed ${seed}).`,
  });
}
