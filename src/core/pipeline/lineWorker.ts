// Worker thread entry (bundled as dist/validate-worker.js): analyses batches of lines for the parallel validator.
import { isUtf8 } from 'node:buffer';
import { parentPort } from 'node:worker_threads';
import { createTokenCounter, type TokenCounter } from '../analysis/lineTokens';
import { CompactBatchWriter } from './compactBatch';
import { analyseLines } from './compactLine';
import { regionLines } from '../jsonl/lineRegions';
import type { FromLineWorker, LineWorkerConfig, ToLineWorker } from './lineWorkerProtocol';
import { messageOf } from '../errors/messageOf';

let config: LineWorkerConfig | undefined;
let counter: TokenCounter | undefined;

parentPort?.on('message', (message: ToLineWorker) => {
  if (message.type === 'config') {
    config = message.config;
    counter =
      config.model === undefined ? undefined : createTokenCounter(config.model, config.defaultExampleTokenLimit);
    return;
  }
  const { batch } = message;
  try {
    const lines = regionLines(batch);
    const writer = new CompactBatchWriter(batch.seq, batch.firstLine, lines.length);
    const options = { format: config?.format, counter, validUtf8: isUtf8(batch.bytes) };
    analyseLines(lines, options, (row, analysis, tokens, line) => writer.set(row, analysis, tokens, line));
    const { batch: result, transfer } = writer.finish();
    const spare = batch.bytes.buffer as ArrayBuffer;
    parentPort?.postMessage({ type: 'result', seq: batch.seq, batch: result, spare } satisfies FromLineWorker, [
      ...transfer,
      spare,
    ]);
  } catch (error) {
    parentPort?.postMessage({
      type: 'error',
      seq: batch.seq,
      message: messageOf(error),
    } satisfies FromLineWorker);
  }
});
