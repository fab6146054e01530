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
import type { CurateTask, DropOverLimitTask, TaskHandlerTable } from './taskProtocol';

function exampleTokenCounter(task: DropOverLimitTask) {
  const encoding = loadEncoding(encodingForModel(task.model));
  return (value: unknown) =>
    isJsonObject(value)
      ? countExampleTokens(value, checkedFormat(shapeOf(value), task.format), encoding)?.total
      : undefined;
}

/** Worker handlers for the curation tasks: each maps its plain-data request onto the core operation. */
export const curateTaskHandlers: TaskHandlerTable<CurateTask> = {
  split: (task, { signal, onProgress }) =>
    splitDataset({
      input: task.input,
      trainPath: task.trainPath,
      validationPath: task.validationPath,
      ratio: task.ratio,
      seed: task.seed,
      signal,
      onProgress,
    }),
  dedupe: (task, { signal, onProgress }) =>
    dedupeDataset({ input: task.input, output: task.output, mode: task.mode, signal, onProgress }),
  sample: (task, { signal, onProgress }) =>
    sampleDataset({ input: task.input, output: task.output, count: task.count, seed: task.seed, signal, onProgress }),
  shuffle: (task, { signal, onProgress }) =>
    shuffleDataset({ input: task.input, output: task.output, seed: task.seed, signal, onProgress }),
  merge: (task, { signal, onProgress }) =>
    mergeDatasets({ inputs: task.inputs, output: task.output, dedupe: task.dedupe, signal, onProgress }),
  dropOverLimit: (task, { signal, onProgress }) =>
    dropOverTokenLimit({
      input: task.input,
      output: task.output,
      limit: task.limit,
      countTokens: exampleTokenCounter(task),
      signal,
      onProgress,
    }),
};
