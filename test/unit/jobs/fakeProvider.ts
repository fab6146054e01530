import type { FineTuneJob } from '../../../src/core/jobs/job';
import type { CreateJobRequest, FineTuneProvider, ProviderCapabilities } from '../../../src/core/jobs/provider';

/** A job with every required field, overridable. */
export function jobOf(overrides: Partial<FineTuneJob> = {}): FineTuneJob {
  return {
    id: 'ftjob-1',
    status: 'running',
    model: 'gpt-4o-mini-2024-07-18',
    createdAt: 1_700_000_000,
    method: 'supervised',
    hyperparameters: {},
    trainingFile: 'file-1',
    resultFiles: [],
    metadata: {},
    ...overrides,
  };
}

export const OPENAI_CAPABILITIES: ProviderCapabilities = {
  methods: ['supervised', 'dpo', 'reinforcement'],
  pause: true,
  trainingTypes: [],
};

const notUsed = (name: string) => () => Promise.reject(new Error(`${name} is not used by this test`));

/**
 * A provider whose create and list follow scripts: each create call takes the next step (a job to return, or an
 * error to throw, optionally after "creating" the job server-side); list returns what the server holds.
 */
export class FakeProvider implements FineTuneProvider {
  readonly capabilities = OPENAI_CAPABILITIES;
  readonly created: FineTuneJob[] = [];
  readonly createRequests: CreateJobRequest[] = [];
  listCalls = 0;
  listFailure: Error | undefined;

  constructor(private readonly createSteps: { error?: Error; createsJob?: boolean }[]) {}

  create(request: CreateJobRequest): Promise<FineTuneJob> {
    this.createRequests.push(request);
    const step = this.createSteps.shift() ?? {};
    if (step.error === undefined || step.createsJob === true) {
      this.created.push(
        jobOf({ id: `ftjob-${this.created.length + 1}`, status: 'validating_files', metadata: request.metadata }),
      );
    }
    return step.error === undefined
      ? Promise.resolve(this.created[this.created.length - 1]!)
      : Promise.reject(step.error);
  }

  list(): Promise<FineTuneJob[]> {
    this.listCalls++;
    if (this.listFailure !== undefined) return Promise.reject(this.listFailure);
    // Newest first, with someone else's job in between.
    return Promise.resolve(
      [...this.created].reverse().concat(jobOf({ id: 'ftjob-other', metadata: { fts_request: 'req_other' } })),
    );
  }

  listBaseModels = notUsed('listBaseModels');
  upload = notUsed('upload');
  fileInfo = notUsed('fileInfo');
  fileContent = notUsed('fileContent');
  retrieve = notUsed('retrieve');
  cancel = notUsed('cancel');
  pause = notUsed('pause');
  resume = notUsed('resume');
  events = notUsed('events');
  checkpoints = notUsed('checkpoints');
}
