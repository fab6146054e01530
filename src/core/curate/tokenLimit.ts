import { copyKeptLines, type KeptLinesOptions } from './keptLines';
import { ReportBuilder, type CurationReport } from './report';

/** Counts an example's tokens for the target model from the parsed line and its text; undefined when it cannot. */
export type TokenCounter = (value: unknown, lineText: string) => number | undefined;

/** Options for {@link dropOverTokenLimit}. */
export interface TokenLimitOptions extends KeptLinesOptions {
  /** Examples with more tokens than this are dropped. */
  readonly limit: number;
  readonly countTokens: TokenCounter;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Copies a JSONL file byte for byte without the examples whose token count exceeds `limit`; each dropped line is
 * reported with its count. Lines that are not UTF-8 JSON cannot be counted, so they are kept and listed as warnings.
 */
export async function dropOverTokenLimit(options: TokenLimitOptions): Promise<CurationReport> {
  const { limit, countTokens } = options;
  const report = new ReportBuilder();
  return copyKeptLines(options, report, (line) => {
    const parsed = parseLine(line.bytes);
    if (parsed === undefined) {
      report.warn(line.line, 'not valid JSON; kept without a token count');
      return true;
    }
    const tokens = countTokens(parsed.value, parsed.text);
    if (tokens === undefined) {
      report.warn(line.line, 'not an example of a known format; kept without a token count');
      return true;
    }
    if (tokens <= limit) return true;
    report.skip(line.line, `${tokens} tokens, over the limit of ${limit}`);
    return false;
  });
}

function parseLine(bytes: Uint8Array): { readonly value: unknown; readonly text: string } | undefined {
  try {
    const text = strictUtf8.decode(bytes);
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    return undefined;
  }
}
