import { dedupeDataset } from '../curate/dedupe';
import { mergeDatasets } from '../curate/merge';
import { sampleDataset } from '../curate/sample';
import { shuffleDataset } from '../curate/shuffle';
import { splitDataset } from '../curate/split';
import type { CurateJob, JobHandlerTable } from './jobProtocol';

/** Worker handlers for the curation jobs: each maps its plain-data request onto the core operation. */
export const curateJobHandlers: JobHandlerTable<CurateJob> = {
  split: (job, { signal, onProgress }) =>
    splitDataset({ input: job.input, trainPath: job.trainPath, validationPath: job.validationPath, ratio: job.ratio, seed: job.seed, signal, onProgress }),
  dedupe: (job, { signal, onProgress }) => dedupeDataset({ input: job.input, output: job.output, mode: job.mode, signal, onProgress }),
  sample: (job, { signal, onProgress }) =>
    sampleDataset({ input: job.input, output: job.output, count: job.count, seed: job.seed, signal, onProgress }),
  shuffle: (job, { signal, onProgress }) => shuffleDataset({ input: job.input, output: job.output, seed: job.seed, signal, onProgress }),
  merge: (job, { signal, onProgress }) =>
    mergeDatasets({ inputs: job.inputs, output: job.output, dedupe: job.dedupe, signal, onProgress }),
};
