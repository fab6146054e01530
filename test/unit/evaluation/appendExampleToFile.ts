import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Detection } from '../../../src/core/format/detect';
import { appendLineAtomically } from '../../../src/core/io/appendLine';
import { errorCode } from '../../../src/core/io/fileErrors';
import { detectFileFormat } from '../../../src/core/pipeline/detectFileFormat';
import { checkSavedExample, exampleLine, type ExampleToSave } from '../../../src/core/playground/savedExample';
import { refusedMessage, type AppendedExample } from '../../../src/datasetFiles/saveOutcome';

/**
 * The evaluation backend's append for unit tests, where no editor is open: the shared VS Code adapter's closed-file
 * path (detect the file's format, check the example, append atomically), without the settings.
 */
export async function appendExampleToFile(
  path: string,
  example: ExampleToSave,
  signal: AbortSignal,
): Promise<AppendedExample> {
  const fileName = basename(path);
  const problems = checkSavedExample(example, { fileName, ...(await detectFormat(path, signal)) });
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) throw new Error(refusedMessage(fileName, errors));
  const { line } = await appendLineAtomically(path, exampleLine(example), { signal });
  const warnings = problems.filter((problem) => problem.severity === 'warning');
  return { fileName, line, savedToDisk: true, warnings };
}

async function detectFormat(path: string, signal: AbortSignal): Promise<Detection> {
  try {
    await stat(path);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return { format: undefined, other: undefined };
    throw error;
  }
  return detectFileFormat(path, { maxLineBytes: 64 * 1024 * 1024, signal });
}
