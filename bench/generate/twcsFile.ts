import { closeSync, openSync, writeSync } from 'node:fs';
import { ensureDataFile } from '../lib/dataFiles';
import { BenchRandom } from '../lib/random';
import { TwcsThreadGenerator, type TweetRow } from './twcsThreads';

/** Rows in the generated twcs.csv. */
export const TWCS_ROWS = 1_000_000;
const SEED = 31_102_017;
const HEADER = 'tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id';
// Rows leave a window of this many in random order, so children sometimes come before their parents.
const SHUFFLE_WINDOW = 24;
const FLUSH_ROWS = 20_000;

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

function csvRow(row: TweetRow): string {
  // pandas wrote the parent column as floats (it has gaps), as in the Kaggle file.
  const parent = row.parent === undefined ? '' : `${row.parent}.0`;
  return [
    String(row.id),
    row.author,
    row.inbound ? 'True' : 'False',
    row.createdAt,
    csvField(row.text),
    csvField(row.responses.join(',')),
    parent,
  ].join(',');
}

function writeTwcsFile(path: string, rowCount: number, seed: number): void {
  const random = new BenchRandom(seed);
  const threads = new TwcsThreadGenerator(random);
  const fd = openSync(path, 'w');
  try {
    const window: TweetRow[] = [];
    let out: string[] = [HEADER];
    let emitted = 0;
    const emit = (row: TweetRow): void => {
      out.push(csvRow(row));
      emitted++;
      if (out.length < FLUSH_ROWS) return;
      writeSync(fd, `${out.join('\n')}\n`);
      out = [];
    };
    while (emitted + window.length < rowCount) {
      for (const row of threads.thread()) {
        if (emitted + window.length >= rowCount) break;
        window.push(row);
        if (window.length < SHUFFLE_WINDOW) continue;
        const at = random.int(0, window.length - 1);
        emit(window[at]!);
        window[at] = window[window.length - 1]!;
        window.pop();
      }
    }
    for (const row of window) emit(row);
    if (out.length > 0) writeSync(fd, `${out.join('\n')}\n`);
  } finally {
    closeSync(fd);
  }
}

/** A 1 M-row twcs.csv lookalike, generated on first use. */
export function ensureTwcsFile(): Promise<{ path: string; reused: boolean }> {
  const spec = { seed: SEED, size: TWCS_ROWS, version: 1 };
  return ensureDataFile('twcs-1m.csv', spec, (path) => Promise.resolve(writeTwcsFile(path, spec.size, spec.seed)));
}
