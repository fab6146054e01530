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
  { id: 'sim-completion', endpoints: ['completions'], style: { completions: 'simulated-completion' } },
  { id: 'echo', endpoints: both, style: { chat: 'echo', completions: 'echo' } },
  // Fault models answer like the base models when their fault lets a request through.
  ...[...FAULTS.keys()].map((id) => ({ id, endpoints: both, style: baseStyles })),
];

export function findModel(id: string): SimulatedModel | undefined {
  return MODELS.find((model) => model.id === id);
}

export function modelObject(model: SimulatedModel): Model {
  return { id: model.id, object: 'model', created: CREATED, owned_by: OWNED_BY };
}
