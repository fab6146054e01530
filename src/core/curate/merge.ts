import { duplicateKeyFunction } from './dedupe';
import { DUPLICATE_MODE_MEANINGS, type DuplicateMode } from './exampleKey';
import { readExamples } from './exampleSource';
import { U32Column } from '../duplicates/numberColumns';
import { KeyIds } from '../duplicates/keyTable';
import { writeOutputs } from './outputs';
import { ReportBuilder, type CurationReport } from './report';
import { ProgressCounter, type CurateRunOptions } from './runOptions';

/** Options for {@link mergeDatasets}. */
export interface MergeOptions extends CurateRunOptions {
  /** Files to concatenate, in this order. */
  readonly inputs: readonly string[];
  readonly output: string;
  /** When set, an example already written (from any earlier file) is dropped as a duplicate. */
  readonly dedupe?: DuplicateMode;
}

/**
 * Concatenates JSONL files into one, copying every line byte for byte. Each line ends with `\n`, so a file whose
 * last line lacks a newline cannot run into the next file's first line. Notes in the report name their file.
 */
export async function mergeDatasets(options: MergeOptions): Promise<CurationReport> {
  const { inputs, signal, dedupe } = options;
  if (inputs.length === 0) throw new RangeError('Merging needs at least one input file.');
  const progress = await ProgressCounter.of(inputs, 1, options);
  const report = new ReportBuilder();
  const seen = new KeyIds();
  const firstFiles = new U32Column();
  const firstLines = new U32Column();
  if (dedupe !== undefined) report.compared = DUPLICATE_MODE_MEANINGS[dedupe];

  const outputs = await writeOutputs(
    [options.output],
    { signal, protectedPaths: inputs, openTemporary: options.openTemporary },
    async (writers) => {
      const writer = writers[0]!;
      for (let file = 0; file < inputs.length; file++) {
        const path = inputs[file]!;
        const keyOf = dedupe === undefined ? undefined : duplicateKeyFunction(dedupe, report, path);
        for await (const batch of readExamples(path, { signal, report, reportPath: path, onBytes: progress.part() })) {
          for (let i = 0; i < batch.lines.length; i++) {
            const line = batch.lines[i]!;
            if (keyOf !== undefined) {
              const id = seen.idOf(keyOf(line));
              if (id < firstLines.length) {
                report.skip(
                  line.line,
                  `duplicate of ${inputs[firstFiles.get(id)]} line ${firstLines.get(id) + 1}`,
                  path,
                );
                continue;
              }
              firstFiles.push(file);
              firstLines.push(line.line);
            }
            if (!writer.write(batch.raw[i]!)) await writer.drain();
          }
        }
      }
    },
  );
  return report.finish(outputs);
}
