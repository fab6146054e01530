import { dedupeDataset } from '../curate/dedupe';
import { mergeDatasets } from '../curate/merge';
import { sampleDataset } from '../curate/sample';
import { shuffleDataset } from '../curate/shuffle';
import { splitDataset } from '../curate/split';
import { dropOverTokenLimit } from '../curate/tokenLimit';
import { checkedFormat, shapeOf } from '../format/lineShape';
import { encodingForModel } from '../models/modelLookup';
import { loadEncoding } from '../tokens/encoding';
import { countExampleTokens } from '../tokens/exampleTokens';
import { isJsonObject } from '../validation/jsonValue';
import type { CurateJob, DropOverLimitJob, JobHandlerTable } from './jobProtocol';

function exampleTokenCounter(job: DropOverLimitJob) {
  const encoding = loadEncoding(encodingForModel(job.model));
  return (value: unknown) =>
    isJsonObject(value)
      ? countExampleTokens(value, checkedFormat(shapeOf(value), job.format), encoding)?.total
      : undefined;
}

/** Worker handlers for the curation jobs: each maps its plain-data request onto the core operation. */
export const curateJobHandlers: JobHandlerTable<CurateJob> = {
  split: (job, { signal, onProgress }) =>
    splitDataset({
      input: job.input,
      trainPath: job.trainPath,
      validationPath: job.validationPath,
      ratio: job.ratio,
      seed: job.seed,
      signal,
      onProgress,
    }),
  dedupe: (job, { signal, onProgress }) =>
    dedupeDataset({ input: job.input, output: job.output, mode: job.mode, signal, onProgress }),
  sample: (job, { signal, onProgress }) =>
    sampleDataset({ input: job.input, output: job.output, count: job.count, seed: job.seed, signal, onProgress }),
  shuffle: (job, { signal, onProgress }) =>
    shuffleDataset({ input: job.input, output: job.output, seed: job.seed, signal, onProgress }),
  merge: (job, { signal, onProgress }) =>
    mergeDatasets({ inputs: job.inputs, output: job.output, dedupe: job.dedupe, signal, onProgress }),
  dropOverLimit: (job, { signal, onProgress }) =>
    dropOverTokenLimit({
      input: job.input,
      output: job.output,
      limit: job.limit,
      countTokens: exampleTokenCounter(job),
      signal,
      onProgress,
    }),
};
