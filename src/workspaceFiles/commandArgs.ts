import * as vscode from 'vscode';

/** Answer to the question every curation command may ask: whether existing outputs may be replaced. */
export interface ReplaceAnswer {
  /** With answers, an existing output is replaced only when this is true; otherwise the command stops. */
  readonly replace?: boolean;
}

/** What a curation command was invoked with. */
export interface CommandArgs<A extends object> {
  /** The file clicked in the explorer or editor title menu, or passed by a caller. */
  readonly target: vscode.Uri | undefined;
  /** All files selected in the explorer (it passes them as the second argument). */
  readonly selection: readonly vscode.Uri[];
  /**
   * Answers given by a caller (tests, other extensions) as the second argument. When present the command asks
   * nothing: missing answers take their defaults and problems are reported instead of prompted for.
   */
  readonly answers: A | undefined;
}

/**
 * Reads a command's arguments. The explorer passes `(uri, selectedUris)`, editor title menus `(uri, { groupId })`,
 * the command palette nothing; an object with at least one of `answerKeys` is taken as answers.
 */
export function commandArgs<A extends object>(
  first: unknown,
  second: unknown,
  answerKeys: readonly (keyof A & string)[],
): CommandArgs<A> {
  const target = first instanceof vscode.Uri ? first : undefined;
  if (Array.isArray(second)) {
    return {
      target,
      selection: second.filter((item): item is vscode.Uri => item instanceof vscode.Uri),
      answers: undefined,
    };
  }
  const isAnswers =
    typeof second === 'object' &&
    second !== null &&
    !(second instanceof vscode.Uri) &&
    answerKeys.some((key) => key in second);
  return { target, selection: [], answers: isAnswers ? (second as A) : undefined };
}
