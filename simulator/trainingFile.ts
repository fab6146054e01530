// What a job's validation reads from its training file: the number of lines (its examples) over the whole file, and
// whether the lines in its first megabyte are JSON objects — enough for a broken file to fail like the real API's
// validation does, without reading a 1 GB file into memory.
import type { FileStore, StoredFile } from './fileStore';

/** Lines in this first part of the file are parsed; the rest is only counted. */
const CHECKED_BYTES = 1024 * 1024;

export interface TrainingFileCheck {
  lines: number;
  /** The first line (1-based) within the checked part that is not a JSON object, if any. */
  badLine?: number;
}

export async function checkTrainingFile(files: FileStore, file: StoredFile): Promise<TrainingFileCheck> {
  let lines = 0;
  let last = 10;
  const head: Buffer[] = [];
  let headBytes = 0;
  for await (const chunk of files.content(file) as AsyncIterable<Buffer>) {
    for (let at = chunk.indexOf(10); at >= 0; at = chunk.indexOf(10, at + 1)) lines += 1;
    if (chunk.length > 0) last = chunk[chunk.length - 1] ?? 10;
    if (headBytes < CHECKED_BYTES) {
      head.push(chunk.subarray(0, CHECKED_BYTES - headBytes));
      headBytes += Math.min(chunk.length, CHECKED_BYTES - headBytes);
    }
  }
  if (last !== 10) lines += 1;
  const text = Buffer.concat(head).toString('utf8').split('\n');
  // A line cut off at the end of the checked part is not judged.
  if (headBytes < file.object.bytes) text.pop();
  const badIndex = text.findIndex((line) => line.trim() !== '' && !isJsonObject(line));
  return badIndex < 0 ? { lines } : { lines, badLine: badIndex + 1 };
}

function isJsonObject(line: string): boolean {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}
