import { Worker } from 'node:worker_threads';
import type { CompactBatch } from './compactBatch';
import type { LineBatch } from './lineBatch';
import type { FromLineWorker, LineWorkerConfig, ToLineWorker } from './lineWorkerProtocol';

/** Old-generation heap of a line worker: room for a tokenizer (about 70 MB) and a batch of ordinary lines. */
const WORKER_HEAP_MB = 192;
/**
 * Young generation of a line worker: lines die young, and collecting them less often is faster. Counting tokens
 * allocates less per second, so a smaller one costs no time there and saves memory (measurements: bench/README.md).
 */
const WORKER_YOUNG_MB = { structural: 32, tokens: 24 };

/** Lines longer than this are not sent to workers, whose heaps are kept small. */
export const WORKER_LINE_BYTES = 4 * 1024 * 1024;

/**
 * A fixed set of line workers. Batches go to the least busy worker; results are handed back strictly in batch
 * order (file-level checks need lines in order). `submit` waits while too many batches are in flight, which
 * bounds memory whatever the file size.
 */
export class LinePool {
  private readonly workers: { worker: Worker; busy: number }[] = [];
  private readonly done = new Map<number, CompactBatch>();
  private nextToDeliver = 0;
  private inFlight = 0;
  private failure: Error | undefined;
  private wake: (() => void) | undefined;
  private started = false;

  constructor(
    workerPath: string,
    count: number,
    config: LineWorkerConfig,
    private readonly deliver: (batch: CompactBatch) => void,
    private readonly recycle: (buffer: ArrayBuffer) => void = () => undefined,
    private readonly maxInFlight = count * 3,
  ) {
    for (let i = 0; i < count; i++) {
      // A small heap makes each worker collect its garbage early (lines are short-lived); lines too big for it are
      // analysed by the caller instead (see WORKER_LINE_BYTES).
      // execArgv: []: the worker is a self-contained bundle; the host's flags (a TypeScript loader, --inspect) are not for it.
      const worker = new Worker(workerPath, {
        execArgv: [],
        resourceLimits: {
          maxOldGenerationSizeMb: WORKER_HEAP_MB,
          maxYoungGenerationSizeMb: config.model === undefined ? WORKER_YOUNG_MB.structural : WORKER_YOUNG_MB.tokens,
        },
      });
      const slot = { worker, busy: 0 };
      worker.once('online', () => (this.started = true));
      worker.on('message', (message: FromLineWorker) => this.receive(slot, message));
      worker.on('error', (error) => this.fail(error));
      worker.on('exit', (code) => {
        if (code !== 0) this.fail(new Error(`a validation worker stopped unexpectedly (exit ${code})`));
      });
      worker.postMessage({ type: 'config', config } satisfies ToLineWorker);
      this.workers.push(slot);
    }
  }

  /** True until a worker runs (or one fails): meanwhile a caller with nothing submitted yet may do batches itself. */
  get starting(): boolean {
    return !this.started && this.failure === undefined;
  }

  /** Sends a batch (its buffer is transferred); resolves once there is room for another. */
  async submit(batch: LineBatch): Promise<void> {
    while (this.inFlight >= this.maxInFlight && !this.failure)
      await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
    const slot = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    slot.busy++;
    this.inFlight++;
    slot.worker.postMessage({ type: 'batch', batch } satisfies ToLineWorker, [batch.bytes.buffer as ArrayBuffer]);
  }

  /** Resolves when every submitted batch has been delivered. */
  async drain(): Promise<void> {
    while (this.inFlight > 0 && !this.failure) await new Promise<void>((resolve) => (this.wake = resolve));
    if (this.failure) throw this.failure;
  }

  /** Stops every worker. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }

  private receive(slot: { busy: number }, message: FromLineWorker): void {
    slot.busy--;
    if (message.type === 'error') {
      this.fail(new Error(message.message));
      return;
    }
    this.recycle(message.spare);
    this.done.set(message.seq, message.batch);
    for (
      let batch = this.done.get(this.nextToDeliver);
      batch !== undefined;
      batch = this.done.get(this.nextToDeliver)
    ) {
      this.done.delete(this.nextToDeliver);
      this.nextToDeliver++;
      this.inFlight--;
      try {
        this.deliver(batch);
      } catch (error) {
        this.fail(error instanceof Error ? error : new Error(String(error)));
        return;
      }
    }
    this.signal();
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.signal();
  }

  private signal(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
