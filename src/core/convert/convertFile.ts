import { stat } from 'node:fs/promises';
import { writeLinesAtomically, type AtomicWriteOptions } from '../io/atomicWriter';
import { fileChunks } from '../io/fileChunks';
import { assertNotProtected } from '../io/protectedPaths';
import { openRandomAccess, type RandomAccessFile } from '../io/randomAccess';
import { convertStream } from './convertStream';
import type { ConvertReport, ConvertSpec } from './model';

/** A conversion's report and the file it wrote: `output` is undefined when nothing converted, so nothing was written. */
export interface FileConversion extends ConvertReport {
  readonly output: string | undefined;
}

/** Options for {@link convertFile}. */
export interface FileConversionOptions {
  readonly signal?: AbortSignal;
  /** Input bytes read so far, out of the file size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/**
 * Writes the lines atomically, but only once the first one exists: a conversion that produces nothing leaves no
 * empty file behind and does not replace an existing output. True when the file was written.
 */
async function writeUnlessEmpty(
  output: string,
  lines: AsyncIterable<string>,
  options: AtomicWriteOptions,
): Promise<boolean> {
  const iterator = lines[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done === true) return false;
  async function* all(): AsyncGenerator<string> {
    try {
      yield first.value;
      for (let next = await iterator.next(); next.done !== true; next = await iterator.next()) yield next.value;
    } finally {
      await iterator.return?.();
    }
  }
  await writeLinesAtomically(output, all(), options);
  return true;
}

/**
 * Converts `input` into `output` as `spec` says, streaming. The input is never modified; an existing output is
 * replaced only once the conversion is complete, and a cancel or failure leaves it as it was.
 */
export async function convertFile(
  input: string,
  output: string,
  spec: ConvertSpec,
  options: FileConversionOptions = {},
): Promise<FileConversion> {
  const { signal, onProgress } = options;
  // Checked first so a wrong output fails at once, not after reading up to the first converted line.
  await assertNotProtected(output, [input]);
  const { size } = await stat(input);
  let randomAccess: RandomAccessFile | undefined;
  try {
    // Twitter threads re-read tweet texts by offset instead of holding them.
    if (spec.from === 'twcs') randomAccess = await openRandomAccess(input);
    const file = randomAccess;
    const conversion = convertStream(fileChunks(input, { signal }), spec, {
      signal,
      onProgress: (bytesRead) => onProgress?.(bytesRead, size),
      ...(file === undefined ? {} : { readAt: (offset: number, length: number) => file.readAt(offset, length) }),
    });
    const written = await writeUnlessEmpty(output, conversion.lines, { signal, protectedPaths: [input] });
    return { ...conversion.report(), output: written ? output : undefined };
  } finally {
    await randomAccess?.close();
  }
}
