// One simulated fine-tuning job moving through its life on a timer, one step per `stepMs`: validating_files →
// queued → running (a metrics event per training step, a checkpoint per epoch) → succeeded with a model, its
// checkpoints and a result CSV; or failed (suffix `fault-fail`), or cancelled. Pause stops the clock; resume restarts it.
import { randomInt } from 'node:crypto';
import type { FineTuningJobCheckpoint } from 'openai/resources/fine-tuning/jobs/checkpoints';
import type { FineTuningJob, FineTuningJobEvent } from 'openai/resources/fine-tuning/jobs/jobs';
import { invalidParameter, type ErrorReply } from './errors';
import type { FileStore } from './fileStore';
import { randomId } from './ids';
import type { JobRequest, RequestedHyperparameters } from './jobRequest';
import type { ModelCatalog } from './models';
import { metricsAt, resultCsv, type StepMetricsData } from './trainingCurve';
import { checkTrainingFile } from './trainingFile';

/** The SDK's job with the statuses it does not list yet (`paused`) and Azure's `trainingType`. */
export type SimulatedJob = Omit<FineTuningJob, 'status'> & {
  status: FineTuningJob['status'] | 'paused';
  /** The real API reports the suffix asked for; the SDK's type does not list it. */
  user_provided_suffix?: string | null;
  trainingType?: string;
};

export interface JobRunContext {
  files: FileStore;
  models: ModelCatalog;
  stepMs: number;
  maxStepsPerEpoch: number;
}

/** What `auto` becomes once the job has read its training file. */
const AUTO = { n_epochs: 3, batch_size: 1, learning_rate_multiplier: 1.8, beta: 0.1 } as const;
/** The API keeps the checkpoints of the last three epochs. */
const CHECKPOINTS_KEPT = 3;
const ORGANIZATION = 'org-simulator';

const now = (): number => Math.floor(Date.now() / 1000);

interface Plan {
  epochs: number;
  stepsPerEpoch: number;
  totalSteps: number;
  /** Rough tokens of the training file (bytes / 4), times the epochs, is what the job reports as trained. */
  fileTokens: number;
}

export class JobRun {
  readonly job: SimulatedJob;
  /** Oldest first. */
  readonly events: FineTuningJobEvent[] = [];
  /** Oldest first; only the last three epochs' are kept. */
  readonly checkpoints: FineTuningJobCheckpoint[] = [];
  private readonly rows: StepMetricsData[] = [];
  private readonly modelId: string;
  private plan: Plan | undefined;
  private step = 0;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    request: JobRequest,
    private readonly context: JobRunContext,
  ) {
    const id = `ftjob-${randomId(24)}`;
    const base = /^ft:([^:]+):/.exec(request.model)?.[1] ?? request.model;
    this.modelId = `ft:${base}:sim:${request.suffix ?? ''}:${id.slice(-8).toLowerCase()}`;
    const hyperparameters = { ...request.hyperparameters };
    this.job = {
      id,
      object: 'fine_tuning.job',
      created_at: now(),
      error: null,
      fine_tuned_model: null,
      finished_at: null,
      hyperparameters: legacyHyperparameters(hyperparameters),
      model: request.model,
      organization_id: ORGANIZATION,
      result_files: [],
      // Like the API: a job asked for no seed still reports the one it used.
      seed: request.seed ?? randomInt(2 ** 31 - 1),
      status: 'validating_files',
      trained_tokens: null,
      training_file: request.trainingFile,
      validation_file: request.validationFile,
      estimated_finish: null,
      integrations: null,
      metadata: request.metadata,
      method: methodOf(request.method, hyperparameters),
      ...(request.suffix !== null ? { user_provided_suffix: request.suffix } : {}),
      ...(request.trainingType !== undefined ? { trainingType: request.trainingType } : {}),
    };
    this.addEvent(`Created fine-tuning job: ${id}`);
    this.addEvent(`Validating training file: ${request.trainingFile}`);
    this.schedule();
  }

  private get suffix(): string {
    return this.job.user_provided_suffix ?? '';
  }

  cancel(): SimulatedJob | ErrorReply {
    if (isFinished(this.job.status)) {
      return invalidParameter(null, `Job ${this.job.id} has already finished (${this.job.status}).`);
    }
    this.clearTimer();
    this.finish('cancelled');
    this.addEvent('Fine-tuning job cancelled');
    return this.job;
  }

  pause(): SimulatedJob | ErrorReply {
    if (this.job.status !== 'running') {
      return invalidParameter(null, `Job ${this.job.id} cannot be paused: its status is ${this.job.status}.`);
    }
    this.clearTimer();
    this.job.status = 'paused';
    this.job.estimated_finish = null;
    this.addEvent('Fine-tuning job paused');
    return this.job;
  }

  resume(): SimulatedJob | ErrorReply {
    if (this.job.status !== 'paused') {
      return invalidParameter(null, `Job ${this.job.id} cannot be resumed: its status is ${this.job.status}.`);
    }
    this.job.status = 'running';
    this.addEvent('Fine-tuning job resumed');
    this.estimateFinish();
    this.schedule();
    return this.job;
  }

  /** Stops the clock for good (the simulator is closing). */
  stop(): void {
    this.stopped = true;
    this.clearTimer();
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.advance().then(
        () => {
          if (this.job.status === 'validating_files' || this.job.status === 'queued' || this.job.status === 'running') {
            this.schedule();
          }
        },
        (error: unknown) =>
          this.fail('server_error', `The job failed due to an internal error: ${String(error)}`, null),
      );
    }, this.context.stepMs);
  }

  private clearTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async advance(): Promise<void> {
    switch (this.job.status) {
      case 'validating_files':
        return this.validate();
      case 'queued':
        this.job.status = 'running';
        this.addEvent('Fine-tuning job started');
        this.estimateFinish();
        return;
      case 'running':
        return this.trainStep();
    }
  }

  private async validate(): Promise<void> {
    const file = this.context.files.get(this.job.training_file);
    if (!file) {
      this.fail('invalid_training_file', `Training file ${this.job.training_file} was deleted.`, 'training_file');
      return;
    }
    const { lines: examples, badLine } = await checkTrainingFile(this.context.files, file);
    if (this.stopped || this.job.status !== 'validating_files') return;
    if (badLine !== undefined) {
      this.fail(
        'invalid_training_file',
        `The job failed due to an invalid training file. Invalid file format: line ${badLine} is not a JSON object.`,
        'training_file',
      );
      return;
    }
    if (examples === 0) {
      this.fail('invalid_training_file', `Training file ${this.job.training_file} has no examples.`, 'training_file');
      return;
    }
    const resolved = this.resolveHyperparameters();
    const batches = Math.ceil(examples / Number(resolved.batch_size));
    const stepsPerEpoch = Math.max(1, Math.min(batches, this.context.maxStepsPerEpoch));
    const epochs = Number(resolved.n_epochs);
    this.plan = {
      epochs,
      stepsPerEpoch,
      totalSteps: epochs * stepsPerEpoch,
      fileTokens: Math.ceil(file.object.bytes / 4),
    };
    this.job.status = 'queued';
    this.addEvent('Files validated, moving job to queued state');
  }

  private resolveHyperparameters(): RequestedHyperparameters {
    const method = this.job.method;
    const type = method?.type === 'dpo' ? 'dpo' : 'supervised';
    const asked = (method?.[type]?.hyperparameters ?? {}) as Partial<RequestedHyperparameters>;
    const resolved: RequestedHyperparameters = {
      n_epochs: asked.n_epochs === 'auto' || asked.n_epochs === undefined ? AUTO.n_epochs : asked.n_epochs,
      batch_size: asked.batch_size === 'auto' || asked.batch_size === undefined ? AUTO.batch_size : asked.batch_size,
      learning_rate_multiplier:
        asked.learning_rate_multiplier === 'auto' || asked.learning_rate_multiplier === undefined
          ? AUTO.learning_rate_multiplier
          : asked.learning_rate_multiplier,
      ...(type === 'dpo' ? { beta: asked.beta === 'auto' || asked.beta === undefined ? AUTO.beta : asked.beta } : {}),
    };
    this.job.method = methodOf(type, resolved);
    this.job.hyperparameters = legacyHyperparameters(resolved);
    return resolved;
  }

  private async trainStep(): Promise<void> {
    const plan = this.plan;
    if (!plan || this.step >= plan.totalSteps) return;
    this.step += 1;
    const metrics = metricsAt(this.step, {
      totalSteps: plan.totalSteps,
      hasValidation: this.job.validation_file !== null,
      overfit: this.suffix.includes('overfit'),
    });
    this.rows.push(metrics);
    const validation = metrics.valid_loss === undefined ? '' : `, validation loss=${metrics.valid_loss.toFixed(4)}`;
    this.addEvent(
      `Step ${this.step}/${plan.totalSteps}: training loss=${metrics.train_loss.toFixed(4)}${validation}`,
      'info',
      { type: 'metrics', data: metrics },
    );
    if (this.suffix.includes('fault-fail') && this.step === Math.ceil(plan.totalSteps / 2)) {
      this.fail(
        'invalid_training_file',
        `The job failed due to an invalid training file: the example on line 2 of ${this.job.training_file} has no assistant message to learn from (simulated failure: suffix fault-fail).`,
        'training_file',
      );
      return;
    }
    if (this.step % plan.stepsPerEpoch === 0) this.addCheckpoint(metrics);
    this.estimateFinish();
    if (this.step === plan.totalSteps) await this.succeed(plan);
  }

  private addCheckpoint(metrics: StepMetricsData): void {
    const model = `${this.modelId}:ckpt-step-${metrics.step}`;
    this.context.models.addFineTuned(model);
    const { step, train_loss, train_mean_token_accuracy, valid_loss, valid_mean_token_accuracy } = metrics;
    const reported = { step, train_loss, train_mean_token_accuracy, valid_loss, valid_mean_token_accuracy };
    this.checkpoints.push({
      id: `ftckpt_${randomId(24)}`,
      object: 'fine_tuning.job.checkpoint',
      created_at: now(),
      fine_tuned_model_checkpoint: model,
      fine_tuning_job_id: this.job.id,
      step_number: metrics.step,
      metrics: {
        ...reported,
        ...(metrics.valid_loss !== undefined
          ? { full_valid_loss: metrics.valid_loss, full_valid_mean_token_accuracy: metrics.valid_mean_token_accuracy }
          : {}),
      },
    });
    if (this.checkpoints.length > CHECKPOINTS_KEPT) this.checkpoints.shift();
    this.addEvent(`Checkpoint created at step ${metrics.step}`);
  }

  private async succeed(plan: Plan): Promise<void> {
    const segment = await this.context.files.writeSegment(resultCsv(this.rows));
    if (this.stopped || this.job.status !== 'running') return;
    const result = this.context.files.add({ filename: 'step_metrics.csv', purpose: 'fine-tune-results' }, [segment]);
    this.context.models.addFineTuned(this.modelId);
    this.job.result_files = [result.id];
    this.job.trained_tokens = plan.fileTokens * plan.epochs;
    this.job.fine_tuned_model = this.modelId;
    this.addEvent(`New fine-tuned model created: ${this.modelId}`);
    this.finish('succeeded');
    this.addEvent('The job has successfully completed');
  }

  private fail(code: string, message: string, param: string | null): void {
    this.clearTimer();
    this.job.error = { code, message, param };
    this.finish('failed');
    this.addEvent(`Fine-tuning job failed: ${message}`, 'error');
  }

  private finish(status: 'succeeded' | 'failed' | 'cancelled'): void {
    this.job.status = status;
    this.job.finished_at = now();
    this.job.estimated_finish = null;
  }

  private estimateFinish(): void {
    const remaining = (this.plan?.totalSteps ?? 0) - this.step;
    this.job.estimated_finish = now() + Math.ceil((remaining * this.context.stepMs) / 1000);
  }

  private addEvent(
    message: string,
    level: FineTuningJobEvent['level'] = 'info',
    extra: { type: 'metrics'; data: StepMetricsData } | undefined = undefined,
  ): void {
    this.events.push({
      id: `ftevent-${randomId(24)}`,
      object: 'fine_tuning.job.event',
      created_at: now(),
      level,
      message,
      ...(extra ?? { type: 'message', data: {} }),
    });
  }
}

export function isFinished(status: SimulatedJob['status']): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

function legacyHyperparameters(hyperparameters: RequestedHyperparameters): FineTuningJob.Hyperparameters {
  const { n_epochs, batch_size, learning_rate_multiplier } = hyperparameters;
  return { n_epochs, batch_size, learning_rate_multiplier };
}

function methodOf(type: 'supervised' | 'dpo', hyperparameters: RequestedHyperparameters): FineTuningJob.Method {
  if (type === 'dpo') return { type, dpo: { hyperparameters } };
  const { n_epochs, batch_size, learning_rate_multiplier } = hyperparameters;
  return { type, supervised: { hyperparameters: { n_epochs, batch_size, learning_rate_multiplier } } };
}
