// Where the simulator keeps uploaded bytes: a temporary folder removed on close, never memory, so a 1 GB upload costs
// disk, not RAM. A file is a list of segments on disk (one for the Files API, one per part for the Uploads API), read
// back in order, so completing an upload copies nothing.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, type Readable } from 'node:stream';
import type { FileObject } from 'openai/resources/files';
import type { PartSink } from './multipart';
import { randomId } from './ids';

/** Bytes written to disk as they arrived: where, how many, and their SHA-256 (hex). */
export interface Segment {
  path: string;
  bytes: number;
  sha256: string;
}

export interface StoredFile {
  object: FileObject;
  segments: Segment[];
}

/** A sink for one multipart file field: writes to disk, counting and hashing as the bytes arrive. */
export interface SegmentSink extends PartSink {
  /** Resolves once the bytes are on disk (after `end`). */
  readonly done: Promise<Segment>;
  /** Removes the partial file (an aborted or refused request). */
  discard(): Promise<void>;
}

export class FileStore {
  private readonly files = new Map<string, StoredFile>();
  private folder: Promise<string> | undefined;
  private segments = 0;
  private closed = false;

  /** A new segment on disk, written as a multipart file field streams in. */
  async openSegment(): Promise<SegmentSink> {
    const path = await this.newPath();
    return segmentSink(path);
  }

  /** A segment from bytes in hand (the simulator's own files, e.g. a job's result CSV). */
  async writeSegment(content: string): Promise<Segment> {
    const path = await this.newPath();
    await writeFile(path, content);
    return {
      path,
      bytes: Buffer.byteLength(content),
      sha256: createHash('sha256').update(content).digest('hex'),
    };
  }

  add(
    fields: { filename: string; purpose: FileObject['purpose']; status?: FileObject['status'] },
    segments: Segment[],
  ): FileObject {
    const object: FileObject = {
      id: `file-${randomId(22)}`,
      object: 'file',
      bytes: segments.reduce((total, segment) => total + segment.bytes, 0),
      created_at: Math.floor(Date.now() / 1000),
      filename: fields.filename,
      purpose: fields.purpose,
      status: fields.status ?? 'processed',
    };
    this.files.set(object.id, { object, segments });
    return object;
  }

  get(id: string): StoredFile | undefined {
    return this.files.get(id);
  }

  /** Oldest first. */
  list(): FileObject[] {
    return [...this.files.values()].map((file) => file.object);
  }

  async delete(id: string): Promise<boolean> {
    const file = this.files.get(id);
    if (!file) return false;
    this.files.delete(id);
    await Promise.all(file.segments.map((segment) => rm(segment.path, { force: true })));
    return true;
  }

  /** Removes bytes that never became a file (a refused upload, a part left out of a completed upload). */
  async discardSegment(segment: Segment): Promise<void> {
    await rm(segment.path, { force: true });
  }

  /** The file's bytes, its segments one after the other. */
  content(file: { segments: readonly Segment[] }): Readable {
    const out = new PassThrough();
    const pipeNext = (index: number): void => {
      const segment = file.segments[index];
      if (!segment) {
        out.end();
        return;
      }
      const input = createReadStream(segment.path);
      input.on('error', (error) => out.destroy(error));
      input.on('end', () => pipeNext(index + 1));
      input.pipe(out, { end: false });
    };
    pipeNext(0);
    return out;
  }

  /** The SHA-256 (hex) of the whole file: the arrival hash for one segment, else read back from disk. */
  async sha256(file: StoredFile): Promise<string> {
    if (file.segments.length === 1 && file.segments[0]) return file.segments[0].sha256;
    return digestOf(this.content(file), 'sha256');
  }

  /** Removes every stored byte; later writes fail. */
  async close(): Promise<void> {
    this.closed = true;
    this.files.clear();
    const folder = this.folder;
    this.folder = undefined;
    if (folder) await rm(await folder, { recursive: true, force: true });
  }

  private async newPath(): Promise<string> {
    if (this.closed) throw new Error('the simulator is closed');
    this.folder ??= mkdtemp(join(tmpdir(), 'finetune-simulator-'));
    // The number is taken before waiting for the folder, so segments opened at the same time never share a path.
    const name = `segment-${++this.segments}`;
    return join(await this.folder, name);
  }
}

export async function digestOf(stream: Readable, algorithm: 'sha256' | 'md5'): Promise<string> {
  const hash = createHash(algorithm);
  for await (const chunk of stream as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

function segmentSink(path: string): SegmentSink {
  const output: WriteStream = createWriteStream(path);
  const hash = createHash('sha256');
  let bytes = 0;
  let failure: Error | undefined;
  output.on('error', (error) => {
    failure = error;
  });
  const done = new Promise<Segment>((resolve, reject) => {
    output.once('finish', () => resolve({ path, bytes, sha256: hash.digest('hex') }));
    output.once('error', reject);
  });
  // A caller that never awaits `done` (a request that failed first) must not leave an unhandled rejection.
  done.catch(() => undefined);
  return {
    done,
    write(chunk) {
      if (failure) throw failure;
      bytes += chunk.length;
      hash.update(chunk);
      if (output.write(chunk)) return;
      // Wait for the disk to catch up; whichever of drain and error comes first removes the other listener.
      return new Promise<void>((resolve, reject) => {
        const drained = (): void => {
          output.off('error', failed);
          resolve();
        };
        const failed = (error: Error): void => {
          output.off('drain', drained);
          reject(error);
        };
        output.once('drain', drained);
        output.once('error', failed);
      });
    },
    end() {
      output.end();
    },
    async discard() {
      output.destroy();
      await rm(path, { force: true });
    },
  };
}
