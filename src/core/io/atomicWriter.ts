import { randomBytes } from 'node:crypto';
import { open, rename, unlink, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileError } from './fileErrors';
import { checkOutputTarget, newOutputMode } from './outputTarget';
import { assertNotProtected } from './protectedPaths';
import { temporaryFiles } from './temporaryFiles';

/** Creates a new temporary file (it must not exist) with the given permission bits. */
export type OpenTemporary = (path: string, mode: number) => Promise<FileHandle>;

/** Options for {@link AtomicLineWriter.open} and {@link writeLinesAtomically}. */
export interface AtomicWriteOptions {
  /** An abort before the rename removes the temporary file and leaves the target untouched. */
  readonly signal?: AbortSignal;
  /** Called with the total bytes flushed to disk so far. */
  readonly onProgress?: (bytesWritten: number) => void;
  /**
   * The inputs the output is made from: the target must not be one of them (`ProtectedPathError`), and a new output
   * gets no permission bit that any of them lacks.
   */
  readonly protectedPaths?: readonly string[];
  /** How the temporary file is created; tests inject failing file handles here. */
  readonly openTemporary?: OpenTemporary;
}

/** What a finished write produced. */
export interface WriteResult {
  readonly bytes: number;
  readonly lines: number;
}

// Lines are gathered into buffers of this size, so a million short lines cost a few hundred writes, not a million.
const BUFFER_BYTES = 1024 * 1024;
const NEWLINE = Buffer.from('\n');

const openExclusive: OpenTemporary = (path, mode) => open(path, 'wx', mode);

/**
 * Writes lines to a temporary file beside the target and renames it over the target only on {@link commit}, after
 * an fsync. Until then an existing target is untouched; {@link abort} (or any failure) removes the temporary file.
 * Every line gets a `\n` terminator. `write` follows the Node stream convention: when it returns false, await
 * {@link drain} before writing more, which keeps memory bounded however fast lines arrive. A replaced target keeps
 * its permission bits; errors name the target, never the temporary file.
 */
export class AtomicLineWriter {
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private readonly queue: Uint8Array[] = [];
  private bytes = 0;
  private lines = 0;
  private flushed = 0;
  private state: 'open' | 'prepared' | 'committed' | 'aborted' = 'open';

  private constructor(
    /** The path the caller asked for (errors and reports name it). */
    readonly targetPath: string,
    /** The file actually replaced: {@link targetPath}, or the file a symbolic link there points to. */
    readonly writtenPath: string,
    readonly tempPath: string,
    private readonly handle: FileHandle,
    private readonly options: AtomicWriteOptions,
  ) {}

  /** Checks the target (a regular file or a new one, not an input), then creates the temporary file. */
  static async open(targetPath: string, options: AtomicWriteOptions = {}): Promise<AtomicLineWriter> {
    options.signal?.throwIfAborted();
    const inputs = options.protectedPaths ?? [];
    const target = await checkOutputTarget(targetPath);
    await assertNotProtected(targetPath, inputs);
    const writtenPath = target.path;
    const tempPath = join(dirname(writtenPath), `.${basename(writtenPath)}.${randomBytes(6).toString('hex')}.tmp`);
    const keepMode = target.existing === undefined ? undefined : target.existing.mode & 0o7777;
    const mode = keepMode ?? (await newOutputMode(inputs));
    // Registered before it exists, so a process stopped while the file is being created still removes it.
    temporaryFiles.add(tempPath);
    let handle: FileHandle;
    try {
      handle = await (options.openTemporary ?? openExclusive)(tempPath, mode);
    } catch (error) {
      temporaryFiles.delete(tempPath);
      throw fileError('write', targetPath, error);
    }
    const writer = new AtomicLineWriter(targetPath, writtenPath, tempPath, handle, options);
    // The creation mode is reduced by the umask; a replaced file keeps exactly the bits it had.
    if (keepMode !== undefined) await writer.guard(() => handle.chmod(keepMode));
    return writer;
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

  /** Lines written so far. */
  get lineCount(): number {
    return this.lines;
  }

  /** Writes everything queued by {@link write}; resolves once the disk has taken it. */
  async drain(): Promise<void> {
    for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
      const bytes = next;
      await this.guard(() => this.writeFully(bytes));
    }
  }

  /**
   * First half of {@link commit}: flushes, fsyncs and closes the temporary file. After this only the rename is
   * left, so several outputs can all be made durable before any of them replaces its target.
   */
  async prepare(): Promise<void> {
    if (this.state !== 'open') throw new Error(`The writer for ${this.targetPath} is already ${this.state}.`);
    this.spill();
    await this.drain();
    await this.guard(() => this.handle.sync());
    await this.guard(() => this.handle.close());
    this.state = 'prepared';
  }

  /** Second half of {@link commit}: renames the prepared temporary file over the target. */
  async publish(): Promise<WriteResult> {
    if (this.state !== 'prepared') throw new Error(`The writer for ${this.targetPath} is ${this.state}, not prepared.`);
    await this.guard(() => rename(this.tempPath, this.writtenPath));
    this.state = 'committed';
    temporaryFiles.delete(this.tempPath);
    await syncFolder(dirname(this.writtenPath));
    return this.result();
  }

  /** Flushes, fsyncs and renames the temporary file over the target. Aborts instead if the signal fired. */
  async commit(): Promise<WriteResult> {
    try {
      await this.prepare();
      this.options.signal?.throwIfAborted();
      return await this.publish();
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  /** What the writer wrote (or will have written once committed). */
  result(): WriteResult {
    return { bytes: this.bytes, lines: this.lines };
  }

  /** Discards the temporary file. Does nothing after a successful {@link commit}, so it fits a `finally`. */
  async abort(): Promise<void> {
    if (this.state === 'committed' || this.state === 'aborted') return;
    const wasOpen = this.state === 'open';
    this.state = 'aborted';
    if (wasOpen) await this.handle.close().catch(() => undefined);
    await unlink(this.tempPath).catch(() => undefined);
    temporaryFiles.delete(this.tempPath);
  }

  /** Runs a file operation; a failure becomes an error about the target, and aborts the writer. */
  private async guard<T>(operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      await this.abort();
      throw fileError('write', this.targetPath, error);
    }
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
