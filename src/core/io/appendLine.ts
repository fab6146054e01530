import type { Stats } from 'node:fs';
import { stat } from 'node:fs/promises';
import { usesCrOnlyLineEndings } from '../text/lineEndings';
import { sniffUtf16 } from '../text/utf16';
import { AtomicLineWriter, type OpenTemporary } from './atomicWriter';
import { errorCode, fileError, FileError } from './fileErrors';
import { fileChunks } from './fileChunks';

/** Options for {@link appendLineAtomically}. */
export interface AppendLineOptions {
  /** Honoured until the new file replaces the old one. */
  readonly signal?: AbortSignal;
  /** How the temporary file is created; tests inject failing file handles here. */
  readonly openTemporary?: OpenTemporary;
}

/** Where the line went. */
export interface AppendedLine {
  /** One-based line number of the appended line. */
  readonly line: number;
  /** True when the file did not exist and was created with just the line. */
  readonly created: boolean;
}

const LF = 0x0a;
const CR = 0x0d;
const CR_BYTES = Uint8Array.of(CR);
// Enough of the head to recognise UTF-16 and CR-only line endings, which an appended UTF-8 line would damage.
const HEAD_BYTES = 64 * 1024;

/**
 * Appends one line (text without a line break) to a file without ever leaving it damaged: the file's bytes are
 * copied unchanged to a temporary file beside it, a line break is added when the file does not end with one, then
 * the line and its line break; the copy is fsynced and renamed over the file. The file's line breaks are kept (a
 * CRLF file gets CRLF). A missing file is created with just the line. If the file changes while it is copied, or
 * anything fails, the temporary file is removed and the file is left as it was.
 */
export async function appendLineAtomically(
  path: string,
  text: string,
  options: AppendLineOptions = {},
): Promise<AppendedLine> {
  const writer = await AtomicLineWriter.open(path, { signal: options.signal, openTemporary: options.openTemporary });
  try {
    const before = await statIfExists(writer.writtenPath, path);
    const copied = before === undefined ? { lines: 0, crlf: false } : await copyInto(writer, path, options.signal);
    writer.write(copied.crlf ? `${text}\r` : text);
    await writer.prepare();
    options.signal?.throwIfAborted();
    const after = await statIfExists(writer.writtenPath, path);
    if (!sameFile(before, after)) {
      throw new FileError(
        `${path} changed while the line was being added; nothing was written. Try again.`,
        path,
        undefined,
      );
    }
    await writer.publish();
    return { line: copied.lines + 1, created: before === undefined };
  } finally {
    await writer.abort();
  }
}

/**
 * Copies the file into the writer byte for byte, ending it with a line break when it has none; returns how many
 * lines it had and whether they end with CRLF (by the first line break). The writer adds a `\n` after each piece,
 * so each piece is the bytes up to (not including) a `\n`.
 */
async function copyInto(
  writer: AtomicLineWriter,
  path: string,
  signal: AbortSignal | undefined,
): Promise<{ lines: number; crlf: boolean }> {
  let pending: Uint8Array[] = [];
  let lineBreaks = 0;
  let crlf: boolean | undefined;
  let previous = -1;
  let head = true;
  for await (const chunk of fileChunks(writer.writtenPath, { signal })) {
    if (head) {
      refuseDamagingAppend(chunk.subarray(0, HEAD_BYTES), path);
      head = false;
    }
    let last = -1;
    for (let at = chunk.indexOf(LF); at !== -1; at = chunk.indexOf(LF, at + 1)) {
      crlf ??= (at > 0 ? chunk[at - 1] : previous) === CR;
      lineBreaks++;
      last = at;
    }
    if (last === -1) {
      pending.push(chunk);
    } else {
      pending.push(chunk.subarray(0, last));
      if (!writer.write(Buffer.concat(pending))) await writer.drain();
      pending = last + 1 < chunk.length ? [chunk.subarray(last + 1)] : [];
    }
    previous = chunk[chunk.length - 1] ?? previous;
  }
  const tail = Buffer.concat(pending);
  // A last line without its line break gets one (CRLF files: `\r` here, the writer adds `\n`).
  if (tail.length > 0)
    writer.write(crlf === true && tail[tail.length - 1] !== CR ? Buffer.concat([tail, CR_BYTES]) : tail);
  return { lines: lineBreaks + (tail.length > 0 ? 1 : 0), crlf: crlf === true };
}

function refuseDamagingAppend(head: Uint8Array, path: string): void {
  const utf16 = sniffUtf16(head);
  if (utf16 !== undefined) {
    throw new FileError(
      `${path} is ${utf16.toUpperCase()} text; a UTF-8 line cannot be added to it. Save it as UTF-8 first.`,
      path,
      undefined,
    );
  }
  if (usesCrOnlyLineEndings(head)) {
    throw new FileError(
      `${path} ends its lines with CR alone; a line cannot be added to it safely. Convert its line endings to LF first.`,
      path,
      undefined,
    );
  }
}

async function statIfExists(writtenPath: string, path: string): Promise<Stats | undefined> {
  try {
    return await stat(writtenPath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return undefined;
    throw fileError('read', path, error);
  }
}

function sameFile(before: Stats | undefined, after: Stats | undefined): boolean {
  if (before === undefined || after === undefined) return before === after;
  return before.size === after.size && before.mtimeMs === after.mtimeMs && before.ino === after.ino;
}
