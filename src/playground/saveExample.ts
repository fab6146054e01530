import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { Detection } from '../core/format/detect';
import { appendLineAtomically } from '../core/io/appendLine';
import { errorCode, fileError } from '../core/io/fileErrors';
import { detectFileFormat } from '../core/pipeline/detectFileFormat';
import { checkSavedExample, exampleLine, type SaveProblem } from '../core/playground/savedExample';
import { detectLinesFormat } from '../core/playground/targetFormat';
import { datasetLines } from '../diagnostics/diagnosticsManager';
import type { SaveExampleParams, SaveExampleResult } from '../protocol/playground';
import { readSettings } from '../settings/settings';
import { appendLineToDocument, type DocumentAppend } from './appendToDocument';
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
// Lines longer than this do not count towards detecting a closed file's format (as in Validate File…).
const MAX_DETECTION_LINE_BYTES = 64 * 1024 * 1024;

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
      const result = await saveTo(uri, params, signal);
      await memory.update(LAST_TARGET_KEY[params.kind], uri.toString());
      return result;
    },
  };
}

async function saveTo(uri: vscode.Uri, params: SaveExampleParams, signal: AbortSignal): Promise<SaveExampleResult> {
  const fileName = posix.basename(uri.path);
  const settings = readSettings(uri);
  const line = exampleLine(params);
  const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === uri.toString());
  const detection: Detection =
    settings.format !== undefined
      ? { format: settings.format, other: undefined }
      : document !== undefined
        ? detectDocumentFormat(document)
        : await detectClosedFileFormat(uri, fileName, signal);
  const problems = checkSavedExample(params, { fileName, ...detection }, settings.severities);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new Error(`The example was not saved to ${fileName}. ${sentences(errors)}`);
  signal.throwIfAborted();

  let appended: DocumentAppend;
  if (document !== undefined) {
    appended = await appendLineToDocument(document, line);
  } else {
    appended = { line: (await appendLineAtomically(uri.fsPath, line, { signal })).line, savedToDisk: true };
  }
  void confirmSaved(uri, fileName, appended, problems);
  return { saved: true, fileName, line: appended.line };
}

function detectDocumentFormat(document: vscode.TextDocument): Detection {
  const lines = datasetLines(document);
  return detectLinesFormat(lines.lineCount, (line) => lines.lineText(line));
}

/** The format of a file on disk, from its first lines; a missing file is new and has none. */
async function detectClosedFileFormat(uri: vscode.Uri, fileName: string, signal: AbortSignal): Promise<Detection> {
  if (uri.scheme !== 'file') {
    throw new Error(
      `The example was not saved: ${fileName} is neither open in an editor nor a file on disk. Open it first.`,
    );
  }
  try {
    await stat(uri.fsPath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { format: undefined, other: undefined };
    throw fileError('read', uri.fsPath, error);
  }
  return detectFileFormat(uri.fsPath, { maxLineBytes: MAX_DETECTION_LINE_BYTES, signal });
}

/** "Saved the example to train.jsonl, line 42." with its warnings, and an Open button that shows the line. */
async function confirmSaved(
  uri: vscode.Uri,
  fileName: string,
  appended: DocumentAppend,
  problems: readonly SaveProblem[],
): Promise<void> {
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  const parts = [`Saved the example to ${fileName}, line ${appended.line}.`];
  if (!appended.savedToDisk) parts.push('The file could not be saved afterwards; save it yourself.');
  if (warnings.length > 0) parts.push(`Warning: ${sentences(warnings)}`);
  const open = 'Open';
  const choice = await vscode.window.showInformationMessage(parts.join(' '), open);
  if (choice !== open) return;
  const position = new vscode.Position(appended.line - 1, 0);
  await vscode.window.showTextDocument(uri, { selection: new vscode.Range(position, position) });
}

/** Problem messages as sentences, one after the other. */
function sentences(problems: readonly SaveProblem[]): string {
  return problems
    .map((problem) => (/[.!?]$/.test(problem.message) ? problem.message : `${problem.message}.`))
    .join(' ');
}
