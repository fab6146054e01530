// Worker thread entry (bundled as dist/validate-worker.js): analyses batches of lines for the parallel validator.
import { parentPort } from 'node:worker_threads';
import { createTokenCounter, type TokenCounter } from '../analysis/lineTokens';
import { analyseLines } from './compactLine';
import { unpackLines } from './lineBatch';
import type { FromLineWorker, LineWorkerConfig, ToLineWorker } from './lineWorkerProtocol';

let config: LineWorkerConfig | undefined;
let counter: TokenCounter | undefined;

parentPort?.on('message', (message: ToLineWorker) => {
  if (message.type === 'config') {
    config = message.config;
    counter = config.model === undefined ? undefined : createTokenCounter(config.model, config.defaultExampleTokenLimit);
    return;
  }
  const { batch } = message;
  let reply: FromLineWorker;
  try {
    reply = { type: 'result', seq: batch.seq, lines: analyseLines(unpackLines(batch), config?.format, counter) };
  } catch (error) {
    reply = { type: 'error', seq: batch.seq, message: error instanceof Error ? error.message : String(error) };
  }
  parentPort?.postMessage(reply);
});
