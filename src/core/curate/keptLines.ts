import type { ByteLine } from '../jsonl/byteLines';
import { readExamples } from './exampleSource';
import { writeOutputs } from './outputs';
import type { CurationReport, ReportBuilder } from './report';
import { ProgressCounter, type CurateRunOptions } from './runOptions';

/** The input and output of a one-pass filter. */
export interface KeptLinesOptions extends CurateRunOptions {
  readonly input: string;
  readonly output: string;
}

/**
 * The one-pass filters (dedupe, drop over the token limit): copies `input` to `output` byte for byte, keeping the
 * lines `keep` accepts in file order; `keep` reports each line it drops in `report`. The output is written like every
 * curation output (see `writeOutputs`): atomically, and not at all when no line is kept.
 */
export async function copyKeptLines(
  options: KeptLinesOptions,
  report: ReportBuilder,
  keep: (line: ByteLine) => boolean,
): Promise<CurationReport> {
  const { input, signal } = options;
  const progress = await ProgressCounter.of([input], 1, options);
  const outputs = await writeOutputs(
    [options.output],
    { signal, protectedPaths: [input], openTemporary: options.openTemporary },
    async ([writer]) => {
      for await (const batch of readExamples(input, { signal, report, onBytes: progress.part() })) {
        for (let i = 0; i < batch.lines.length; i++) {
          if (keep(batch.lines[i]!) && !writer!.write(batch.raw[i]!)) await writer!.drain();
        }
      }
    },
  );
  return report.finish(outputs);
}
