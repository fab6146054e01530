import * as vscode from 'vscode';
import type { FineTuneJob } from '../../core/jobs/job';
import type { ProviderCapabilities } from '../../core/jobs/provider';
import { openInPlayground } from '../actions/openInPlayground';
import { jobLabel } from '../tree/nodePresentation';

const OPEN_IN_PLAYGROUND = 'Open in Playground';
const COPY_MODEL_ID = 'Copy Model ID';
const SHOW_ERROR = 'Show Error';

/**
 * The notification when a watched job ends. Succeeded: Open in Playground and Copy Model ID (a provider whose models
 * must be deployed first, Azure, says so and offers only the copy). Failed: Show Error gives the code, message and
 * param verbatim. Resolves when the user answered or dismissed it (tests do not wait for it).
 */
export async function announceJobEnd(
  connectionId: string,
  job: FineTuneJob,
  capabilities: ProviderCapabilities | undefined,
): Promise<void> {
  const name = `Fine-tune “${jobLabel(job)}” (${job.id})`;
  if (job.status === 'succeeded') {
    const model = job.fineTunedModel;
    if (model === undefined) {
      void vscode.window.showInformationMessage(`${name} succeeded.`);
      return;
    }
    const note = capabilities?.deploymentNote;
    const buttons = note === undefined ? [OPEN_IN_PLAYGROUND, COPY_MODEL_ID] : [COPY_MODEL_ID];
    const text = note === undefined ? `${name} succeeded: ${model}` : `${name} succeeded: ${model}. ${note}`;
    const answer = await vscode.window.showInformationMessage(text, ...buttons);
    if (answer === OPEN_IN_PLAYGROUND) await openInPlayground(connectionId, job.model, model);
    if (answer === COPY_MODEL_ID) await vscode.env.clipboard.writeText(model);
    return;
  }
  if (job.status === 'failed') {
    const reason = job.error?.message ?? 'no reason given';
    const answer = await vscode.window.showErrorMessage(`${name} failed: ${reason}`, SHOW_ERROR);
    if (answer === SHOW_ERROR) await showJobError(job);
    return;
  }
  void vscode.window.showInformationMessage(`${name} was cancelled.`);
}

/** A modal with the job's error exactly as the server reported it. */
export async function showJobError(job: FineTuneJob): Promise<void> {
  const detail =
    job.error === undefined
      ? 'The server reported no error for this job.'
      : [
          `Code: ${job.error.code ?? '(none)'}`,
          `Message: ${job.error.message}`,
          `Param: ${job.error.param ?? '(none)'}`,
        ].join('\n');
  await vscode.window.showErrorMessage(`Fine-tune “${jobLabel(job)}” (${job.id}) failed`, { modal: true, detail });
}
