import type { CompatiblePresetId, ConnectionKind } from '../core/connections';

/**
 * Answers a caller (tests, other features) may pass as a connection command's argument. When given, the command
 * asks nothing: missing answers take their defaults, and problems are shown instead of asked about again.
 */
export interface ConnectionAnswers {
  /** The connection a command acts on (Edit, Remove, Test, Set/Clear API Key); Add makes a new id when absent. */
  readonly id?: string;
  readonly kind?: ConnectionKind;
  /** Compatible servers: the preset whose default URL is used when `baseUrl` is absent. */
  readonly preset?: CompatiblePresetId;
  readonly name?: string;
  /** As typed: normalised by the core before it is stored. */
  readonly baseUrl?: string;
  readonly organization?: string;
  readonly project?: string;
  /** Azure: a dated API version; absent or empty means the v1 API. */
  readonly apiVersion?: string;
  /** Add and Set API Key: the key to store in SecretStorage. */
  readonly apiKey?: string;
  /** Remove: the command removes without asking only when this is true. */
  readonly confirm?: boolean;
}

const ANSWER_KEYS: readonly (keyof ConnectionAnswers)[] = [
  'id',
  'kind',
  'preset',
  'name',
  'baseUrl',
  'organization',
  'project',
  'apiVersion',
  'apiKey',
  'confirm',
];

/** The answers in a command's first argument: an object with at least one known answer, else none (ask). */
export function connectionAnswers(argument: unknown): ConnectionAnswers | undefined {
  if (typeof argument !== 'object' || argument === null) return undefined;
  return ANSWER_KEYS.some((key) => key in argument) ? argument : undefined;
}
