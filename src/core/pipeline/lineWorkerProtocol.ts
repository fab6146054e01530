import type { DatasetFormat } from '../format/datasetFormat';
import type { CompactBatch } from './compactBatch';
import type { LineBatch } from './lineBatch';

/** Set once per worker, before any batch. */
export interface LineWorkerConfig {
  readonly format: DatasetFormat | undefined;
  /** Model whose tokenizer counts tokens; undefined validates structure only. */
  readonly model: string | undefined;
  readonly defaultExampleTokenLimit: number;
}

/** Messages to a line worker. */
export type ToLineWorker =
  | { readonly type: 'config'; readonly config: LineWorkerConfig }
  | { readonly type: 'batch'; readonly batch: LineBatch };

/** Messages from a line worker: one result per batch, in any order across workers. */
export type FromLineWorker =
  | {
      readonly type: 'result';
      readonly seq: number;
      readonly batch: CompactBatch;
      /** The region's buffer, handed back for reuse. */ readonly spare: ArrayBuffer;
    }
  | { readonly type: 'error'; readonly seq: number; readonly message: string };
