// The simulator's models: what `GET /v1/models` lists, which endpoint each serves, and how each answers.
import type { Model } from 'openai/resources/models';
import { FAULTS } from './faults';
import type { ReplyStyle } from './replies';

export type Endpoint = 'chat' | 'completions';

export interface SimulatedModel {
  id: string;
  /** The endpoints that serve it; the other one answers 400, as a real server does. */
  endpoints: readonly Endpoint[];
  /** How it answers on each endpoint it serves. */
  style: Partial<Record<Endpoint, ReplyStyle>>;
}

/** Says in every model listing that this is not a real service. */
export const OWNED_BY = 'fine-tune-studio-simulator';
/** A fixed creation time (2024-01-01), so listings are the same on every run. */
const CREATED = 1_704_067_200;

const both: readonly Endpoint[] = ['chat', 'completions'];
const baseStyles = { chat: 'simulated-chat', completions: 'simulated-completion' } as const;

export const MODELS: readonly SimulatedModel[] = [
  { id: 'sim-chat', endpoints: ['chat'], style: { chat: 'simulated-chat' } },
  { id: 'ft:sim-chat:studio::sim001', endpoints: ['chat'], style: { chat: 'fine-tuned-chat' } },
  // A judge for the Evaluation view's LLM-as-judge: a JSON verdict to a pairwise judge prompt.
  { id: 'sim-judge', endpoints: ['chat'], style: { chat: 'pairwise-judge' } },
  { id: 'sim-completion', endpoints: ['completions'], style: { completions: 'simulated-completion' } },
  { id: 'echo', endpoints: both, style: { chat: 'echo', completions: 'echo' } },
  // Fault models answer like the base models when their fault lets a request through.
  ...[...FAULTS.keys()].map((id) => ({ id, endpoints: both, style: baseStyles })),
];

/** Base models the simulator fine-tunes (its fine-tuned models can be trained further too). */
export const FINE_TUNABLE_BASES: readonly string[] = ['sim-chat'];

/** Fine-tuning faults by base model id, listed by `GET /v1/models` so a UI can pick them (chat answers as sim-chat). */
export const FINE_TUNING_FAULT_MODELS: readonly string[] = ['fault-refuse'];

export function findModel(id: string): SimulatedModel | undefined {
  return MODELS.find((model) => model.id === id);
}

/** The fixed models plus the ones fine-tuning jobs create while the simulator runs (models and checkpoints). */
export class ModelCatalog {
  private readonly added = new Map<string, SimulatedModel>();
  private readonly faultModels: readonly SimulatedModel[] = FINE_TUNING_FAULT_MODELS.map((id) => ({
    id,
    endpoints: ['chat'],
    style: { chat: 'simulated-chat' },
  }));

  /** A model a job created: it answers chat like the simulator's other fine-tuned model. */
  addFineTuned(id: string): void {
    this.added.set(id, { id, endpoints: ['chat'], style: { chat: 'fine-tuned-chat' } });
  }

  find(id: string): SimulatedModel | undefined {
    return findModel(id) ?? this.faultModels.find((model) => model.id === id) ?? this.added.get(id);
  }

  list(): SimulatedModel[] {
    return [...MODELS, ...this.faultModels, ...this.added.values()];
  }

  /** Whether a job may train this model: a fine-tunable base, or a fine-tuned model of one. */
  isFineTunable(id: string): boolean {
    if (FINE_TUNABLE_BASES.includes(id)) return true;
    const base = /^ft:([^:]+):/.exec(id)?.[1];
    return base !== undefined && FINE_TUNABLE_BASES.includes(base) && this.find(id) !== undefined;
  }
}

export function modelObject(model: SimulatedModel): Model {
  return { id: model.id, object: 'model', created: CREATED, owned_by: OWNED_BY };
}
