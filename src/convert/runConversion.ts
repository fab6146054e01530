import * as vscode from 'vscode';
import type { ConvertJob, ConvertJobResult } from '../core/worker/jobProtocol';
import { openOutputIfSmall } from '../curate/outputFiles';
import { runJob } from '../workers/runJob';
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

/**
 * Runs a conversion in the job worker with progress and cancel, opens the output (the diagnostics then validate it)
 * and shows a summary with a "Show Report" button. Resolves with the result, or undefined after telling the user
 * it was cancelled or failed. The summary is not awaited, so the command ends without waiting for the user.
 */
export async function runConversion(extensionUri: vscode.Uri, run: ConversionRun): Promise<ConvertJobResult | undefined> {
  let result: ConvertJobResult;
  try {
    result = await runJob(extensionUri, run.job, { title: run.title });
  } catch (error) {
    if (error instanceof vscode.CancellationError) {
      void vscode.window.showInformationMessage(`${run.title} was cancelled; no file was written.`);
    } else {
      void vscode.window.showErrorMessage(`${run.failed}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return undefined;
  }

  const output = result.output;
  const opened = output !== undefined && (await openOutputIfSmall(output));
  const showReport = 'Show Report';
  const openOutput = 'Open Output';
  const buttons = output !== undefined && !opened ? [showReport, openOutput] : [showReport];
  const summary = summarizeConversion(run.done, result);
  const message = output === undefined ? vscode.window.showWarningMessage(summary, ...buttons) : vscode.window.showInformationMessage(summary, ...buttons);
  void message.then(async (choice) => {
    if (choice === showReport) await showFullReport(run, result);
    else if (choice === openOutput && output !== undefined) await vscode.window.showTextDocument(vscode.Uri.file(output));
  });
  return result;
}

async function showFullReport(run: ConversionRun, result: ConvertJobResult): Promise<void> {
  const heading = [`Input: ${run.job.input}`, `Output: ${result.output ?? 'none'}`, ...describeSpec(run.job.spec)].join('\n');
  const document = await vscode.workspace.openTextDocument({ content: formatConvertReport(heading, result), language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: true });
}
