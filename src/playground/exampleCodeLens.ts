import * as path from 'node:path';
import * as vscode from 'vscode';
import { messageOf } from '../core/errors/messageOf';
import { mayBeConversationLine, readExampleConversation } from '../core/playground/exampleConversation';
import { plural } from '../core/text/plural';
import { DisposableBase } from '../lifecycle/disposableBase';
import type { LoadedExample } from '../protocol/playground';

const COMMAND = 'fineTuneStudio.openExampleInPlayground';
const SECTION = 'fineTuneStudio';
const SETTING = 'playground.codeLens';
const TITLE = '$(comment-discussion) Open in Playground';
const TOOLTIP = "Regenerate this example's last answer with the playground's models, beside the dataset's answer";
/** Lines scanned between looks at the cancellation token. */
const LINES_PER_CANCEL_CHECK = 4096;

/**
 * "Open in Playground" above each chat and preference example of a .jsonl document, and the command it runs: the
 * line's conversation goes to `openExample` (the playground), or the user is told why it cannot.
 */
export function registerExampleCodeLens(
  context: vscode.ExtensionContext,
  openExample: (example: LoadedExample) => void,
): void {
  const lenses = new ExampleCodeLenses();
  context.subscriptions.push(
    lenses,
    vscode.languages.registerCodeLensProvider({ language: 'jsonl' }, lenses),
    vscode.commands.registerCommand('fineTuneStudio.openExampleInPlayground', (uri: unknown, line: unknown) =>
      openExampleAt(uri, line, openExample),
    ),
  );
}

/**
 * A lens on every line that may be an example. Lines are only tested cheaply (no parse), so large files stay fast;
 * a line that turns out not to open says why when its lens is clicked.
 */
export class ExampleCodeLenses extends DisposableBase implements vscode.CodeLensProvider {
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  private enabled = lensesEnabled();

  constructor() {
    super();
    this.own(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (!event.affectsConfiguration(`${SECTION}.${SETTING}`)) return;
        this.enabled = lensesEnabled();
        this.changed.fire();
      }),
    );
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): vscode.CodeLens[] {
    if (!this.enabled) return [];
    const uri = document.uri.toString();
    const lenses: vscode.CodeLens[] = [];
    for (let line = 0; line < document.lineCount; line++) {
      if (line % LINES_PER_CANCEL_CHECK === 0 && token.isCancellationRequested) return [];
      if (!mayBeConversationLine(document.lineAt(line).text)) continue;
      lenses.push(
        new vscode.CodeLens(new vscode.Range(line, 0, line, 0), {
          title: TITLE,
          tooltip: TOOLTIP,
          command: COMMAND,
          arguments: [uri, line],
        }),
      );
    }
    return lenses;
  }
}

function lensesEnabled(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>(SETTING, true);
}

/**
 * The command: reads the line as it is now in the document (unsaved edits included), hands its conversation to
 * `openExample` and resolves with it, so tests can see what was opened; undefined after telling the user why not.
 */
async function openExampleAt(
  uriArgument: unknown,
  lineArgument: unknown,
  openExample: (example: LoadedExample) => void,
): Promise<LoadedExample | undefined> {
  const uri = uriOf(uriArgument);
  if (uri === undefined || typeof lineArgument !== 'number' || !Number.isInteger(lineArgument) || lineArgument < 0) {
    void vscode.window.showErrorMessage(
      'Open in Playground needs a dataset file and a line: use the "Open in Playground" lens above an example.',
    );
    return undefined;
  }
  const source = `${path.posix.basename(uri.path)}:${lineArgument + 1}`;
  const refuse = (reason: string) => {
    void vscode.window.showErrorMessage(`Cannot open ${source} in the playground: ${reason}.`);
    return undefined;
  };
  let document: vscode.TextDocument;
  try {
    document = await vscode.workspace.openTextDocument(uri);
  } catch (error) {
    return refuse(`the file cannot be read (${messageOf(error)})`);
  }
  if (lineArgument >= document.lineCount) return refuse(`the file has only ${plural(document.lineCount, 'line')} now`);
  const conversation = readExampleConversation(document.lineAt(lineArgument).text);
  if (typeof conversation === 'string') return refuse(conversation);
  const example: LoadedExample = { source, ...conversation };
  openExample(example);
  return example;
}

/** The lens passes the URI as a string; a caller may pass a Uri. */
function uriOf(value: unknown): vscode.Uri | undefined {
  if (value instanceof vscode.Uri) return value;
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    return vscode.Uri.parse(value, true);
  } catch {
    return undefined;
  }
}
