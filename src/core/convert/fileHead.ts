import { openRandomAccess } from '../io/randomAccess';

/** The start of a file as text, for guessing its format and showing previews. */
export interface FileHead {
  readonly text: string;
  /** True when the text is the whole file, so its last line is complete. */
  readonly isWholeFile: boolean;
}

// Enough for the 50 sample lines of most JSONL files and far more than the CSV sniffer needs; reading it takes
// milliseconds, so it happens on the extension host before the questions.
const HEAD_BYTES = 1024 * 1024;

/** Reads the first megabyte of a file (a character cut at the end decodes as U+FFFD; callers drop the last line). */
export async function readFileHead(path: string): Promise<FileHead> {
  const file = await openRandomAccess(path);
  try {
    // One byte more than kept tells whether the file goes on.
    const bytes = await file.readAt(0, HEAD_BYTES + 1);
    const isWholeFile = bytes.length <= HEAD_BYTES;
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, HEAD_BYTES)).toString('utf8'),
      isWholeFile,
    };
  } finally {
    await file.close();
  }
}
