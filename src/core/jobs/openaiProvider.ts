/**
 * FineTuneProvider over the openai SDK, for OpenAI, Azure OpenAI (the same surface at `<endpoint>/openai/v1`, plus
 * Azure's `trainingType` body field) and compatible servers such as the simulator. The client comes from the
 * connections layer (createClient), so keys, headers and URLs follow its rules; every failure is a ProviderError
 * whose message comes from describeError.
 */

import type OpenAI from 'openai';
import type { JobCreateParams } from 'openai/resources/fine-tuning/jobs/jobs';
import { endpointUrl } from '../connections/baseUrl';
import type { ConnectionKind } from '../connections/connection';
import { AZURE_DEPLOYMENT_NOTE } from './azureDeployment';
import { fineTunableModels } from './fineTunableModels';
import type { FineTuneJob, Hyperparameters, JobCheckpoint, JobEvent, TrainingMethod, UploadedFile } from './job';
import { mapCheckpoint, mapEvent, mapFile, mapJob } from './mapJob';
import type {
  CreateJobRequest,
  FineTuneProvider,
  ListOptions,
  ProviderCapabilities,
  UploadOptions,
  UploadSource,
} from './provider';
import { toProviderError } from './providerError';
import { DEFAULT_UPLOAD_TUNING, uploadFile, type UploadTuning } from './uploadFile';

export const AZURE_TRAINING_TYPES = ['GlobalStandard', 'Standard', 'Developer'];

/** The API pages lists by at most this many. */
const PAGE_LIMIT = 100;
/** Events read when no `since` is given, and at most when it is (a `since` the server no longer has). */
const DEFAULT_EVENT_LIMIT = 100;
const MAX_EVENTS_SINCE = 1000;
const DEFAULT_JOB_LIMIT = 20;
const MAX_CHECKPOINTS = 100;

export interface OpenAIProviderOptions {
  kind: ConnectionKind;
  /** Upload limits and pacing; tests lower the Files API threshold to exercise the Uploads API with small files. */
  upload?: Partial<UploadTuning>;
}

export function capabilitiesFor(kind: ConnectionKind): ProviderCapabilities {
  switch (kind) {
    case 'azure':
      // Azure's docs do not promise pause and resume for its fine-tuning jobs: not offered until they do.
      return {
        methods: ['supervised', 'dpo'],
        pause: false,
        trainingTypes: [...AZURE_TRAINING_TYPES],
        deploymentNote: AZURE_DEPLOYMENT_NOTE,
      };
    // Reinforcement fine-tuning needs a grader, which the create flow cannot set up yet: not offered until it can
    // (a job without one is refused by the API).
    case 'openai':
      return { methods: ['supervised', 'dpo'], pause: true, trainingTypes: [] };
    case 'compatible':
      // A compatible server answers what it does not support with an error the user sees.
      return { methods: ['supervised', 'dpo'], pause: true, trainingTypes: [] };
  }
}

export class OpenAIProvider implements FineTuneProvider {
  readonly capabilities: ProviderCapabilities;
  private readonly tuning: UploadTuning;

  constructor(
    private readonly client: OpenAI,
    private readonly options: OpenAIProviderOptions,
  ) {
    this.capabilities = capabilitiesFor(options.kind);
    this.tuning = { ...DEFAULT_UPLOAD_TUNING, ...options.upload };
  }

  listBaseModels(signal: AbortSignal): Promise<string[]> {
    return this.call('models', async () => {
      const models = [];
      for await (const model of this.client.models.list({ signal })) models.push(model);
      return fineTunableModels(models, this.options.kind);
    });
  }

  upload(source: UploadSource, options: UploadOptions): Promise<UploadedFile> {
    return uploadFile(this.client, source, options, this.tuning);
  }

  async fileInfo(fileId: string, signal: AbortSignal): Promise<UploadedFile | undefined> {
    try {
      return mapFile(await this.client.files.retrieve(fileId, { signal }));
    } catch (error) {
      const wrapped = toProviderError(error, this.url(`files/${fileId}`), this.secrets());
      if (wrapped.status === 404) return undefined;
      throw wrapped;
    }
  }

  fileContent(fileId: string, signal: AbortSignal): Promise<Uint8Array> {
    return this.call(`files/${fileId}/content`, async () => {
      const response = await this.client.files.content(fileId, { signal });
      return new Uint8Array(await response.arrayBuffer());
    });
  }

  create(request: CreateJobRequest, signal: AbortSignal): Promise<FineTuneJob> {
    return this.call('fine_tuning/jobs', async () =>
      mapJob(await this.client.fineTuning.jobs.create(this.createBody(request), { signal, maxRetries: 0 })),
    );
  }

  list(options: ListOptions): Promise<FineTuneJob[]> {
    const limit = Math.max(1, options.limit ?? DEFAULT_JOB_LIMIT);
    return this.call('fine_tuning/jobs', async () => {
      const jobs: FineTuneJob[] = [];
      const pages = this.client.fineTuning.jobs.list(
        { limit: Math.min(limit, PAGE_LIMIT) },
        { signal: options.signal },
      );
      for await (const job of pages) {
        jobs.push(mapJob(job));
        if (jobs.length >= limit) break;
      }
      return jobs;
    });
  }

  retrieve(jobId: string, signal: AbortSignal): Promise<FineTuneJob> {
    return this.call(`fine_tuning/jobs/${jobId}`, async () =>
      mapJob(await this.client.fineTuning.jobs.retrieve(jobId, { signal })),
    );
  }

  cancel(jobId: string, signal: AbortSignal): Promise<FineTuneJob> {
    return this.call(`fine_tuning/jobs/${jobId}/cancel`, async () =>
      mapJob(await this.client.fineTuning.jobs.cancel(jobId, { signal })),
    );
  }

  pause(jobId: string, signal: AbortSignal): Promise<FineTuneJob> {
    return this.call(`fine_tuning/jobs/${jobId}/pause`, async () =>
      mapJob(await this.client.fineTuning.jobs.pause(jobId, { signal })),
    );
  }

  resume(jobId: string, signal: AbortSignal): Promise<FineTuneJob> {
    return this.call(`fine_tuning/jobs/${jobId}/resume`, async () =>
      mapJob(await this.client.fineTuning.jobs.resume(jobId, { signal })),
    );
  }

  /** Pages from the newest event back until `since` (not included) or `limit` events. */
  events(jobId: string, options: { signal: AbortSignal; since?: string; limit?: number }): Promise<JobEvent[]> {
    const limit = Math.max(1, options.limit ?? (options.since === undefined ? DEFAULT_EVENT_LIMIT : MAX_EVENTS_SINCE));
    return this.call(`fine_tuning/jobs/${jobId}/events`, async () => {
      const events: JobEvent[] = [];
      const pages = this.client.fineTuning.jobs.listEvents(
        jobId,
        { limit: Math.min(limit, PAGE_LIMIT) },
        { signal: options.signal },
      );
      for await (const event of pages) {
        if (options.since !== undefined && event.id === options.since) break;
        events.push(mapEvent(event));
        if (events.length >= limit) break;
      }
      return events;
    });
  }

  checkpoints(jobId: string, signal: AbortSignal): Promise<JobCheckpoint[]> {
    return this.call(`fine_tuning/jobs/${jobId}/checkpoints`, async () => {
      const checkpoints: JobCheckpoint[] = [];
      const pages = this.client.fineTuning.jobs.checkpoints.list(jobId, { limit: PAGE_LIMIT }, { signal });
      for await (const checkpoint of pages) {
        checkpoints.push(mapCheckpoint(checkpoint));
        if (checkpoints.length >= MAX_CHECKPOINTS) break;
      }
      return checkpoints;
    });
  }

  /** The create body: hyperparameters inside `method` (the top-level field is deprecated), Azure's training type. */
  private createBody(request: CreateJobRequest): JobCreateParams {
    const body: JobCreateParams & { trainingType?: string } = {
      model: request.model,
      training_file: request.trainingFile,
      method: methodOf(request.method, request.hyperparameters),
      metadata: { ...request.metadata },
    };
    if (request.validationFile !== undefined) body.validation_file = request.validationFile;
    if (request.suffix !== undefined && request.suffix !== '') body.suffix = request.suffix;
    if (request.seed !== undefined) body.seed = request.seed;
    if (request.trainingType !== undefined && this.options.kind === 'azure') body.trainingType = request.trainingType;
    return body;
  }

  private async call<T>(path: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw toProviderError(error, this.url(path), this.secrets());
    }
  }

  private url(path: string): string {
    return endpointUrl(this.client.baseURL, path);
  }

  private secrets(): (string | null)[] {
    return [this.client.apiKey];
  }
}

function methodOf(method: TrainingMethod, hyperparameters: Hyperparameters): JobCreateParams.Method {
  const common: Record<string, 'auto' | number> = {};
  if (hyperparameters.nEpochs !== undefined) common.n_epochs = hyperparameters.nEpochs;
  if (hyperparameters.batchSize !== undefined) common.batch_size = hyperparameters.batchSize;
  if (hyperparameters.learningRateMultiplier !== undefined)
    common.learning_rate_multiplier = hyperparameters.learningRateMultiplier;
  switch (method) {
    case 'supervised':
      return { type: 'supervised', supervised: { hyperparameters: common } };
    case 'dpo':
      return {
        type: 'dpo',
        dpo: {
          hyperparameters: hyperparameters.beta === undefined ? common : { ...common, beta: hyperparameters.beta },
        },
      };
    case 'reinforcement':
      // The grader is not part of CreateJobRequest yet; the API names the missing parameter in its 400.
      return { type: 'reinforcement', reinforcement: { hyperparameters: common } as never };
  }
}
