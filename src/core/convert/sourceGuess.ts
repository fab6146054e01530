// Guesses what a file holds from its name and its first bytes, so the pickers can pre-select the likely answer.
import { isObject } from '../jsonl/jsonObject';
import { parseSampleRecords } from './csv/sniff';

/** The formats "Convert to Chat JSONL…" reads; `mapped` is any other JSON Lines read through a field mapping. */
export type ChatSource = 'csv' | 'twcs' | 'legacy' | 'sharegpt' | 'alpaca' | 'trl' | 'mapped';

/** The formats "Export Dataset As…" reads. */
export type ExportSource = 'chat' | 'preference';

/** The header columns the Twitter customer-support conversion needs (Kaggle `twcs.csv`). */
const TWCS_COLUMNS = ['tweet_id', 'author_id', 'inbound', 'text', 'in_response_to_tweet_id'];
const JSON_EXTENSIONS = ['.jsonl', '.json', '.ndjson'];
const TABLE_EXTENSIONS = ['.csv', '.tsv', '.txt'];
/** How many lines the JSON sniffing looks at. */
export const SAMPLE_LINES = 50;

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot === -1 ? '' : fileName.slice(dot).toLowerCase();
}

/**
 * The JSON objects among the first `maxLines` non-blank lines of `head`. Unless `isWholeFile`, the last line may be
 * cut off, so it is left out.
 */
export function sampleObjects(head: string, isWholeFile: boolean, maxLines = SAMPLE_LINES): Record<string, unknown>[] {
  const lines = head.split('\n');
  if (!isWholeFile) lines.pop();
  const objects: Record<string, unknown>[] = [];
  let seen = 0;
  for (const line of lines) {
    if (seen === maxLines) break;
    if (line.trim() === '') continue;
    seen++;
    try {
      const value: unknown = JSON.parse(line);
      if (isObject(value)) objects.push(value);
    } catch {
      // Broken lines are the conversion's business; the guess goes by the others.
    }
  }
  return objects;
}

/** The layout of one JSON Lines record, when it is one a converter knows. */
function recordShape(value: Record<string, unknown>): ChatSource | undefined {
  if (value['conversations'] !== undefined) return 'sharegpt';
  if (value['messages'] !== undefined) return 'trl';
  if (value['chosen'] !== undefined && value['rejected'] !== undefined) return 'trl';
  if (value['prompt'] !== undefined && value['completion'] !== undefined) {
    // TRL prompt-completion rows may hold message lists; plain texts are the legacy format.
    return typeof value['prompt'] === 'string' && typeof value['completion'] === 'string' ? 'legacy' : 'trl';
  }
  if (value['instruction'] !== undefined && value['output'] !== undefined) return 'alpaca';
  return undefined;
}

/** The most common value, ties to the one seen first; undefined for none. */
function majority<T>(values: Iterable<T | undefined>): T | undefined {
  const votes = new Map<T, number>();
  for (const value of values) if (value !== undefined) votes.set(value, (votes.get(value) ?? 0) + 1);
  let winner: T | undefined;
  let best = 0;
  for (const [value, count] of votes) {
    if (count > best) {
      winner = value;
      best = count;
    }
  }
  return winner;
}

/** Whether the first CSV record holds every TWCS column title. */
function hasTwcsHeader(head: string, isWholeFile: boolean): boolean {
  const titles = parseSampleRecords(head, ',', isWholeFile, 1)[0]?.map((title) => title.trim()) ?? [];
  return TWCS_COLUMNS.every((column) => titles.includes(column));
}

/**
 * The likely source format of a file for "Convert to Chat JSONL…": tables (.csv, .tsv, .txt, or anything not
 * starting with `{`) are CSV, or TWCS when the header has the TWCS columns; JSON Lines go by the fields of most of
 * their first lines, and `mapped` when no known layout shows.
 */
export function guessChatSource(fileName: string, head: string, isWholeFile: boolean): ChatSource {
  const extension = extensionOf(fileName);
  const isJson =
    JSON_EXTENSIONS.includes(extension) || (!TABLE_EXTENSIONS.includes(extension) && head.trimStart().startsWith('{'));
  if (!isJson) return hasTwcsHeader(head, isWholeFile) ? 'twcs' : 'csv';
  return majority(sampleObjects(head, isWholeFile).map(recordShape)) ?? 'mapped';
}

/** Whether a JSONL file holds chat (`messages`) or preference (`input` + `preferred_output`) examples, by majority. */
export function guessExportSource(head: string, isWholeFile: boolean): ExportSource | undefined {
  return majority(
    sampleObjects(head, isWholeFile).map((value): ExportSource | undefined => {
      if (value['messages'] !== undefined) return 'chat';
      if (value['input'] !== undefined && value['preferred_output'] !== undefined) return 'preference';
      return undefined;
    }),
  );
}
