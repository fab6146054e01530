import { readExamples } from './exampleSource';
import { U32Column } from '../duplicates/numberColumns';
import { writeOutputs } from './outputs';
import { SeededRandom } from './prng';
import { ReportBuilder, type CurationReport } from './report';
import { ProgressCounter, type CurateRunOptions } from './runOptions';

/** Options for {@link sampleDataset}. */
export interface SampleOptions extends CurateRunOptions {
  readonly input: string;
  readonly output: string;
  /** How many examples to keep; all of them when the file has fewer. */
  readonly count: number;
  readonly seed: number;
}

/**
 * Writes a seeded random sample of `count` examples, in their original file order, copied byte for byte. The
 * first pass draws example numbers by reservoir sampling (every example equally likely, 4 bytes per chosen
 * example), the second copies the chosen lines. Examples not chosen are not listed in the report.
 */
export async function sampleDataset(options: SampleOptions): Promise<CurationReport> {
  const { input, count, signal } = options;
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`The sample size must be a whole number ≥ 0, not ${count}.`);
  }
  const progress = await ProgressCounter.of([input], 2, options);
  const report = new ReportBuilder();
  const random = new SeededRandom(options.seed);
  const reservoir = new U32Column();
  let examples = 0;

  for await (const batch of readExamples(input, { signal, report, onBytes: progress.part() })) {
    for (let i = 0; i < batch.lines.length; i++, examples++) {
      if (examples < count) {
        reservoir.push(examples);
      } else {
        const slot = random.nextInt(examples + 1);
        if (slot < count) reservoir.set(slot, examples);
      }
    }
  }
  const chosen = reservoir.view().sort();

  const outputs = await writeOutputs(
    [options.output],
    { signal, protectedPaths: [input], openTemporary: options.openTemporary },
    async (writers) => {
      const writer = writers[0]!;
      let example = 0;
      let next = 0;
      for await (const batch of readExamples(input, { signal, onBytes: progress.part() })) {
        for (const raw of batch.raw) {
          if (chosen[next] === example++) {
            next++;
            if (!writer.write(raw)) await writer.drain();
          }
        }
      }
      if (example !== examples) throw new Error(`${input} changed while it was being sampled; nothing was written.`);
    },
  );
  return report.finish(outputs);
}
