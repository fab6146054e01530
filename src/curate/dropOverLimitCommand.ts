import { basename } from 'node:path';
import type * as vscode from 'vscode';
import { exampleTokenLimit, resolveModel } from '../core/models/modelLookup';
import type { CurationReport } from '../core/curate/report';
import { outputPathFor } from '../core/io/outputPath';
import { readSettings } from '../settings/settings';
import { commandArgs, type ReplaceAnswer } from '../workspaceFiles/commandArgs';
import { resolveInputFile } from '../workspaceFiles/inputFiles';
import { confirmReplace } from '../workspaceFiles/outputFiles';
import { runCuration } from './runCuration';

/** Answers that let `fineTuneStudio.dropOverLimit` run without asking; the model defaults to the setting. */
export interface DropOverLimitAnswers extends ReplaceAnswer {
  readonly model?: string;
}

/**
 * `fineTuneStudio.dropOverLimit`: writes `name.within-limit.jsonl` without the examples longer than the model's
 * per-example limit (the `fineTuneStudio.model` setting). Resolves with the report, or undefined when stopped.
 */
export async function dropOverLimitCommand(
  extensionUri: vscode.Uri,
  first?: unknown,
  second?: unknown,
): Promise<CurationReport | undefined> {
  const { target, answers } = commandArgs<DropOverLimitAnswers>(first, second, ['model', 'replace']);
  const input = await resolveInputFile(target, answers === undefined, 'filter by token limit');
  if (input === undefined) return undefined;
  const settings = readSettings(input);
  const model = answers?.model ?? settings.model;
  const limit = exampleTokenLimit(model, settings.defaultExampleTokenLimit);
  const output = outputPathFor(input.fsPath, 'within-limit');
  if (!(await confirmReplace([output], answers))) return undefined;
  const name = basename(input.fsPath);
  const modelName = resolveModel(model)?.id ?? model;
  return runCuration(extensionUri, {
    task: { kind: 'dropOverLimit', input: input.fsPath, output, model, limit, format: settings.format },
    title: `Dropping examples over ${limit.toLocaleString('en-US')} tokens from ${name}`,
    done: `Dropped examples over the ${modelName} limit from ${name}`,
    failed: `Could not filter ${name} by token limit`,
    heading: `Dropped examples over ${limit} tokens (${modelName}) from ${input.fsPath}.`,
  });
}
