import { exactKey, normalizedKey } from './exampleKey';
import { readExamples } from './exampleSource';
import { U32Column } from '../duplicates/numberColumns';
import { KeyIds } from '../duplicates/keyTable';
import { writeOutputs } from './outputs';
import { SeededRandom, shuffleInPlace } from './prng';
import { ReportBuilder, type CurationReport } from './report';
import { ProgressCounter, type CurateRunOptions } from './runOptions';

/** Options for {@link splitDataset}. */
export interface SplitOptions extends CurateRunOptions {
  readonly input: string;
  readonly trainPath: string;
  readonly validationPath: string;
  /** Share of examples that go to training, from 0 to 1 (0.9 = 90 %). */
  readonly ratio: number;
  /** The same seed on the same file gives the same split. */
  readonly seed: number;
}

/**
 * Splits a JSONL file into training and validation files by whole example (line), copying each line byte for
 * byte. Examples equal after normalisation (see `canonicalExample`; exact copies included) form one group, and a
 * group goes to one side only, so validation never repeats a training example. Lines that are not JSON are kept
 * and grouped with byte-identical lines only; they are listed as warnings.
 *
 * Memory stays bounded for large files: the first pass keeps 4 bytes per example (its group) and 24–48 per
 * distinct group, then the groups are shuffled with the seed and taken for validation until it holds
 * `round(examples × (1 − ratio))` lines; the second pass copies the bytes to the chosen side.
 */
export async function splitDataset(options: SplitOptions): Promise<CurationReport> {
  const { input, ratio, signal } = options;
  if (!(ratio >= 0 && ratio <= 1)) throw new RangeError(`The split ratio must be between 0 and 1, not ${ratio}.`);
  const progress = await ProgressCounter.of([input], 2, options);
  const report = new ReportBuilder();
  const groups = new KeyIds();
  const groupSizes = new U32Column();
  const exampleGroups = new U32Column();

  for await (const batch of readExamples(input, { signal, report, onBytes: progress.part() })) {
    for (const line of batch.lines) {
      let key = normalizedKey(line.bytes);
      if (key === undefined) {
        report.warn(line.line, 'not valid JSON; kept, grouped only with byte-identical lines');
        key = exactKey(line.bytes);
      }
      const id = groups.idOf(key);
      if (id === groupSizes.length) groupSizes.push(1);
      else groupSizes.set(id, groupSizes.get(id) + 1);
      exampleGroups.push(id);
    }
  }

  const toValidation = chooseValidationGroups(groupSizes.view(), exampleGroups.length, ratio, options.seed);
  const targets = [options.trainPath, options.validationPath];
  const outputs = await writeOutputs(
    targets,
    { signal, protectedPaths: [input], openTemporary: options.openTemporary },
    async (writers) => {
      const train = writers[0]!;
      const validation = writers[1]!;
      let example = 0;
      for await (const batch of readExamples(input, { signal, onBytes: progress.part() })) {
        if (example + batch.raw.length > exampleGroups.length) throw inputChanged(input);
        for (const raw of batch.raw) {
          const writer = toValidation[exampleGroups.get(example++)] === 1 ? validation : train;
          if (!writer.write(raw)) await writer.drain();
        }
      }
      if (example !== exampleGroups.length) throw inputChanged(input);
    },
  );
  return report.finish(outputs);
}

/**
 * Marks groups for validation (1 in the result): groups in seeded random order are taken when they fit in the room
 * left, until the validation share is reached. A group that does not fit is passed over, so validation falls short
 * of the share only when every group left is larger than the room left (never when all examples are distinct).
 */
export function chooseValidationGroups(
  groupSizes: Uint32Array,
  examples: number,
  ratio: number,
  seed: number,
): Uint8Array {
  const toValidation = new Uint8Array(groupSizes.length);
  const target = Math.round(examples * (1 - ratio));
  const order = new Uint32Array(groupSizes.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  shuffleInPlace(order, new SeededRandom(seed));
  let taken = 0;
  for (let i = 0; i < order.length && taken < target; i++) {
    const group = order[i]!;
    const size = groupSizes[group]!;
    if (taken + size > target) continue;
    toValidation[group] = 1;
    taken += size;
  }
  return toValidation;
}

function inputChanged(input: string): Error {
  return new Error(`${input} changed while it was being split; nothing was written.`);
}
