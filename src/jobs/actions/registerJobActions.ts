import * as path from 'node:path';
import * as vscode from 'vscode';
import { messageOf } from '../../core/errors/messageOf';
import { createJobOnce } from '../../core/jobs/createJobOnce';
import type { FineTuneJob } from '../../core/jobs/job';
import { statusGroup } from '../../core/jobs/jobState';
import type { FineTuneProvider } from '../../core/jobs/provider';
import type { JobsTreeModel } from '../tree/jobsTreeModel';
import { jobLabel } from '../tree/nodePresentation';
import type { JobsWatcher } from '../watch/jobsWatcher';
import { ensureTrustedWorkspace } from '../upload/workspaceTrust';
import { showJobError } from '../watch/jobNotifications';
import { isConfirmed, jobTargetOf, saveToOf, type JobTarget } from './jobTarget';
import { openInPlayground } from './openInPlayground';
import { openTrainingFile } from './openTrainingFile';
import { rerunRequest } from './rerunRequest';
import { saveBytesAtomically } from './saveBytes';

export interface JobActionServices {
  model: JobsTreeModel;
  watcher: JobsWatcher;
  providerFor(connectionId: string): Promise<FineTuneProvider>;
  log(line: string): void;
}

/**
 * The act commands of the Jobs view. Each takes a tree node or `{ connectionId, jobId }` (tests add `confirm: true`
 * or `saveTo`), reports failures in a message (never throws at the user), and resolves with what it did, so
 * integration tests can check it.
 */
export function registerJobActions(context: vscode.ExtensionContext, services: JobActionServices): void {
  // Ids stay literal at each registerCommand, so scripts/commandCheck.mjs sees them.
  const action =
    (name: string, run: (target: JobTarget, argument: unknown) => Promise<unknown>) =>
    async (argument?: unknown): Promise<unknown> => {
      const target = jobTargetOf(argument);
      if (target === undefined) {
        void vscode.window.showErrorMessage('Pick a fine-tuning job in the Fine-Tuning view first.');
        return undefined;
      }
      try {
        return await run(target, argument);
      } catch (error) {
        services.log(`${name} ${target.jobId} failed: ${messageOf(error)}`);
        void vscode.window.showErrorMessage(messageOf(error));
        return undefined;
      }
    };

  const jobOf = async (target: JobTarget): Promise<FineTuneJob> => {
    const known = services.model.entry(target.connectionId, target.jobId)?.job;
    if (known !== undefined) return known;
    const provider = await services.providerFor(target.connectionId);
    return provider.retrieve(target.jobId, AbortSignal.timeout(30_000));
  };

  /** Puts a job the server answered with into the tree, and polls again (an unfinished job restarts polling). */
  const apply = async (target: JobTarget, job: FineTuneJob): Promise<FineTuneJob> => {
    services.model.updateJobs(target.connectionId, [job]);
    await services.watcher.refresh(target.connectionId);
    return job;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.cancel',
      action('cancel', async (target, argument) => {
        const job = await jobOf(target);
        if (!isConfirmed(argument)) {
          const answer = await vscode.window.showWarningMessage(
            `Cancel fine-tune “${jobLabel(job)}” (${job.id})?`,
            { modal: true, detail: 'A cancelled job cannot be resumed; the steps trained so far are billed.' },
            'Cancel Job',
          );
          if (answer !== 'Cancel Job') return undefined;
        }
        const provider = await services.providerFor(target.connectionId);
        return apply(target, await provider.cancel(job.id, AbortSignal.timeout(30_000)));
      }),
    ),
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.pause',
      action('pause', async (target) => {
        const provider = await services.providerFor(target.connectionId);
        if (!provider.capabilities.pause) throw new Error('This connection’s provider cannot pause jobs.');
        return apply(target, await provider.pause(target.jobId, AbortSignal.timeout(30_000)));
      }),
    ),
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.resume',
      action('resume', async (target) => {
        const provider = await services.providerFor(target.connectionId);
        if (!provider.capabilities.pause) throw new Error('This connection’s provider cannot resume jobs.');
        const job = await provider.resume(target.jobId, AbortSignal.timeout(30_000));
        // Announced again when it ends.
        await services.watcher.watch(target.connectionId, job.id);
        return apply(target, job);
      }),
    ),
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.rerun',
      action('rerun', async (target) => {
        if (!ensureTrustedWorkspace('Creating a fine-tuning job')) return undefined;
        const job = await jobOf(target);
        const provider = await services.providerFor(target.connectionId);
        const created = await vscode.window.withProgress(
          {
            location: vscode.ProgressLocation.Notification,
            title: `Creating a rerun of “${jobLabel(job)}”…`,
            cancellable: true,
          },
          (_progress, token) => {
            const abort = new AbortController();
            token.onCancellationRequested(() => abort.abort());
            return createJobOnce(provider, rerunRequest(job), {
              signal: abort.signal,
              log: (line) => services.log(line),
            });
          },
        );
        await services.watcher.watch(target.connectionId, created.id);
        void vscode.window.showInformationMessage(
          `Created ${created.id}, a rerun of ${job.id} with the same configuration.`,
        );
        return created;
      }),
    ),
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.copyJobId',
      action('copyJobId', async (target) => {
        await vscode.env.clipboard.writeText(target.jobId);
        return target.jobId;
      }),
    ),
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.copyModelId',
      action('copyModelId', async (target) => {
        const model = target.checkpoint?.model ?? (await jobOf(target)).fineTunedModel;
        if (model === undefined) throw new Error(`Job ${target.jobId} has no fine-tuned model yet.`);
        await vscode.env.clipboard.writeText(model);
        return model;
      }),
    ),
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.openInPlayground',
      action('openInPlayground', async (target) => {
        const job = await jobOf(target);
        const fineTuned = target.checkpoint?.model ?? job.fineTunedModel;
        if (fineTuned === undefined) throw new Error(`Job ${job.id} has no fine-tuned model yet.`);
        const note = services.model.connection(target.connectionId)?.capabilities?.deploymentNote;
        if (note !== undefined) {
          const answer = await vscode.window.showInformationMessage(`${fineTuned}: ${note}`, 'Copy Model ID');
          if (answer === 'Copy Model ID') await vscode.env.clipboard.writeText(fineTuned);
          return undefined;
        }
        await openInPlayground(target.connectionId, job.model, fineTuned);
        return { base: job.model, fineTuned };
      }),
    ),
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.downloadResultFile',
      action('downloadResultFile', async (target, argument) => {
        const job = await jobOf(target);
        const fileId = target.fileId ?? (await pickResultFile(job));
        if (fileId === undefined) return undefined;
        const destination = saveToOf(argument) ?? (await askDestination(job, fileId));
        if (destination === undefined) return undefined;
        const provider = await services.providerFor(target.connectionId);
        const bytes = await provider.fileContent(fileId, AbortSignal.timeout(120_000));
        await saveBytesAtomically(destination, bytes);
        void vscode.window.showInformationMessage(
          `Saved ${fileId} to ${vscode.workspace.asRelativePath(destination)}.`,
        );
        return destination;
      }),
    ),
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.openTrainingFile',
      action('openTrainingFile', async (target) => openTrainingFile(await jobOf(target))),
    ),
    vscode.commands.registerCommand(
      'fineTuneStudio.jobs.showError',
      action('showError', async (target) => {
        const job = await jobOf(target);
        if (statusGroup(job.status) !== 'terminal-failure' && job.error === undefined)
          throw new Error(`Job ${job.id} has no error.`);
        await showJobError(job);
        return job.error;
      }),
    ),
  );
}

async function pickResultFile(job: FineTuneJob): Promise<string | undefined> {
  if (job.resultFiles.length === 0) throw new Error(`Job ${job.id} has no result files (yet).`);
  if (job.resultFiles.length === 1) return job.resultFiles[0];
  return vscode.window.showQuickPick(job.resultFiles, { title: `Result files of ${job.id}` });
}

async function askDestination(job: FineTuneJob, fileId: string): Promise<string | undefined> {
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file')?.uri;
  const name = `${job.id}-${fileId}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
  const uri = await vscode.window.showSaveDialog({
    title: `Save result file ${fileId}`,
    filters: { CSV: ['csv'] },
    ...(folder === undefined ? {} : { defaultUri: vscode.Uri.joinPath(folder, name) }),
  });
  if (uri === undefined) return undefined;
  if (uri.scheme !== 'file') throw new Error(`Result files are saved to local files; ${uri.toString()} is not one.`);
  return path.resolve(uri.fsPath);
}
