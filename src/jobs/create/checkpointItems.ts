import type * as vscode from 'vscode';
import type { FineTuneProvider } from '../../core/jobs/provider';

export interface CheckpointItem extends vscode.QuickPickItem {
  readonly model: string;
}

/** Recent jobs whose checkpoints are listed: each costs a request, and older runs are rarely continued from. */
const RECENT_JOBS = 10;

/**
 * The checkpoints of the connection's recent succeeded jobs, newest job first and its latest step first, as picker
 * items whose model id (`ft:…:ckpt-step-N`) a new job can continue from. A job whose checkpoints cannot be read is
 * left out rather than failing the list.
 */
export async function checkpointItems(provider: FineTuneProvider, signal: AbortSignal): Promise<CheckpointItem[]> {
  const jobs = (await provider.list({ signal, limit: 50 }))
    .filter((job) => job.status === 'succeeded')
    .slice(0, RECENT_JOBS);
  const perJob = await Promise.all(
    jobs.map(async (job) => {
      const checkpoints = await provider.checkpoints(job.id, signal).catch(() => []);
      return [...checkpoints]
        .sort((a, b) => b.step - a.step)
        .map((checkpoint): CheckpointItem => ({
          label: checkpoint.model,
          description: `step ${checkpoint.step} of ${job.suffix ?? job.id} (${job.model})`,
          detail: metricsText(checkpoint.metrics),
          model: checkpoint.model,
        }));
    }),
  );
  return perJob.flat();
}

function metricsText(metrics: { trainLoss?: number; validLoss?: number; fullValidLoss?: number }): string | undefined {
  const parts = [
    metrics.trainLoss === undefined ? undefined : `train loss ${metrics.trainLoss.toFixed(3)}`,
    metrics.validLoss === undefined ? undefined : `valid loss ${metrics.validLoss.toFixed(3)}`,
    metrics.fullValidLoss === undefined ? undefined : `full valid loss ${metrics.fullValidLoss.toFixed(3)}`,
  ].filter((part): part is string => part !== undefined);
  return parts.length === 0 ? undefined : parts.join(' · ');
}
