import type { ConnectionKind } from '../../core/connections';
import {
  fineTuningNotice,
  fineTuningRefusal,
  shutdownText,
  todayUtc,
  type FineTuningRefusal,
  type LifecycleProvider,
} from '../../core/jobs/modelLifecycle';

/**
 * What the create flow says about models and the provider's end of fine-tuning, from the one lifecycle table.
 * OpenAI's dates apply to OpenAI connections; compatible servers (local trainers, the simulator) get none, since
 * their models only share names.
 */
function lifecycleProvider(kind: ConnectionKind): LifecycleProvider | undefined {
  if (kind === 'azure') return 'azure';
  return kind === 'openai' ? 'openai' : undefined;
}

/** The shutdown line shown beside a model in the picker, when a date is published. */
export function modelShutdown(model: string, kind: ConnectionKind): string | undefined {
  const provider = lifecycleProvider(kind);
  return provider === undefined ? undefined : shutdownText(model, todayUtc(), provider);
}

/** The confirmation's lines: the base model's shutdown date and the provider's end of fine-tuning, when known. */
export function lifecycleLines(model: string, kind: ConnectionKind): string[] {
  const provider = lifecycleProvider(kind);
  if (provider === undefined) return [];
  const today = todayUtc();
  return [shutdownText(model, today, provider), fineTuningNotice(provider, today)].filter(
    (line): line is string => line !== undefined,
  );
}

/** The explanation and alternatives when the server refused fine-tuning to this organisation; else undefined. */
export function refusalOf(error: unknown): FineTuningRefusal | undefined {
  return fineTuningRefusal(error);
}
