import { stat } from 'node:fs/promises';
import { convertStream } from '../convert/convertStream';
import { writeLinesAtomically, type AtomicWriteOptions } from '../io/atomicWriter';
import { fileChunks } from '../io/fileChunks';
import { assertNotProtected } from '../io/protectedPaths';
import { openRandomAccess, type RandomAccessFile } from '../io/randomAccess';
import type { ConvertJob, ConvertJobResult, JobContext, JobHandlerTable } from './jobProtocol';

/**
 * Writes the lines atomically, but only once the first one exists: a conversion that produces nothing leaves no
 * empty file behind and does not replace an existing output. True when the file was written.
 */
async function writeUnlessEmpty(output: string, lines: AsyncIterable<string>, options: AtomicWriteOptions): Promise<boolean> {
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
 * Converts `job.input` into `job.output` as `job.spec` says, streaming, with progress in input bytes out of the file
 * size. An existing output is replaced only once the conversion is complete; a cancel or failure leaves it as it was.
 */
export async function convertFile(job: ConvertJob, { signal, onProgress }: JobContext): Promise<ConvertJobResult> {
  // Checked first so a wrong output fails at once, not after reading up to the first converted line.
  await assertNotProtected(job.output, [job.input]);
  const { size } = await stat(job.input);
  let randomAccess: RandomAccessFile | undefined;
  try {
    // TWCS re-reads tweet texts by offset instead of holding them.
    if (job.spec.from === 'twcs') randomAccess = await openRandomAccess(job.input);
    const file = randomAccess;
    const conversion = convertStream(fileChunks(job.input, { signal }), job.spec, {
      signal,
      onProgress: (bytesRead) => onProgress(bytesRead, size),
      ...(file === undefined ? {} : { readAt: (offset: number, length: number) => file.readAt(offset, length) }),
    });
    const written = await writeUnlessEmpty(job.output, conversion.lines, { signal, protectedPaths: [job.input] });
    return { ...conversion.report(), output: written ? job.output : undefined };
  } finally {
    await randomAccess?.close();
  }
}

/** Worker handlers for the conversion jobs. */
export const convertJobHandlers: JobHandlerTable<ConvertJob> = {
  convert: convertFile,
};
