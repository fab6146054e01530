import type * as vscode from 'vscode';
import type { ConvertJob, ConvertJobResult } from '../core/worker/jobProtocol';
import { runReportedJob } from '../workers/runReportedJob';
import { describeSpec, formatConvertReport, summarizeConversion } from './convertReportText';

/** A conversion job and the words that describe it to the user. */
export interface ConversionRun {
  readonly job: ConvertJob;
  /** Progress title, e.g. "Converting data.csv to chat JSONL". */
  readonly title: string;
  /** Start of the summary message, e.g. "Converted data.csv". */
  readonly done: string;
  /** Start of the error message, naming the input, e.g. "Could not convert data.csv". */
  readonly failed: string;
}

/** Runs a conversion in the job worker and reports it (see runReportedJob); resolves with the result. */
export function runConversion(extensionUri: vscode.Uri, run: ConversionRun): Promise<ConvertJobResult | undefined> {
  return runReportedJob(extensionUri, {
    job: run.job,
    title: run.title,
    failed: run.failed,
    outcome: (result: ConvertJobResult) => ({
      summary: summarizeConversion(run.done, result),
      output: result.output,
      report: () =>
        formatConvertReport(
          [`Input: ${run.job.input}`, `Output: ${result.output ?? 'none'}`, ...describeSpec(run.job.spec)].join('\n'),
          result,
        ),
    }),
  });
}
