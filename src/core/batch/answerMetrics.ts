/**
 * Answer metrics of a batch run: SQuAD's exact match and token F1 against a dataset's reference answer, and a
 * per-model summary of a results file (quality, length, latency, tokens, finish reasons).
 */

import { medianSorted, quantileSorted } from '../stats/distribution';
import { pairKey, type ResultRecord } from './batchTypes';

// SQuAD strips Python's `string.punctuation`; `\p{P}` covers its punctuation and every script's, and the ASCII
// symbols it also lists ($+<=>^`|~) are added so ASCII text normalises exactly as the official script does.
const PUNCTUATION = /[\p{P}$+<=>^`|~]/gu;
// Python's `\b` is Unicode-aware and JavaScript's is not, so word boundaries are spelled out: an article is not
// part of a longer run of letters, marks, digits or underscores ("thé", "another" keep theirs).
const ARTICLES = /(?<![\p{L}\p{M}\p{N}_])(?:a|an|the)(?![\p{L}\p{M}\p{N}_])/gu;
const WHITESPACE = /\s+/u;
const ASCII_ONLY = /^[\x00-\x7f]*$/;
// On ASCII text the two patterns above are Python's `string.punctuation` and `\b(a|an|the)\b`.
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/g;
const ASCII_ARTICLES = /\b(?:a|an|the)\b/g;

/**
 * SQuAD's answer normalisation: lower case, punctuation removed, the articles a/an/the removed, whitespace collapsed
 * to single spaces and trimmed. Text is first composed (NFC) so "é" typed either way compares equal.
 */
export function normalizeAnswer(text: string): string {
  // Most answers are ASCII: the same rules in ASCII-only patterns, with nothing to compose, run several times faster.
  const ascii = ASCII_ONLY.test(text);
  const lowered = ascii ? text.toLowerCase() : text.normalize('NFC').toLowerCase();
  const withoutArticles = ascii
    ? lowered.replace(ASCII_PUNCTUATION, '').replace(ASCII_ARTICLES, ' ')
    : lowered.replace(PUNCTUATION, '').replace(ARTICLES, ' ');
  return normalizedTokens(withoutArticles).join(' ');
}

/** Whether the answer equals the reference after {@link normalizeAnswer}. */
export function exactMatch(answer: string, reference: string): boolean {
  return normalizeAnswer(answer) === normalizeAnswer(reference);
}

/**
 * SQuAD's F1: the harmonic mean of precision and recall over the bags (multisets) of normalised tokens. Both empty
 * gives 1 (they agree), one empty gives 0.
 */
export function tokenF1(answer: string, reference: string): number {
  return normalizedF1(normalizeAnswer(answer), normalizeAnswer(reference));
}

/** F1 of two texts already normalised (each text of a results file is normalised once). */
function normalizedF1(answer: string, reference: string): number {
  const answerTokens = normalizedTokens(answer);
  const referenceTokens = normalizedTokens(reference);
  if (answerTokens.length === 0 || referenceTokens.length === 0)
    return answerTokens.length === referenceTokens.length ? 1 : 0;
  const remaining = new Map<string, number>();
  for (const token of referenceTokens) remaining.set(token, (remaining.get(token) ?? 0) + 1);
  let common = 0;
  for (const token of answerTokens) {
    const left = remaining.get(token) ?? 0;
    if (left > 0) {
      common++;
      remaining.set(token, left - 1);
    }
  }
  if (common === 0) return 0;
  const precision = common / answerTokens.length;
  const recall = common / referenceTokens.length;
  return (2 * precision * recall) / (precision + recall);
}

function normalizedTokens(text: string): string[] {
  return text.split(WHITESPACE).filter((token) => token !== '');
}

/** How often one finish reason was reported; `null` when the server sent none. */
export interface FinishReasonCount {
  readonly reason: string | null;
  readonly count: number;
}

/** Mean and median of a per-answer quantity; `null` where there are no answers. */
export interface MeanMedian {
  readonly mean: number;
  readonly median: number;
}

/**
 * One model's results over the latest record of each of its prompts (a newer line for the same prompt replaces an
 * older one, as a resumed run retries failures). "Answered" records have a response and no error; quality, length,
 * latency, tokens and finish reasons are over answered records only, so a failed request never reads as a wrong or
 * a fast answer — failures are counted in `errors`.
 */
export interface ModelSummary {
  /** The model's label in the run (unique per run). */
  readonly label: string;
  /** The model and connection of its latest record. */
  readonly model: string;
  readonly connection: string;
  /** Distinct prompts with a record for this model. */
  readonly prompts: number;
  /** Prompts whose latest record has a response and no error. */
  readonly answered: number;
  /** Prompts whose latest record has an error (or no response). */
  readonly errors: number;
  /** Answered prompts that have a reference answer: what `exactMatchRate` and `meanF1` are over. */
  readonly scored: number;
  /** Share (0–1) of `scored` prompts whose answer matches the reference exactly; `null` when none are scored. */
  readonly exactMatchRate: number | null;
  /** Mean {@link tokenF1} over `scored` prompts; `null` when none are scored. */
  readonly meanF1: number | null;
  /** Answer length in characters (UTF-16 code units, as editors count); `null` when nothing was answered. */
  readonly answerChars: MeanMedian | null;
  /** Request start → reply complete, in milliseconds; `null` when nothing was answered. */
  readonly latencyMs: { readonly p50: number; readonly p95: number } | null;
  /** Token totals over the answered records that reported usage (`reported` of them). */
  readonly tokens: {
    readonly reported: number;
    readonly prompt: number;
    readonly completion: number;
    readonly total: number;
  };
  /** Finish reasons of the answered records, most frequent first (ties: by name, `null` last). */
  readonly finishReasons: readonly FinishReasonCount[];
  /** Answers cut off by the token limit (finish reason `length`). */
  readonly truncated: number;
}

/** Per-model summaries of a run's records, in the order the models first appear. */
export function modelSummaries(
  records: readonly ResultRecord[],
  normalized: (text: string) => string = memoized(normalizeAnswer),
): ModelSummary[] {
  const latest = new Map<string, ResultRecord>();
  for (const record of records) {
    const key = pairKey(record.prompt.key, record.model.label);
    // Deleting first moves a retried pair to the end, so the newest record also sets the model's latest spec.
    latest.delete(key);
    latest.set(key, record);
  }
  const byModel = new Map<string, ResultRecord[]>();
  for (const record of records) if (!byModel.has(record.model.label)) byModel.set(record.model.label, []);
  for (const record of latest.values()) byModel.get(record.model.label)!.push(record);
  return [...byModel.entries()].map(([label, modelRecords]) => summarize(label, modelRecords, normalized));
}

/**
 * {@link modelSummaries} without holding the thread: normalising every answer (almost all the work) runs in slices of
 * about `sliceMs`, with the event loop free in between, so a host stays responsive over a large results file.
 * Rejects with the signal's reason when aborted.
 */
export async function modelSummariesInSlices(
  records: readonly ResultRecord[],
  options: { readonly signal?: AbortSignal; readonly sliceMs?: number } = {},
): Promise<ModelSummary[]> {
  const sliceMs = options.sliceMs ?? 10;
  const normalizedTexts = new Map<string, string>();
  const add = (text: string | undefined): void => {
    if (text !== undefined && !normalizedTexts.has(text)) normalizedTexts.set(text, normalizeAnswer(text));
  };
  let sliceStart = performance.now();
  for (const record of records) {
    if (record.prompt.reference !== undefined && record.response !== undefined && record.error === undefined) {
      add(record.response.text);
      add(record.prompt.reference);
    }
    if (performance.now() - sliceStart >= sliceMs) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      options.signal?.throwIfAborted();
      sliceStart = performance.now();
    }
  }
  options.signal?.throwIfAborted();
  return modelSummaries(records, (text) => normalizedTexts.get(text) ?? normalizeAnswer(text));
}

/** A one-argument function that computes each distinct input once (references are shared between models). */
function memoized(compute: (text: string) => string): (text: string) => string {
  const known = new Map<string, string>();
  return (text) => {
    let value = known.get(text);
    if (value === undefined) known.set(text, (value = compute(text)));
    return value;
  };
}

function summarize(
  label: string,
  records: readonly ResultRecord[],
  normalized: (text: string) => string,
): ModelSummary {
  const spec = records[records.length - 1]!.model;
  const lengths: number[] = [];
  const latencies: number[] = [];
  const reasons = new Map<string | null, number>();
  let errors = 0;
  let scored = 0;
  let exact = 0;
  let f1Sum = 0;
  const tokens = { reported: 0, prompt: 0, completion: 0, total: 0 };
  for (const record of records) {
    const response = record.response;
    if (record.error !== undefined || response === undefined) {
      errors++;
      continue;
    }
    lengths.push(response.text.length);
    latencies.push(record.latencyMs);
    reasons.set(response.finishReason, (reasons.get(response.finishReason) ?? 0) + 1);
    const reference = record.prompt.reference;
    if (reference !== undefined) {
      scored++;
      const answer = normalized(response.text);
      const expected = normalized(reference);
      if (answer === expected) exact++;
      f1Sum += normalizedF1(answer, expected);
    }
    if (response.usage) {
      tokens.reported++;
      tokens.prompt += response.usage.promptTokens;
      tokens.completion += response.usage.completionTokens;
      tokens.total += response.usage.totalTokens;
    }
  }
  lengths.sort((a, b) => a - b);
  latencies.sort((a, b) => a - b);
  const answered = records.length - errors;
  return {
    label,
    model: spec.model,
    connection: spec.connection,
    prompts: records.length,
    answered,
    errors,
    scored,
    exactMatchRate: scored === 0 ? null : exact / scored,
    meanF1: scored === 0 ? null : f1Sum / scored,
    answerChars:
      answered === 0
        ? null
        : { mean: lengths.reduce((sum, n) => sum + n, 0) / answered, median: medianSorted(lengths) },
    latencyMs: answered === 0 ? null : { p50: quantileSorted(latencies, 0.5), p95: quantileSorted(latencies, 0.95) },
    tokens,
    finishReasons: [...reasons.entries()]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || compareReasons(a.reason, b.reason)),
    truncated: reasons.get('length') ?? 0,
  };
}

function compareReasons(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}
