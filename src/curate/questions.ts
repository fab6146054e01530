import * as vscode from 'vscode';
import type { DuplicateMode } from '../core/curate/exampleKey';

/** A number a command asks for. */
export interface NumberQuestion {
  /** Names the value in the input box title and in error messages. */
  readonly title: string;
  readonly prompt: string;
  /** Pre-filled in the input box and used when a caller's answers leave the value out. */
  readonly defaultValue?: number;
  /** Why a value is not acceptable, or undefined when it is. */
  readonly problem: (value: number) => string | undefined;
}

export const RATIO_QUESTION: NumberQuestion = {
  title: 'Training share',
  prompt: 'Share of examples that go to the training file; the rest go to validation (0.9 = 90 %).',
  defaultValue: 0.9,
  problem: (value) =>
    value > 0 && value < 1 ? undefined : 'Enter a number between 0 and 1, e.g. 0.9 for 90 % training.',
};

export const SEED_QUESTION: NumberQuestion = {
  title: 'Random seed',
  prompt: 'The same seed on the same file gives the same result.',
  defaultValue: 42,
  problem: (value) => (Number.isSafeInteger(value) ? undefined : 'Enter a whole number.'),
};

export const SAMPLE_SIZE_QUESTION: NumberQuestion = {
  title: 'Sample size',
  prompt: 'How many examples to keep (all of them when the file has fewer).',
  problem: (value) =>
    Number.isSafeInteger(value) && value >= 1 ? undefined : 'Enter a whole number of examples, 1 or more.',
};

/**
 * The answer to a number question: from the caller's answers when the command got some (`given`, else the
 * default), else from an input box that validates as the user types. Undefined when dismissed or invalid (an
 * invalid given answer is reported).
 */
export async function answerNumber(
  question: NumberQuestion,
  answers: object | undefined,
  given: unknown,
): Promise<number | undefined> {
  if (answers !== undefined) {
    const value = given ?? question.defaultValue;
    const problem = typeof value === 'number' ? question.problem(value) : 'no number was given.';
    if (problem === undefined) return value as number;
    void vscode.window.showErrorMessage(`${question.title}: ${problem}`);
    return undefined;
  }
  const text = await vscode.window.showInputBox({
    title: question.title,
    prompt: question.prompt,
    value: question.defaultValue?.toString(),
    validateInput: (input) => question.problem(parseNumber(input)),
  });
  return text === undefined ? undefined : parseNumber(text);
}

function parseNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/** No deduplication, for commands where removing duplicates is optional. */
export type DuplicateChoice = DuplicateMode | 'none';

interface DuplicateModeItem extends vscode.QuickPickItem {
  readonly choice: DuplicateChoice;
}

const DUPLICATE_MODE_ITEMS: readonly DuplicateModeItem[] = [
  {
    choice: 'json',
    label: 'Same JSON',
    description: 'recommended; what validation reports as duplicates',
    detail: 'Key order and spacing between values do not matter; text and tool arguments must match exactly.',
  },
  { choice: 'exact', label: 'Exact', detail: 'Only byte-identical lines count as duplicates.' },
  {
    choice: 'normalized',
    label: 'Loose (ignore case and whitespace)',
    detail: 'Also folds case and whitespace inside text, so "ls -l" and "ls -L" count as the same answer.',
  },
];

const KEEP_ALL_ITEM: DuplicateModeItem = { choice: 'none', label: 'Keep Duplicates', detail: 'Copy every example.' };

/**
 * How duplicates are found: from the caller's answers when the command got some (`given`, else `defaultChoice`),
 * else from a quick pick. With `optional`, "none" is a valid choice. Undefined when dismissed or invalid.
 */
export async function answerDuplicateMode(
  answers: object | undefined,
  given: unknown,
  options: { readonly optional: boolean; readonly defaultChoice: DuplicateChoice; readonly title: string },
): Promise<DuplicateChoice | undefined> {
  const items = options.optional ? [KEEP_ALL_ITEM, ...DUPLICATE_MODE_ITEMS] : DUPLICATE_MODE_ITEMS;
  if (answers !== undefined) {
    const value = given ?? options.defaultChoice;
    const item = items.find((candidate) => candidate.choice === value);
    if (item === undefined) {
      void vscode.window.showErrorMessage(
        `${options.title}: expected one of ${items.map((candidate) => candidate.choice).join(', ')}, not ${JSON.stringify(value)}.`,
      );
    }
    return item?.choice;
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: options.title,
    placeHolder: 'Which examples count as duplicates?',
  });
  return picked?.choice;
}
