import { basename } from 'node:path';
import type * as vscode from 'vscode';
import type { CurationReport } from '../core/curate/report';
import { formatCurationReport } from '../core/curate/reportText';
import type { CurateTask } from '../core/worker/taskProtocol';
import { runReportedTask } from '../workers/runReportedTask';
import { plural } from '../core/text/plural';

/** A curation task and the words that describe it to the user. */
export interface Curation {
  readonly task: CurateTask;
  /** Progress title, e.g. "Splitting data.jsonl". */
  readonly title: string;
  /** Start of the summary message, e.g. "Split data.jsonl". */
  readonly done: string;
  /** Start of the error message, naming the input, e.g. "Could not split data.jsonl". */
  readonly failed: string;
  /** First lines of the full report: what was done with which settings. */
  readonly heading: string;
}

/** Runs a curation task in the worker and reports it (see runReportedTask); resolves with the report. */
export function runCuration(extensionUri: vscode.Uri, curation: Curation): Promise<CurationReport | undefined> {
  return runReportedTask(extensionUri, {
    task: curation.task,
    title: curation.title,
    failed: curation.failed,
    outcome: (report: CurationReport) => ({
      summary: summaryOf(curation.done, report),
      output: report.outputs[0]?.path,
      // Every note the report kept (it caps its lists); the text says how many more there were.
      report: () => `${curation.heading}\n\n${formatCurationReport(report, Number.MAX_SAFE_INTEGER)}`,
    }),
  });
}

/** One line with every count, so nothing read goes unaccounted for. */
function summaryOf(done: string, report: CurationReport): string {
  const written = report.outputs.map((output) => `${output.lines} to ${basename(output.path)}`).join(' and ');
  const parts = [
    `read ${plural(report.read, 'line')}`,
    `wrote ${written || 'nothing'}`,
    `skipped ${report.skippedCount}`,
  ];
  // Sampling leaves examples out without listing them; say how many.
  const notChosen = report.read - report.written - report.skippedCount;
  if (notChosen > 0) parts.push(`${notChosen} not chosen`);
  if (report.warningCount > 0) parts.push(plural(report.warningCount, 'warning'));
  return `${done}: ${parts.join('; ')}.`;
}
