import { basename } from 'node:path';
import type * as vscode from 'vscode';
import type { DuplicateMode } from '../core/curate/exampleKey';
import type { CurationReport } from '../core/curate/report';
import { outputPathFor } from '../core/io/outputPath';
import { commandArgs, type ReplaceAnswer } from '../workspaceFiles/commandArgs';
import { resolveInputFile } from '../workspaceFiles/inputFiles';
import { confirmReplace } from '../workspaceFiles/outputFiles';
import { answerDuplicateMode } from './questions';
import { runCuration } from './runCuration';

/** Answers that let `fineTuneStudio.dedupe` run without asking; default mode: json (validation's notion of a duplicate). */
export interface DedupeAnswers extends ReplaceAnswer {
  readonly mode?: DuplicateMode;
}

/**
 * `fineTuneStudio.dedupe`: writes `name.dedup.jsonl` next to the input with later duplicates removed. Resolves with
 * the report, or undefined when stopped or failed.
 */
export async function dedupeCommand(
  extensionUri: vscode.Uri,
  first?: unknown,
  second?: unknown,
): Promise<CurationReport | undefined> {
  const { target, answers } = commandArgs<DedupeAnswers>(first, second, ['mode', 'replace']);
  const input = await resolveInputFile(target, answers === undefined, 'deduplicate');
  if (input === undefined) return undefined;
  const mode = await answerDuplicateMode(answers, answers?.mode, {
    optional: false,
    defaultChoice: 'json',
    title: 'Remove Duplicates',
  });
  if (mode === undefined || mode === 'none') return undefined;

  const output = outputPathFor(input.fsPath, 'dedup');
  if (!(await confirmReplace([output], answers))) return undefined;
  const name = basename(input.fsPath);
  return runCuration(extensionUri, {
    task: { kind: 'dedupe', input: input.fsPath, output, mode },
    title: `Removing duplicates from ${name}`,
    done: `Removed duplicates from ${name}`,
    failed: `Could not remove duplicates from ${name}`,
    heading: `Removed duplicates from ${input.fsPath}, keeping the first of each.`,
  });
}
