import { basename } from 'node:path';
import * as vscode from 'vscode';
import type { CurationReport } from '../core/curate/report';
import { formatCurationReport } from '../core/curate/reportText';
import type { CurateJob } from '../core/worker/jobProtocol';
import { runJob } from '../workers/runJob';
import { openOutputIfSmall } from './outputFiles';

/** A curation job and the words that describe it to the user. */
export interface Curation {
  readonly job: CurateJob;
  /** Progress title, e.g. "Splitting data.jsonl". */
  readonly title: string;
  /** Start of the summary message, e.g. "Split data.jsonl". */
  readonly done: string;
  /** Start of the error message, naming the input, e.g. "Could not split data.jsonl". */
  readonly failed: string;
  /** First lines of the full report: what was done with which settings. */
  readonly heading: string;
}

/**
 * Runs a curation job in the worker with progress and cancel, then opens the first output and shows a summary with
 * a "Show Report" button. Resolves with the report, or undefined after telling the user it was cancelled or failed.
 * The summary message is not awaited, so the command ends without waiting for the user to dismiss it.
 */
export async function runCuration(extensionUri: vscode.Uri, curation: Curation): Promise<CurationReport | undefined> {
  let report: CurationReport;
  try {
    report = await runJob(extensionUri, curation.job, { title: curation.title });
  } catch (error) {
    if (error instanceof vscode.CancellationError) {
      void vscode.window.showInformationMessage(`${curation.title} was cancelled; no file was written.`);
    } else {
      void vscode.window.showErrorMessage(`${curation.failed}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return undefined;
  }

  const first = report.outputs[0];
  const opened = first !== undefined && (await openOutputIfSmall(first.path));
  const showReport = 'Show Report';
  const openOutput = 'Open Output';
  const buttons = first !== undefined && !opened ? [showReport, openOutput] : [showReport];
  void vscode.window.showInformationMessage(summaryOf(curation.done, report), ...buttons).then(async (choice) => {
    if (choice === showReport) await showFullReport(curation.heading, report);
    else if (choice === openOutput && first !== undefined) await vscode.window.showTextDocument(vscode.Uri.file(first.path));
  });
  return report;
}

/** One line with every count, so nothing read goes unaccounted for. */
function summaryOf(done: string, report: CurationReport): string {
  const written = report.outputs.map((output) => `${output.lines} to ${basename(output.path)}`).join(' and ');
  const parts = [`read ${report.read} ${report.read === 1 ? 'line' : 'lines'}`, `wrote ${written || 'nothing'}`, `skipped ${report.skippedCount}`];
  // Sampling leaves examples out without listing them; say how many.
  const notChosen = report.read - report.written - report.skippedCount;
  if (notChosen > 0) parts.push(`${notChosen} not chosen`);
  if (report.warningCount > 0) parts.push(`${report.warningCount} ${report.warningCount === 1 ? 'warning' : 'warnings'}`);
  return `${done}: ${parts.join('; ')}.`;
}

async function showFullReport(heading: string, report: CurationReport): Promise<void> {
  // Every note the report kept (it caps its lists); the text says how many more there were.
  const content = `${heading}\n\n${formatCurationReport(report, Number.MAX_SAFE_INTEGER)}`;
  const document = await vscode.workspace.openTextDocument({ content, language: 'plaintext' });
  await vscode.window.showTextDocument(document, { preview: true });
}
