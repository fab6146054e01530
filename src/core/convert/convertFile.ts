import { randomBytes } from 'node:crypto';
import { stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeLinesAtomically, type AtomicWriteOptions } from '../io/atomicWriter';
import { fileChunks } from '../io/fileChunks';
import { fileError, FileError } from '../io/fileErrors';
import { assertNotProtected } from '../io/protectedPaths';
import { openRandomAccess, type RandomAccessFile } from '../io/randomAccess';
import { temporaryFiles } from '../io/temporaryFiles';
import { UnclosedQuoteError } from './csv/csvRecords';
import { convertStream } from './convertStream';
import { decodedToUtf8, InputEncodingError, type InputEncoding } from './inputEncoding';
import type { ConvertReport, ConvertSpec, ReadAt } from './model';

/** A conversion's report and the file it wrote: `output` is undefined when nothing converted, so nothing was written. */
export interface FileConversion extends ConvertReport {
  readonly output: string | undefined;
}

/** Options for {@link convertFile}. */
export interface FileConversionOptions {
  readonly signal?: AbortSignal;
  /** Input bytes read so far, out of the file size. */
  readonly onProgress?: (bytesRead: number, totalBytes: number) => void;
  /** The input's encoding when the user named it; otherwise CSV and TWCS input must be UTF-8 (see StreamOptions). */
  readonly encoding?: InputEncoding;
}

/** The input's chunks; a read error names the input (never only Node's wording). */
async function* inputChunks(path: string, signal: AbortSignal | undefined): AsyncGenerator<Uint8Array> {
  try {
    yield* fileChunks(path, { signal });
  } catch (error) {
    throw fileError('read', path, error);
  }
}

/**
 * Writes a UTF-8 copy of a file in another encoding beside the output and returns its path; TWCS re-reads tweet
 * texts by byte offset, which only works on the bytes it scanned. The caller removes the copy.
 */
export async function utf8Copy(
  input: string,
  output: string,
  encoding: InputEncoding,
  signal?: AbortSignal,
): Promise<string> {
  const copy = join(dirname(output), `.${basename(input)}.${randomBytes(6).toString('hex')}.utf8.tmp`);
  temporaryFiles.add(copy);
  try {
    await writeLinesAtomically(copy, utf8Lines(decodedToUtf8(inputChunks(input, signal), encoding)), {
      signal,
      // The copy holds the input's data: it gets no permission bit the input lacks.
      protectedPaths: [input],
    });
  } catch (error) {
    temporaryFiles.delete(copy);
    // The writer names the file it was asked to write: here a hidden name the user never chose.
    if (error instanceof FileError)
      throw new FileError(error.message.replaceAll(copy, `a UTF-8 copy of ${input}`), input, error.code, error);
    throw error instanceof Error && error.name !== 'AbortError' && !(error instanceof InputEncodingError)
      ? fileError(`write a UTF-8 copy of ${input} in`, dirname(output), error)
      : error;
  }
  return copy;
}

/** The text of UTF-8 chunks as lines without their `\n` (the writer adds it back; a last line without one gains it). */
async function* utf8Lines(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let pending = '';
  for await (const chunk of chunks) {
    const text = pending + decoder.decode(chunk, { stream: true });
    const lines = text.split('\n');
    pending = lines.pop()!;
    yield* lines;
  }
  pending += decoder.decode();
  if (pending !== '') yield pending;
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
  const { signal, onProgress, encoding } = options;
  // Checked first so a wrong output fails at once, not after reading up to the first converted line.
  await assertNotProtected(output, [input]);
  let size: number;
  try {
    ({ size } = await stat(input));
  } catch (error) {
    throw fileError('read', input, error);
  }
  let randomAccess: RandomAccessFile | undefined;
  let copy: string | undefined;
  try {
    let source = input;
    let sourceEncoding = encoding;
    if (spec.from === 'twcs' && encoding !== undefined && encoding !== 'utf-8') {
      copy = await utf8Copy(input, output, encoding, signal);
      ({ size } = await stat(copy));
      source = copy;
      sourceEncoding = undefined;
    }
    // Twitter threads re-read tweet texts by offset instead of holding them.
    if (spec.from === 'twcs') randomAccess = await openRandomAccess(source);
    const file = randomAccess;
    const readAt: ReadAt | undefined =
      file === undefined
        ? undefined
        : async (offset, length) => {
            try {
              return await file.readAt(offset, length);
            } catch (error) {
              throw fileError('read', input, error);
            }
          };
    const conversion = convertStream(inputChunks(source, signal), spec, {
      signal,
      onProgress: (bytesRead) => onProgress?.(bytesRead, size),
      ...(readAt === undefined ? {} : { readAt }),
      ...(sourceEncoding === undefined ? {} : { encoding: sourceEncoding }),
    });
    const written = await writeUnlessEmpty(output, conversion.lines, { signal, protectedPaths: [input] });
    return { ...conversion.report(), output: written ? output : undefined };
  } catch (error) {
    if (error instanceof InputEncodingError) throw error.about(input);
    if (error instanceof UnclosedQuoteError) throw error.about(input);
    throw error;
  } finally {
    await randomAccess?.close();
    if (copy !== undefined) {
      await unlink(copy).catch(() => undefined);
      temporaryFiles.delete(copy);
    }
  }
}
