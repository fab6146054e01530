import type * as vscode from 'vscode';
import type { ConvertTask, ConvertTaskResult } from '../core/worker/taskProtocol';
import { runReportedTask } from '../workers/runReportedTask';
import { formatConvertReport, summarizeConversion } from '../core/convert/reportText';

/** A conversion task and the words that describe it to the user. */
export interface ConversionRun {
  readonly task: ConvertTask;
  /** Progress title, e.g. "Converting data.csv to chat JSONL". */
  readonly title: string;
  /** Start of the summary message, e.g. "Converted data.csv". */
  readonly done: string;
  /** Start of the error message, naming the input, e.g. "Could not convert data.csv". */
  readonly failed: string;
}

/** Runs a conversion in the task worker and reports it (see runReportedTask); resolves with the result. */
export function runConversion(extensionUri: vscode.Uri, run: ConversionRun): Promise<ConvertTaskResult | undefined> {
  return runReportedTask(extensionUri, {
    task: run.task,
    title: run.title,
    failed: run.failed,
    outcome: (result: ConvertTaskResult) => ({
      summary: summarizeConversion(run.done, result),
      output: result.output,
      report: () =>
        formatConvertReport(
          run.task.input,
          run.task.spec,
          result,
          run.task.encoding === undefined ? {} : { encoding: run.task.encoding },
        ),
    }),
  });
}
