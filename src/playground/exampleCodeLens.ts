import * as vscode from 'vscode';
import { mayBeConversationLine } from '../core/playground/exampleConversation';
import { coversVisible, windowsAround, type LineWindow } from '../core/playground/lineWindows';
import { DisposableBase } from '../lifecycle/disposableBase';
import type { LoadedExample } from '../protocol/playground';
import { openExampleAtLine } from './openExampleAtLine';

const SECTION = 'fineTuneStudio';
const SETTING = 'playground.codeLens';
const LANGUAGE = 'jsonl';
/**
 * Documents up to this many lines get a lens on every example line. Larger ones get lenses only near what editors
 * show: VS Code asks for all of a document's lenses after every edit and sends them all to the window (measured with
 * vscode.executeCodeLensProvider: 90,000 lenses with commands 8-14 s; 5,000 without commands, about 45 ms).
 */
const WHOLE_DOCUMENT_LINES = 5_000;
/** Lines each side of an editor's visible lines that get lenses too, so normal scrolling meets no line without. */
const MARGIN_LINES = 500;
/** Lenses are asked for again once an editor scrolls within this many lines of the edge of those that have them. */
const GUARD_LINES = 200;
/** Scrolling sends many events: at most one new request for lenses per this many milliseconds. */
const REFRESH_DELAY_MS = 100;
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
    vscode.languages.registerCodeLensProvider({ language: LANGUAGE }, lenses),
    vscode.commands.registerCommand('fineTuneStudio.openExampleInPlayground', (uri: unknown, line: unknown) =>
      openExampleAtLine(uri, line, openExample),
    ),
  );
}

/** A lens on one line; its command is filled in only when VS Code shows it (far less to send for big files). */
class ExampleLens extends vscode.CodeLens {
  constructor(
    line: number,
    readonly uri: string,
  ) {
    super(new vscode.Range(line, 0, line, 0));
  }
}

/**
 * A lens on every line that may be an example. Lines are only tested cheaply (no parse); a line that turns out not
 * to open says why when its lens is clicked.
 */
export class ExampleCodeLenses extends DisposableBase implements vscode.CodeLensProvider<ExampleLens> {
  private readonly changed = this.own(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changed.event;
  /** The lines that have lenses, per large document. */
  private readonly covered = new Map<string, LineWindow[]>();
  private refreshTimer: NodeJS.Timeout | undefined;

  constructor() {
    super();
    this.own(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (event.affectsConfiguration(`${SECTION}.${SETTING}`)) this.changed.fire();
      }),
    );
    this.own(vscode.window.onDidChangeTextEditorVisibleRanges((event) => this.checkCoverage(event.textEditor)));
    this.own(vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.checkCoverage(e))));
    this.own(vscode.workspace.onDidCloseTextDocument((document) => this.covered.delete(document.uri.toString())));
    this.own({ dispose: () => clearTimeout(this.refreshTimer) });
  }

  provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): ExampleLens[] {
    // Read on every call rather than cached from the change event, which may arrive after VS Code asks again.
    if (!lensesEnabled()) return [];
    const uri = document.uri.toString();
    const lenses: ExampleLens[] = [];
    let scanned = 0;
    for (const window of this.linesToScan(document)) {
      for (let line = window.start; line < window.end; line++) {
        if (++scanned % LINES_PER_CANCEL_CHECK === 0 && token.isCancellationRequested) return [];
        if (mayBeConversationLine(document.lineAt(line).text)) lenses.push(new ExampleLens(line, uri));
      }
    }
    return lenses;
  }

  resolveCodeLens(lens: ExampleLens): ExampleLens {
    lens.command = {
      title: '$(comment-discussion) Open in Playground',
      tooltip: "Regenerate this example's last answer with the playground's models, beside the dataset's answer",
      command: 'fineTuneStudio.openExampleInPlayground',
      arguments: [lens.uri, lens.range.start.line],
    };
    return lens;
  }

  /** The whole of a small document; the lines around what editors show of a large one (none when no editor does). */
  private linesToScan(document: vscode.TextDocument): LineWindow[] {
    const lineCount = document.lineCount;
    if (lineCount <= WHOLE_DOCUMENT_LINES) return [{ start: 0, end: lineCount }];
    const windows = windowsAround(visibleLines(document), lineCount, MARGIN_LINES);
    this.covered.set(document.uri.toString(), windows);
    return windows;
  }

  /** Asks VS Code for lenses again when an editor of a large document comes near lines that have none. */
  private checkCoverage(editor: vscode.TextEditor): void {
    const document = editor.document;
    if (this.refreshTimer !== undefined || document.languageId !== LANGUAGE) return;
    if (document.lineCount <= WHOLE_DOCUMENT_LINES || !lensesEnabled()) return;
    const windows = this.covered.get(document.uri.toString()) ?? [];
    if (coversVisible(windows, editor.visibleRanges.map(lineWindow), document.lineCount, GUARD_LINES)) return;
    this.refreshTimer = setTimeout(() => {
      this.refreshTimer = undefined;
      this.changed.fire();
    }, REFRESH_DELAY_MS);
  }
}

function lensesEnabled(): boolean {
  return vscode.workspace.getConfiguration(SECTION).get<boolean>(SETTING, true);
}

/** What every editor of the document shows. */
function visibleLines(document: vscode.TextDocument): LineWindow[] {
  const uri = document.uri.toString();
  return vscode.window.visibleTextEditors
    .filter((editor) => editor.document.uri.toString() === uri)
    .flatMap((editor) => editor.visibleRanges.map(lineWindow));
}

function lineWindow(range: vscode.Range): LineWindow {
  return { start: range.start.line, end: range.end.line + 1 };
}
