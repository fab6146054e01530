import type { BatchPrompt, ResultRecord } from '../../../src/core/batch/batchTypes';

/** A prompt of a test run: one user question, with a reference answer. */
export function prompt(index: number, overrides: Partial<BatchPrompt> = {}): BatchPrompt {
  return {
    index,
    source: `line ${index + 1}`,
    key: `key${String(index).padStart(13, '0')}`,
    turns: [{ role: 'user', content: `Question ${index}?` }],
    reference: `Answer ${index}.`,
    ...overrides,
  };
}

/** A record of `label` answering `text` (or failing with `error`). */
export function record(
  promptValue: BatchPrompt,
  label: string,
  answer: { text: string } | { error: string },
  finishedAt = '2026-12-06T10:00:00.000Z',
): ResultRecord {
  const base = {
    v: 1 as const,
    prompt: promptValue,
    model: { label, connection: 'sim', model: label, parameters: {} },
    request: { model: label },
    latencyMs: 100,
    finishedAt,
  };
  return 'text' in answer
    ? { ...base, response: { text: answer.text, finishReason: 'stop' } }
    : { ...base, error: { message: answer.error, status: 500 } };
}
