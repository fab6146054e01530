import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { assertNotProtected } from './protectedPaths';

/** Options for {@link AtomicLineWriter.open} and {@link writeLinesAtomically}. */
export interface AtomicWriteOptions {
  /** An abort before the rename removes the temporary file and leaves the target untouched. */
  readonly signal?: AbortSignal;
  /** Called with the total bytes flushed to disk so far. */
  readonly onProgress?: (bytesWritten: number) => void;
  /** Files the target must not be (usually the inputs); writing over one throws `ProtectedPathError`. */
  readonly protectedPaths?: readonly string[];
}

/** What a finished write produced. */
export interface WriteResult {
  readonly bytes: number;
  readonly lines: number;
}

// Lines are gathered into buffers of this size, so a million short lines cost a few hundred writes, not a million.
const BUFFER_BYTES = 1024 * 1024;
const NEWLINE = Buffer.from('\n');

/**
 * Writes lines to a temporary file beside the target and renames it over the target only on {@link commit}, after
 * an fsync. Until then an existing target is untouched; {@link abort} (or any failure) removes the temporary file.
 * Every line gets a `\n` terminator. `write` follows the Node stream convention: when it returns false, await
 * {@link drain} before writing more, which keeps memory bounded however fast lines arrive.
 */
export class AtomicLineWriter {
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private readonly queue: Uint8Array[] = [];
  private bytes = 0;
  private lines = 0;
  private flushed = 0;
  private state: 'open' | 'committed' | 'aborted' = 'open';

  private constructor(
    readonly targetPath: string,
    readonly tempPath: string,
    private readonly handle: FileHandle,
    private readonly options: AtomicWriteOptions,
  ) {}

  /** Checks the target against the protected paths, then creates the temporary file. */
  static async open(targetPath: string, options: AtomicWriteOptions = {}): Promise<AtomicLineWriter> {
    options.signal?.throwIfAborted();
    await assertNotProtected(targetPath, options.protectedPaths ?? []);
    const tempPath = join(dirname(targetPath), `.${basename(targetPath)}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(tempPath, 'wx');
    return new AtomicLineWriter(targetPath, tempPath, handle, options);
  }

  /** Buffers one line plus `\n`. The bytes are copied, so the caller may reuse its buffer. */
  write(line: string | Uint8Array): boolean {
    if (this.state !== 'open') throw new Error(`The writer for ${this.targetPath} is already ${this.state}.`);
    const length = typeof line === 'string' ? Buffer.byteLength(line) : line.length;
    if (this.used + length + 1 > BUFFER_BYTES) this.spill();
    if (length + 1 > BUFFER_BYTES) {
      this.queue.push(
        typeof line === 'string' ? Buffer.from(line, 'utf8') : Uint8Array.prototype.slice.call(line),
        NEWLINE,
      );
    } else {
      if (typeof line === 'string') this.buffer.write(line, this.used);
      else this.buffer.set(line, this.used);
      this.buffer[this.used + length] = 10;
      this.used += length + 1;
    }
    this.bytes += length + 1;
    this.lines++;
    return this.queue.length === 0;
  }

  /** Writes everything queued by {@link write}; resolves once the disk has taken it. */
  async drain(): Promise<void> {
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) await this.writeFully(next);
  }

  /** Flushes, fsyncs and renames the temporary file over the target. Aborts instead if the signal fired. */
  async commit(): Promise<WriteResult> {
    try {
      this.spill();
      await this.drain();
      await this.handle.sync();
      await this.handle.close();
      this.options.signal?.throwIfAborted();
      await rename(this.tempPath, this.targetPath);
      this.state = 'committed';
    } catch (error) {
      await this.abort();
      throw error;
    }
    await syncFolder(dirname(this.targetPath));
    return { bytes: this.bytes, lines: this.lines };
  }

  /** Discards the temporary file. Does nothing after a successful {@link commit}, so it fits a `finally`. */
  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    this.state = 'aborted';
    await this.handle.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
  }

  private spill(): void {
    if (this.used === 0) return;
    this.queue.push(this.buffer.subarray(0, this.used));
    this.buffer = Buffer.allocUnsafe(BUFFER_BYTES);
    this.used = 0;
  }

  private async writeFully(bytes: Uint8Array): Promise<void> {
    let offset = 0;
    while (offset < bytes.length) {
      const { bytesWritten } = await this.handle.write(bytes, offset, bytes.length - offset);
      offset += bytesWritten;
    }
    this.flushed += bytes.length;
    this.options.onProgress?.(this.flushed);
  }
}

/** Makes the rename itself durable where the platform allows fsync on a folder (not on Windows). */
async function syncFolder(folder: string): Promise<void> {
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Durability of the folder entry is best effort; the data itself was fsynced before the rename.
  }
}

/**
 * Writes `lines` (each gets a `\n`) to `targetPath` atomically through {@link AtomicLineWriter}: on abort or error
 * from the source the temporary file is removed, any existing target is left as it was, and the error is rethrown.
 */
export async function writeLinesAtomically(
  targetPath: string,
  lines: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: AtomicWriteOptions = {},
): Promise<WriteResult> {
  const writer = await AtomicLineWriter.open(targetPath, options);
  try {
    for await (const line of lines) {
      options.signal?.throwIfAborted();
      if (!writer.write(line)) await writer.drain();
    }
    options.signal?.throwIfAborted();
    return await writer.commit();
  } finally {
    await writer.abort();
  }
}
