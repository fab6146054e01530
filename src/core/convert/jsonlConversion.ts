import { readLineBatches } from '../jsonl/byteLines';
import type { Conversion, StreamOptions } from './model';
import { decodedToUtf8, refusingUtf16 } from './inputEncoding';
import { ReportBuilder } from './report';
import { trackInput } from './trackedInput';
import { messageOf } from '../errors/messageOf';

/** Why one record produced no output. */
export interface Skip {
  readonly skip: string;
}

/**
 * Converts one parsed JSONL record. `text` is the line as read, so records that need no change can be returned
 * byte for byte. Returns the output line (or several, when one record makes several examples), or a {@link Skip}
 * with the reason. `warn` notes lossy but kept records.
 */
export type RecordConverter = (
  value: unknown,
  text: string,
  warn: (message: string) => void,
) => string | readonly string[] | Skip;

const MAX_LINE_BYTES = 64 * 1024 * 1024;

/** Runs a {@link RecordConverter} over every non-blank line of a JSON Lines input. */
export function convertJsonl(
  input: AsyncIterable<Uint8Array>,
  convertRecord: RecordConverter,
  options: StreamOptions = {},
): Conversion {
  const report = new ReportBuilder();
  const warn = (message: string): void => report.warn(message);
  async function* lines(): AsyncGenerator<string> {
    const decoder = new TextDecoder('utf-8', { fatal: true });
    const tracked = trackInput(input, options);
    // Without a named encoding every line is checked on its own: a line that is not UTF-8 is skipped and reported.
    const bytes = options.encoding === undefined ? refusingUtf16(tracked) : decodedToUtf8(tracked, options.encoding);
    for await (const batch of readLineBatches(bytes, { maxLineBytes: MAX_LINE_BYTES })) {
      for (const line of batch) {
        if (isBlank(line.bytes)) continue;
        report.read++;
        const lineNumber = line.line + 1;
        if (line.truncated) {
          report.skip(lineNumber, `line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MiB`);
          continue;
        }
        let text: string;
        let value: unknown;
        try {
          text = decoder.decode(line.bytes);
        } catch {
          report.skip(lineNumber, 'line is not valid UTF-8');
          continue;
        }
        try {
          value = JSON.parse(text);
        } catch (error) {
          report.skip(lineNumber, `not valid JSON: ${messageOf(error)}`);
          continue;
        }
        const result = convertRecord(value, text, warn);
        if (typeof result === 'string') {
          report.converted++;
          report.written++;
          yield result;
        } else if (isLines(result)) {
          report.converted++;
          report.written += result.length;
          yield* result;
        } else {
          report.skip(lineNumber, result.skip);
        }
      }
    }
  }
  return { lines: lines(), report: () => report.toReport() };
}

function isLines(result: readonly string[] | Skip): result is readonly string[] {
  return Array.isArray(result);
}

function isBlank(bytes: Uint8Array): boolean {
  for (const byte of bytes) {
    if (byte !== 32 && byte !== 9 && byte !== 13) return false;
  }
  return true;
}
