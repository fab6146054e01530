import { readExamples } from './exampleSource';
import { writeOutputs } from './outputs';
import { ReportBuilder, type CurationReport } from './report';
import { ProgressCounter, type CurateRunOptions } from './runOptions';

/** Counts an example's tokens for the target model from the parsed line and its text; undefined when it cannot. */
export type TokenCounter = (value: unknown, lineText: string) => number | undefined;

/** Options for {@link dropOverTokenLimit}. */
export interface TokenLimitOptions extends CurateRunOptions {
  readonly input: string;
  readonly output: string;
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
  const { input, limit, countTokens, signal } = options;
  const progress = await ProgressCounter.of([input], 1, options);
  const report = new ReportBuilder();

  const outputs = await writeOutputs(
    [options.output],
    { signal, protectedPaths: [input], openTemporary: options.openTemporary },
    async (writers) => {
      const writer = writers[0]!;
      for await (const batch of readExamples(input, { signal, report, onBytes: progress.part() })) {
        for (let i = 0; i < batch.lines.length; i++) {
          const line = batch.lines[i]!;
          const parsed = parseLine(line.bytes);
          if (parsed === undefined) {
            report.warn(line.line, 'not valid JSON; kept without a token count');
          } else {
            const tokens = countTokens(parsed.value, parsed.text);
            if (tokens === undefined) {
              report.warn(line.line, 'not an example of a known format; kept without a token count');
            } else if (tokens > limit) {
              report.skip(line.line, `${tokens} tokens, over the limit of ${limit}`);
              continue;
            }
          }
          if (!writer.write(batch.raw[i]!)) await writer.drain();
        }
      }
    },
  );
  return report.finish(outputs);
}

function parseLine(bytes: Uint8Array): { readonly value: unknown; readonly text: string } | undefined {
  try {
    const text = strictUtf8.decode(bytes);
    return { value: JSON.parse(text) as unknown, text };
  } catch {
    return undefined;
  }
}
