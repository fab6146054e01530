import * as vscode from 'vscode';

/** What a step answers when the user pressed the Back button. */
export const BACK = Symbol('back');
export type StepResult<T> = T | typeof BACK | undefined;

/** Where a step is in a multi-step flow: shown in the title as "Title (n/m)", with Back from the second step on. */
export interface StepPlace {
  readonly title: string;
  readonly step: number;
  readonly total: number;
}

const titleOf = (place: StepPlace) => `${place.title} (${place.step}/${place.total})`;

/** A single choice; Back (from step 2) answers BACK, Escape answers undefined. */
export function pickStep<T extends vscode.QuickPickItem>(
  place: StepPlace,
  items: readonly T[] | Promise<readonly T[]>,
  options: { placeholder: string; active?: (item: T) => boolean },
): Promise<StepResult<T>> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<T>();
    pick.title = titleOf(place);
    pick.placeholder = options.placeholder;
    pick.ignoreFocusOut = true;
    pick.matchOnDescription = true;
    if (place.step > 1) pick.buttons = [vscode.QuickInputButtons.Back];
    let result: StepResult<T>;
    pick.onDidTriggerButton((button) => {
      if (button !== vscode.QuickInputButtons.Back) return;
      result = BACK;
      pick.hide();
    });
    pick.onDidAccept(() => {
      result = pick.selectedItems[0];
      if (result !== undefined) pick.hide();
    });
    pick.onDidHide(() => {
      pick.dispose();
      resolve(result);
    });
    const show = (list: readonly T[]) => {
      pick.items = list;
      const active = options.active === undefined ? undefined : list.find(options.active);
      if (active !== undefined) pick.activeItems = [active];
    };
    if (Array.isArray(items)) show(items);
    else {
      pick.busy = true;
      void (items as Promise<readonly T[]>).then(
        (list) => {
          pick.busy = false;
          show(list);
        },
        (error: unknown) => {
          pick.busy = false;
          pick.placeholder = error instanceof Error ? error.message : String(error);
        },
      );
    }
    pick.show();
  });
}

/** A text answer checked as it is typed (`validate` returns the problem, or undefined when the text is fine). */
export function inputStep(
  place: StepPlace,
  options: { prompt: string; value?: string; placeholder?: string; validate: (text: string) => string | undefined },
): Promise<StepResult<string>> {
  return new Promise((resolve) => {
    const box = vscode.window.createInputBox();
    box.title = titleOf(place);
    box.prompt = options.prompt;
    box.value = options.value ?? '';
    box.placeholder = options.placeholder;
    box.ignoreFocusOut = true;
    if (place.step > 1) box.buttons = [vscode.QuickInputButtons.Back];
    let result: StepResult<string>;
    const check = (text: string) => {
      box.validationMessage = options.validate(text);
      return box.validationMessage === undefined;
    };
    check(box.value);
    box.onDidChangeValue(check);
    box.onDidTriggerButton((button) => {
      if (button !== vscode.QuickInputButtons.Back) return;
      result = BACK;
      box.hide();
    });
    box.onDidAccept(() => {
      if (!check(box.value)) return;
      result = box.value;
      box.hide();
    });
    box.onDidHide(() => {
      box.dispose();
      resolve(result);
    });
    box.show();
  });
}
