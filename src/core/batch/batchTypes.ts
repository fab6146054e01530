// src/core/batch/batchTypes.ts
import type { SamplingParameters } from '../connections/buildRequest';

/** One turn of a prompt's conversation. */
export interface PromptTurn {
  readonly role: 'system' | 'user' | 'assistant';
  readonly content: string;
}

/** One prompt of a batch run. */
export interface BatchPrompt {
  /** 0-based position among the prompts of the input. */
  readonly index: number;
  /** Where it came from, for messages: "line 12", "row 5" (1-based, as editors count). */
  readonly source: string;
  /** Stable identity for resuming: the first 16 hex chars of sha256 over the canonical JSON of `turns`. */
  readonly key: string;
  /** The conversation sent to a model; ends with a user turn. */
  readonly turns: readonly PromptTurn[];
  /** The dataset's answer, when the input had one (a chat example's last assistant turn). */
  readonly reference?: string;
}

/** One model of a run, with its own parameters. */
export interface ModelSpec {
  /** Unique within the run ("gpt-4o-mini", or "gpt-4o-mini #2" when the same model runs twice). */
  readonly label: string;
  /** The connection's name (the extension's connection id, or the CLI's base URL). */
  readonly connection: string;
  readonly model: string;
  readonly parameters: SamplingParameters;
}

/** One line of a results file: one prompt asked of one model. Lossless: every view is rebuilt from these. */
export interface ResultRecord {
  readonly v: 1;
  readonly prompt: BatchPrompt;
  readonly model: ModelSpec;
  /** The exact request body sent. */
  readonly request: Record<string, unknown>;
  readonly response?: {
    readonly text: string;
    readonly finishReason: string | null;
    readonly usage?: { readonly promptTokens: number; readonly completionTokens: number; readonly totalTokens: number };
    readonly id?: string;
    readonly model?: string;
  };
  /** Request start → reply complete (or failure). */
  readonly latencyMs: number;
  readonly error?: { readonly message: string; readonly status?: number };
  /** ISO time the result was written. */
  readonly finishedAt: string;
}

/** The resume identity of a prompt asked of a model. */
export function pairKey(promptKey: string, modelLabel: string): string {
  return `${promptKey}\u0000${modelLabel}`;
}
