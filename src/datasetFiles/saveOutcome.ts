/**
 * What the user is told after saving one example to a dataset file, in the same words from every feature that
 * saves (the playground, the Evaluation view). No vscode here: the evaluation's session builds its message itself.
 */
import type { SaveProblem } from '../core/playground/savedExample';

/** Where an example went, and what the validation core warned about. */
export interface AppendedExample {
  /** The file's name, for messages. */
  readonly fileName: string;
  /** One-based line of the example. */
  readonly line: number;
  /** False when an open document was edited but saving it afterwards failed. */
  readonly savedToDisk: boolean;
  readonly warnings: readonly SaveProblem[];
}

/** "Saved the example to train.jsonl, line 42." with a failed save afterwards and the warnings. */
export function savedMessage(appended: AppendedExample): string {
  const parts = [`Saved the example to ${appended.fileName}, line ${appended.line}.`];
  if (!appended.savedToDisk) parts.push('The file could not be saved afterwards; save it yourself.');
  if (appended.warnings.length > 0) parts.push(`Warning: ${sentences(appended.warnings)}`);
  return parts.join(' ');
}

/** Why an example with errors was refused, naming the file. */
export function refusedMessage(fileName: string, errors: readonly SaveProblem[]): string {
  return `The example was not saved to ${fileName}. ${sentences(errors)}`;
}

/** Problem messages as sentences, one after the other. */
function sentences(problems: readonly SaveProblem[]): string {
  return problems
    .map((problem) => (/[.!?]$/.test(problem.message) ? problem.message : `${problem.message}.`))
    .join(' ');
}
