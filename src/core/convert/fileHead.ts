import { openRandomAccess } from '../io/randomAccess';
import { sniffUtf16 } from '../text/utf16';
import { decodeHead, utf8Problem, type InputEncoding } from './inputEncoding';

/** The start of a file as text, for guessing its format and showing previews. */
export interface FileHead {
  readonly text: string;
  /** True when the text is the whole file, so its last line is complete. */
  readonly isWholeFile: boolean;
  /** Without a named encoding: why the file is not UTF-8 (a sentence after its name), when it is not. */
  readonly notUtf8?: string;
  /** With {@link notUtf8}: the encoding the bytes suggest (UTF-16 by its marks, else Windows-1252). */
  readonly likelyEncoding?: InputEncoding;
}

// Enough for the 50 sample lines of most JSONL files and far more than the CSV sniffer needs; reading it takes
// milliseconds, so it happens on the extension host before the questions.
const HEAD_BYTES = 1024 * 1024;

/**
 * Reads the first megabyte of a file as UTF-8, or in `encoding` when the user named one (a character cut at the end
 * decodes as U+FFFD; callers drop the last line).
 */
export async function readFileHead(path: string, encoding?: InputEncoding): Promise<FileHead> {
  const file = await openRandomAccess(path);
  try {
    // One byte more than kept tells whether the file goes on.
    const bytes = await file.readAt(0, HEAD_BYTES + 1);
    const isWholeFile = bytes.length <= HEAD_BYTES;
    const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEAD_BYTES));
    if (encoding !== undefined && encoding !== 'utf-8') return { text: decodeHead(head, encoding), isWholeFile };
    const notUtf8 = utf8Problem(head, isWholeFile);
    if (notUtf8 === undefined) return { text: head.toString('utf8'), isWholeFile };
    return { text: head.toString('utf8'), isWholeFile, notUtf8, likelyEncoding: sniffUtf16(head) ?? 'windows-1252' };
  } finally {
    await file.close();
  }
}
