/**
 * One LLM-as-judge run over a set of prompts: each pair of answers is put to the judge model (order randomised per
 * prompt by the seed), its verdict parsed, and one judgement record handed on per prompt — a few requests at a time.
 * No vscode here: the session supplies the client and keeps the records.
 */
import type OpenAI from 'openai';
import type { BatchPrompt } from '../core/batch/batchTypes';
import { buildJudgeRequest, parseJudgeVerdict } from '../core/batch/judgePrompt';
import { outcomeOfVerdict, type PairwiseOutcome } from '../core/batch/winRate';
import { describeError, requestUrl } from '../core/connections';
import type { JudgeProgress } from '../protocol/evaluation';
import type { JudgementRecord } from './sidecars';

/** Judge requests in flight at once: enough to be quick, few enough not to trip a rate limit at once. */
export const JUDGE_CONCURRENCY = 4;
/** Every judging run uses the same seed, so a rerun shows each prompt's answers in the same order. */
const JUDGE_SEED = 13;

/** One prompt to judge: the answers of models `a` and `b`. */
export interface JudgeItem {
  readonly prompt: BatchPrompt;
  readonly textA: string;
  readonly textB: string;
}

export interface JudgeRunOptions {
  readonly client: OpenAI;
  readonly model: string;
  readonly rubric: string;
  /** The model labels compared, and the judge's name as the records keep it. */
  readonly a: string;
  readonly b: string;
  readonly judge: string;
  readonly items: readonly JudgeItem[];
  readonly signal: AbortSignal;
  readonly now: () => Date;
  /** Keeps a judgement (appends it to the sidecar); the run waits for it. */
  readonly record: (record: JudgementRecord) => Promise<void>;
  readonly stream: (progress: JudgeProgress) => void;
}

/** Judges every item (until aborted); resolves with the counts and the first failure's message. */
export async function runJudge(options: JudgeRunOptions): Promise<JudgeProgress & { firstError?: string }> {
  const { client, a, b, items, signal } = options;
  const progress = { done: 0, total: items.length, failed: 0 };
  let firstError: string | undefined;
  options.stream({ ...progress });
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length && !signal.aborted) {
      const item = items[next++]!;
      const request = buildJudgeRequest({
        prompt: item.prompt,
        answers: [
          { label: a, text: item.textA },
          { label: b, text: item.textB },
        ],
        rubric: options.rubric,
        seed: JUDGE_SEED,
      });
      let outcome: PairwiseOutcome = 'skip';
      let reason = '';
      let invalid: string | undefined;
      try {
        const reply = await client.chat.completions.create(
          { model: options.model, messages: request.messages, temperature: 0 },
          { signal },
        );
        const verdict = parseJudgeVerdict(reply.choices[0]?.message.content ?? '', request.order);
        outcome = outcomeOfVerdict(verdict, a, b);
        if ('invalid' in verdict) invalid = verdict.invalid;
        else reason = verdict.reason;
      } catch (error) {
        if (signal.aborted) return;
        invalid = describeError(error, {
          url: requestUrl(client, 'chat/completions', options.model),
          secrets: [client.apiKey],
        });
      }
      if (invalid !== undefined) {
        progress.failed++;
        firstError ??= invalid;
      }
      await options.record({
        v: 1,
        promptKey: item.prompt.key,
        a,
        b,
        outcome,
        reason,
        judge: options.judge,
        ...(invalid === undefined ? {} : { invalid }),
        at: options.now().toISOString(),
      });
      progress.done++;
      options.stream({ ...progress });
    }
  };
  await Promise.all(Array.from({ length: Math.min(JUDGE_CONCURRENCY, items.length) }, worker));
  return { ...progress, ...(firstError === undefined ? {} : { firstError }) };
}
