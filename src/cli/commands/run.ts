// `finetune-studio run`: asks every prompt of a file of up to 4 models and appends the answers; resumable.
import { createAsk } from '../../core/batch/askModel';
import { readPrompts } from '../../core/batch/promptSource';
import { readResults } from '../../core/batch/resultsFile';
import { runBatch } from '../../core/batch/runBatch';
import { createClient, type ClientOptions } from '../../core/connections/createClient';
import { messageOf } from '../../core/errors/messageOf';
import { checkInputFile } from '../../core/io/inputFile';
import { plural } from '../../core/text/plural';
import { terminalSafe, terminalSafeLines } from '../../core/text/terminalSafe';
import { UsageError, type CliCommand } from '../command';
import { maxTokensField, parseRunArgs, RUN_USAGE, type EnvironmentVariables } from './runArgs';
import { progressReporter } from './runProgress';
import { countPrompts, promptsOnly } from './runPromptPasses';
import { checkResultsPath, openResults } from './runResultsFile';
import { RunTally, skippedText, summaryText } from './runSummary';

/** What the command takes from its process; injected so tests need neither a terminal nor real variables. */
export interface RunCommandEnvironment {
  /** Where the API key's variable is looked up. */
  readonly env: EnvironmentVariables;
  /** Whether stderr is a terminal: then progress is one line rewritten in place. */
  readonly stderrIsTerminal: () => boolean;
  /** SDK client settings (retries, timeout); default createClient's. */
  readonly clientOptions?: ClientOptions;
}

/** `finetune-studio run` reading its key and terminal from `environment`. */
export function createRunCommand(environment: RunCommandEnvironment): CliCommand {
  return {
    name: 'run',
    summary: 'Ask every prompt of a file of up to 4 models; results as JSONL; resumable.',
    usage: RUN_USAGE,
    async run(args, io) {
      const options = parseRunArgs(args, io, environment.env);
      const { inputName, outputName } = options;
      await checkInputFile(options.input);
      await checkResultsPath(options.output, options.input);
      const previous = await readResults(options.output, { signal: io.signal });
      if (previous.records.length === 0 && previous.badLines.length > 0) {
        throw new UsageError(
          `${options.output} is not a results file (line ${previous.badLines[0]} is not a result record). ` +
            'Choose another output path.',
        );
      }
      if (previous.badLines.length > 0) {
        io.stderr(
          `warning: ${terminalSafe(outputName)}: ${linesText(previous.badLines)} not result records; ` +
            'they are kept and passed over.\n',
        );
      }

      // A first pass counts the prompts, for the total and ETA, and settles whole-file problems (an unknown column,
      // UTF-16) before the results file is touched.
      const tally = new RunTally(options.models);
      await countPrompts(options, previous, tally, io.signal);
      if (tally.prompts === 0) {
        const summary = tally.summary(inputName, outputName, false);
        io.stderr(skippedText(summary));
        io.stderr(`${terminalSafe(inputName)}: no prompts to ask.\n`);
        return 1;
      }
      if (io.signal?.aborted === true) throw abortError();

      const progress = progressReporter(io.stderr, environment.stderrIsTerminal());
      // Written while the abort is delivered: the entry point may end the process right after (see main.ts).
      const onStop = (): void => {
        progress.end();
        io.stderr(stoppedText(outputName, args));
      };
      io.signal?.addEventListener('abort', onStop, { once: true });
      let failure: { readonly error: unknown } | undefined;
      try {
        const appender = await openResults(options, previous);
        const client = createClient(options.connection, { apiKey: options.apiKey }, environment.clientOptions);
        try {
          await runBatch(promptsOnly(readPrompts(options.input, options.read)), options.models, {
            ask: createAsk(() => client, { maxTokensField: () => maxTokensField(options.connection) }),
            append: async (record) => {
              await appender.append(record);
              tally.written(record);
            },
            concurrency: () => options.concurrency,
            finished: previous.finished,
            totalPrompts: tally.prompts,
            onProgress: progress.update,
            ...(io.signal === undefined ? {} : { signal: io.signal }),
          });
        } catch (error) {
          failure = { error };
        } finally {
          await appender.close().catch((error: unknown) => (failure ??= { error }));
        }
      } finally {
        io.signal?.removeEventListener('abort', onStop);
        progress.end();
      }

      // Read again: the signal may have fired while the run went on.
      const stopped = isAborted(io.signal);
      const summary = tally.summary(inputName, outputName, stopped);
      io.stdout(options.json ? `${terminalSafeLines(JSON.stringify(summary, null, 2))}\n` : summaryText(summary));
      io.stderr(skippedText(summary));
      if (failure !== undefined) {
        io.stderr(
          `finetune-studio run: ${terminalSafe(messageOf(failure.error))}\n` +
            `The results written so far are kept in ${terminalSafe(outputName)}; run the same command again to resume.\n`,
        );
        return 1;
      }
      if (stopped) return 1;
      if (summary.failed > 0) {
        io.stderr(`Run the same command again to ask the ${plural(summary.failed, 'failed pair')} again.\n`);
        return 1;
      }
      return 0;
    },
  };
}

/** The command as the CLI runs it: the key from the process environment, progress by what stderr is. */
export const runCommand: CliCommand = createRunCommand({
  env: process.env,
  stderrIsTerminal: () => process.stderr.isTTY === true,
});

function stoppedText(outputName: string, args: readonly string[]): string {
  return (
    `Stopped. Every finished result is kept in ${terminalSafe(outputName)}. To resume, run the same command again:\n` +
    `  ${terminalSafe(['finetune-studio', 'run', ...args].map(shellWord).join(' '))}\n`
  );
}

/** A word as a POSIX shell reads it back: plain when safe, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_\-.,/:=@%+]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function linesText(lines: readonly number[]): string {
  const listed = lines.slice(0, 10).join(', ');
  const more = lines.length > 10 ? ` and ${lines.length - 10} more` : '';
  return lines.length === 1 ? `line ${listed} is` : `lines ${listed}${more} are`;
}

function isAborted(signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true;
}

function abortError(): Error {
  const error = new Error('The run was stopped.');
  error.name = 'AbortError';
  return error;
}
