import type { ConnectionRegistry } from '../../connections';
import type { Connection } from '../../core/connections';
import type { Hyperparameter, TrainingMethod } from '../../core/jobs/job';
import type { FineTuneProvider } from '../../core/jobs/provider';
import type { UploadRecords } from '../upload/uploadRecords';
import type { DatasetChoice } from './datasetChoices';
import type { StepPlace, StepResult } from './stepInput';

/** What the questions need. */
export interface DraftServices {
  readonly connections: Pick<ConnectionRegistry, 'list'>;
  readonly records: UploadRecords;
  readonly providerFor: (connection: Connection) => Promise<FineTuneProvider>;
}

/** The draft while it is being asked for: every answer so far, kept when the user goes back. */
export interface DraftAnswers {
  connection?: Connection;
  provider?: FineTuneProvider;
  model?: string;
  method?: TrainingMethod;
  custom?: boolean;
  beta?: Hyperparameter;
  nEpochs?: Hyperparameter;
  batchSize?: Hyperparameter;
  learningRateMultiplier?: Hyperparameter;
  training?: DatasetChoice;
  /** null: asked, and none. */
  validation?: DatasetChoice | null;
  suffix?: string;
  seed?: number;
  metadata?: Record<string, string>;
  trainingType?: string;
}

/** One question of the draft; skipped (and not counted in "n/m") when it does not apply to the answers so far. */
export interface DraftStep {
  readonly applies?: (answers: DraftAnswers) => boolean;
  readonly ask: (answers: DraftAnswers, place: StepPlace) => Promise<StepResult<unknown>>;
}
