import type { ByteLine } from '../jsonl/byteLines';
import { DUPLICATE_MODE_MEANINGS, exactKey, jsonKey, normalizedKey, type DuplicateMode } from './exampleKey';
import { U32Column } from '../duplicates/numberColumns';
import { KeyIds, type ExampleKey } from '../duplicates/keyTable';
import { copyKeptLines, type KeptLinesOptions } from './keptLines';
import { ReportBuilder, type CurationReport } from './report';

/** Options for {@link dedupeDataset}. */
export interface DedupeOptions extends KeptLinesOptions {
  /** What counts as a duplicate (see `DuplicateMode`); the line ending is never part of a line. */
  readonly mode: DuplicateMode;
}

/**
 * Copies a JSONL file byte for byte, keeping the first occurrence of each example and dropping later duplicates,
 * which the report lists as "duplicate of line N" and says what it compared. In the JSON modes, lines that are not
 * JSON are compared byte for byte and listed as warnings. One pass; memory is a few dozen bytes per distinct example,
 * whatever the file size.
 */
export async function dedupeDataset(options: DedupeOptions): Promise<CurationReport> {
  const report = new ReportBuilder();
  const seen = new KeyIds();
  const firstLines = new U32Column();
  const keyOf = duplicateKeyFunction(options.mode, report);
  report.compared = DUPLICATE_MODE_MEANINGS[options.mode];
  return copyKeptLines(options, report, (line) => {
    const id = seen.idOf(keyOf(line));
    if (id < firstLines.length) {
      report.skip(line.line, `duplicate of line ${firstLines.get(id) + 1}`);
      return false;
    }
    firstLines.push(line.line);
    return true;
  });
}

/**
 * The key function for a mode. In the JSON modes a line that is not JSON falls back to its exact key, with a
 * warning in `report` naming `path` when given.
 */
export function duplicateKeyFunction(
  mode: DuplicateMode,
  report: ReportBuilder,
  path?: string,
): (line: ByteLine) => ExampleKey {
  if (mode === 'exact') return (line) => exactKey(line.bytes);
  const valueKey = mode === 'json' ? jsonKey : normalizedKey;
  return (line) => {
    const key = valueKey(line.bytes);
    if (key !== undefined) return key;
    report.warn(line.line, 'not valid JSON; only byte-identical copies count as duplicates', path);
    return exactKey(line.bytes);
  };
}
