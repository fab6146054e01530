import { stat } from 'node:fs/promises';
import { posix } from 'node:path';
import * as vscode from 'vscode';
import type { Detection } from '../core/format/detect';
import { appendLineAtomically } from '../core/io/appendLine';
import { errorCode, fileError } from '../core/io/fileErrors';
import { detectFileFormat } from '../core/pipeline/detectFileFormat';
import { checkSavedExample, exampleLine, type ExampleToSave } from '../core/playground/savedExample';
import { detectLinesFormat } from '../core/playground/targetFormat';
import { datasetLines } from '../diagnostics/diagnosticsManager';
import { readSettings } from '../settings/settings';
import { appendLineToDocument, type DocumentAppend } from './appendToDocument';
import { refusedMessage, type AppendedExample } from './saveOutcome';

// Lines longer than this do not count towards detecting a closed file's format (as in Validate File…).
const MAX_DETECTION_LINE_BYTES = 64 * 1024 * 1024;

/**
 * Appends one example to a JSONL dataset file after checking it against the file's format (forced by the settings,
 * else detected) and the validation core. An open document is edited, since writing the disk behind it would be
 * lost or clash with its unsaved changes (Undo removes the line, its diagnostics follow); a file that is not open is
 * appended atomically. An example with errors is refused with an error naming the file and the problems.
 */
export async function appendExampleToDataset(
  uri: vscode.Uri,
  example: ExampleToSave,
  signal: AbortSignal,
): Promise<AppendedExample> {
  const fileName = posix.basename(uri.path);
  const settings = readSettings(uri);
  const document = vscode.workspace.textDocuments.find((open) => open.uri.toString() === uri.toString());
  const detection: Detection =
    settings.format !== undefined
      ? { format: settings.format, other: undefined }
      : document !== undefined
        ? detectDocumentFormat(document)
        : await detectClosedFileFormat(uri, fileName, signal);
  const problems = checkSavedExample(example, { fileName, ...detection }, settings.severities);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new Error(refusedMessage(fileName, errors));
  signal.throwIfAborted();

  const line = exampleLine(example);
  let appended: DocumentAppend;
  if (document !== undefined) {
    appended = await appendLineToDocument(document, line);
  } else {
    appended = { line: (await appendLineAtomically(uri.fsPath, line, { signal })).line, savedToDisk: true };
  }
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  return { fileName, line: appended.line, savedToDisk: appended.savedToDisk, warnings };
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
