import type { Connection } from '../../core/connections';
import type { Hyperparameters, TrainingMethod } from '../../core/jobs/job';
import type { FineTuneProvider } from '../../core/jobs/provider';
import type { DatasetChoice } from './datasetChoices';

/** Everything "Create Fine-Tuning Job…" asks for, before any file is uploaded. */
export interface JobDraft {
  readonly connection: Connection;
  readonly provider: FineTuneProvider;
  readonly model: string;
  readonly method: TrainingMethod;
  /** `beta` only for DPO. */
  readonly hyperparameters: Hyperparameters;
  readonly training: DatasetChoice;
  readonly validation?: DatasetChoice;
  readonly suffix?: string;
  readonly seed?: number;
  /** The user's pairs; lineage is added at launch. */
  readonly metadata: Readonly<Record<string, string>>;
  readonly trainingType?: string;
}
