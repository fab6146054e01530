import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FineTuneJob } from '../../core/jobs/job';
import { readLineage, sha256OfFile } from '../../core/jobs/lineage';

/** Files compared by hash at most, when the named path does not hold the training file. */
const MAX_CANDIDATES = 50;

/**
 * Opens the training file a job was made from, found through the lineage in its metadata: the workspace-relative
 * name first, then any workspace file with the same base name; a file counts only when its sha256 matches the one
 * the job carries (when it carries one). Says what it could not find, never guesses silently.
 */
export async function openTrainingFile(job: FineTuneJob): Promise<void> {
  const lineage = readLineage(job.metadata);
  if (lineage.fileName === undefined) {
    void vscode.window.showInformationMessage(
      `Job ${job.id} carries no lineage (it was not created by Fine-Tune Studio): its training file is ${job.trainingFile} on the server.`,
    );
    return;
  }
  const candidates = await candidateFiles(lineage.fileName);
  const matches = async (uri: vscode.Uri) =>
    lineage.contentHash === undefined ||
    (await sha256OfFile(uri.fsPath).catch(() => undefined)) === lineage.contentHash;
  for (const uri of candidates) {
    if (!(await matches(uri))) continue;
    await vscode.window.showTextDocument(uri, { preview: false });
    return;
  }
  const named = candidates[0];
  if (named === undefined) {
    void vscode.window.showWarningMessage(
      `The training file of job ${job.id}, “${lineage.fileName}”, is not in this workspace.`,
    );
    return;
  }
  const answer = await vscode.window.showWarningMessage(
    `“${vscode.workspace.asRelativePath(named)}” has changed since job ${job.id} was trained on it (its content hash differs).`,
    'Open Anyway',
  );
  if (answer === 'Open Anyway') await vscode.window.showTextDocument(named, { preview: false });
}

/** The file at the recorded workspace-relative path first, then other workspace files with the same base name. */
async function candidateFiles(fileName: string): Promise<vscode.Uri[]> {
  const found: vscode.Uri[] = [];
  const seen = new Set<string>();
  const add = (uri: vscode.Uri) => {
    if (seen.has(uri.toString())) return;
    seen.add(uri.toString());
    found.push(uri);
  };
  const relative = fileName.replace(/\\/g, '/');
  for (const folder of vscode.workspace.workspaceFolders ?? []) {
    if (path.isAbsolute(relative) || relative.split('/').includes('..')) break;
    const uri = vscode.Uri.joinPath(folder.uri, relative);
    if (await exists(uri)) add(uri);
  }
  const base = path.posix.basename(relative);
  if (base !== '' && !/[*?{}[\]]/.test(base))
    for (const uri of await vscode.workspace.findFiles(`**/${base}`, undefined, MAX_CANDIDATES)) add(uri);
  return found;
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    return (await vscode.workspace.fs.stat(uri)).type === vscode.FileType.File;
  } catch {
    return false;
  }
}
