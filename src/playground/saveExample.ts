import * as vscode from 'vscode';
import { appendExampleToDataset } from '../datasetFiles/appendExample';
import { savedMessage, type AppendedExample } from '../datasetFiles/saveOutcome';
import type { ExampleSaver } from './playgroundHandlers';
import { pickSaveTarget, type PickSaveTarget, type SaveKind } from './saveTargetPicker';

/** Options for {@link createExampleSaver}. */
export interface ExampleSaverOptions {
  /** Picks the target file instead of the quick pick (tests). */
  readonly pickTarget?: PickSaveTarget;
}

/** Where the last example of each kind went, per workspace, offered first the next time. */
const LAST_TARGET_KEY: Readonly<Record<SaveKind, string>> = {
  chat: 'fineTuneStudio.playground.lastSaveTarget.chat',
  preference: 'fineTuneStudio.playground.lastSaveTarget.preference',
};

/**
 * "Save to dataset": asks for a JSONL file, checks the example against the file's format and the validation core,
 * and appends it. An open document is edited (Undo removes the line, its diagnostics follow); a file that is not open
 * is appended atomically. Invalid examples are refused with an error naming the file and the problem, which the
 * playground shows; warnings are listed in the message that confirms the save.
 */
export function createExampleSaver(
  context: Pick<vscode.ExtensionContext, 'workspaceState'>,
  options: ExampleSaverOptions = {},
): ExampleSaver {
  const memory = context.workspaceState;
  const lastTarget = (kind: SaveKind): vscode.Uri | undefined => {
    const saved = memory.get<unknown>(LAST_TARGET_KEY[kind]);
    try {
      return typeof saved === 'string' ? vscode.Uri.parse(saved, true) : undefined;
    } catch {
      // A value this version cannot read is as good as none.
      return undefined;
    }
  };
  const pickTarget = options.pickTarget ?? ((kind, signal) => pickSaveTarget(kind, lastTarget(kind), signal));
  return {
    save: async (params, signal) => {
      const uri = await pickTarget(params.kind, signal);
      if (uri === undefined) return { saved: false };
      signal.throwIfAborted();
      const appended = await appendExampleToDataset(uri, params, signal);
      void confirmSaved(uri, appended);
      await memory.update(LAST_TARGET_KEY[params.kind], uri.toString());
      return { saved: true, fileName: appended.fileName, line: appended.line };
    },
  };
}

/** "Saved the example to train.jsonl, line 42." with its warnings, and an Open button that shows the line. */
async function confirmSaved(uri: vscode.Uri, appended: AppendedExample): Promise<void> {
  const open = 'Open';
  const choice = await vscode.window.showInformationMessage(savedMessage(appended), open);
  if (choice !== open) return;
  const position = new vscode.Position(appended.line - 1, 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}
