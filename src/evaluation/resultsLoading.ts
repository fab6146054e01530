/**
 * One load of a batch results file for the Evaluation view: the file is read in steps (on its first load, a large
 * file's first rows are handed over early and the read waits a little for the page to fetch them), then the metrics
 * are computed in slices. No vscode here: the session keeps the rows, reads its sidecars and tells the page.
 */
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ResultRecord } from '../core/batch/batchTypes';
import { modelSummariesInSlices, type ModelSummary } from '../core/batch/answerMetrics';
import { readResults } from '../core/batch/resultsFile';
import type { EvaluationInfo } from '../protocol/evaluation';
import { groupResults, type GroupedResults } from './resultRows';

/**
 * Records read before the first rows are shown while a large file is still being read: enough for the first page of
 * prompts (50 rows of up to 4 models) with room for retries.
 */
export const FIRST_ROWS_RECORDS = 500;
/**
 * After its first rows, a first read waits this long at most for the page to fetch them before it reads on: on a
 * small machine the rest of the read competes with the page's first drawing for the processor.
 */
export const FIRST_SCREEN_WAIT_MS = 2_000;

/** How far a first read is while its first rows are shown. */
export type ReadingProgress = NonNullable<EvaluationInfo['reading']>;

/** The whole file, read. */
export interface LoadedResults {
  readonly grouped: GroupedResults;
  /** Complete lines that are not result records. */
  readonly badLines: number;
  /** The first rows were handed over before the read ended (the page has rows to replace). */
  readonly firstRowsShown: boolean;
}

export interface ResultsLoadOptions {
  readonly resultsPath: string;
  /** The file's first load: only then are a large file's first rows handed over before the rest is read. */
  readonly first: boolean;
  readonly signal?: AbortSignal;
  /** Takes a first read's rows so far; called at most once, before `loaded`. */
  readonly firstRows: (grouped: GroupedResults, reading: ReadingProgress) => void;
  /** Takes the whole file's rows; the load counts as loaded once the returned promise resolves. */
  readonly loaded: (results: LoadedResults) => Promise<void>;
  /** Takes the metrics. */
  readonly summarized: (summaries: ModelSummary[]) => void;
}

/** A load under way. Its promises reject when the read fails or is aborted; none is left unhandled. */
export interface ResultsLoad {
  /** The first rows can be answered (handed over by a first read, or the whole file is in). */
  readonly rowsReady: Promise<void>;
  /** The whole file is read and taken: positions are final. */
  readonly loaded: Promise<void>;
  /** The metrics are in. */
  readonly summarized: Promise<void>;
  /** The page has fetched the first rows: a first read waiting for that reads on. */
  rowsFetched(): void;
}

/** Starts reading the file; see {@link ResultsLoad} for what can be awaited. */
export function loadResults(options: ResultsLoadOptions): ResultsLoad {
  const { signal } = options;
  /** Set while a first read waits for the page to fetch its first rows. */
  let firstRowsFetched: (() => void) | undefined;
  let showRows = (): void => undefined;
  const firstRows = new Promise<void>((resolve) => (showRows = resolve));
  const records = readWholeFile(options, () => {
    showRows();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => firstRowsFetched?.(), FIRST_SCREEN_WAIT_MS);
      firstRowsFetched = () => {
        firstRowsFetched = undefined;
        clearTimeout(timer);
        resolve();
      };
      signal?.addEventListener('abort', () => firstRowsFetched?.(), { once: true });
    });
  });
  const loaded = records.then(() => undefined);
  const rowsReady = Promise.race([firstRows, loaded]);
  // The records are handed to the metrics, not kept: the session holds only the grouped rows.
  const summarized = records.then(async (read) => {
    options.summarized(await modelSummariesInSlices(read, signal ? { signal } : {}));
  });
  // A failed read reaches whoever awaits these; none of them may be left as an unhandled rejection.
  rowsReady.catch(() => undefined);
  summarized.catch(() => undefined);
  return { rowsReady, loaded, summarized, rowsFetched: () => firstRowsFetched?.() };
}

/**
 * Reads the file and hands its rows to `options.loaded`; resolves with the records, for the metrics. A first read of
 * a large file hands its first rows over and waits for `waitForFetch` before it reads on.
 */
async function readWholeFile(
  options: ResultsLoadOptions,
  waitForFetch: () => Promise<void>,
): Promise<readonly ResultRecord[]> {
  const { resultsPath, first, signal } = options;
  const byteLength = first
    ? await stat(resultsPath).then(
        (s) => s.size,
        () => 0,
      )
    : 0;
  let shown = false;
  const read = await readResults(resultsPath, {
    ...(signal ? { signal } : {}),
    onProgress: (records, bytesRead) => {
      if (!first || shown || records.length < FIRST_ROWS_RECORDS || bytesRead >= byteLength) return;
      shown = true;
      options.firstRows(groupResults(records), { bytesRead, byteLength });
      return waitForFetch();
    },
  });
  if (read.records.length === 0 && read.badLines.length > 0) {
    const name = basename(resultsPath);
    throw new Error(`${name} is not a batch results file: none of its lines is a result record.`);
  }
  await options.loaded({ grouped: groupResults(read.records), badLines: read.badLines.length, firstRowsShown: shown });
  return read.records;
}
