import type { DatasetFormat } from '../format/datasetFormat';
import { feedJson } from './canonicalJson';
import { Hasher } from './hasher';
import type { JsonObject } from './jsonValue';

/** Hashes that find duplicate examples and prompts answered in different ways. */
export interface Fingerprints {
  /** Canonical hash of the whole example (keys are 64-bit hashes in four UTF-16 code units; compare for equality). */
  readonly exampleKey: string;
  /** Hash of what the model is given; set only where an answer is defined. */
  readonly promptKey?: string;
  /** Hash of what the model should produce for that prompt. */
  readonly answerKey?: string;
}

const FORMAT_SEEDS: Readonly<Record<DatasetFormat, number>> = { chat: 1, preference: 2, rft: 3, completion: 4 };

/**
 * Fingerprints an example checked as `format`. The example is split into a prompt part and an answer part that are
 * hashed once each; the example key combines both, so every character is hashed once.
 *   chat: messages before the last assistant turn plus the other top-level keys | that turn and what follows
 *   rft: messages and tools | the reference fields
 *   completion: the prompt (and unknown keys) | the completion
 *   preference: the whole example (several answer pairs per input are normal in DPO data)
 */
export function fingerprint(value: JsonObject, format: DatasetFormat): Fingerprints {
  const prompt = new Hasher(FORMAT_SEEDS[format]);
  const answer = new Hasher(FORMAT_SEEDS[format] + 16);
  const hasAnswer = feedParts(value, format, prompt, answer);
  const promptKey = prompt.digest();
  const answerKey = answer.digest();
  const combined = new Hasher(FORMAT_SEEDS[format] + 32);
  combined.word(prompt.high);
  combined.word(prompt.low);
  combined.word(answer.high);
  combined.word(answer.low);
  const exampleKey = combined.digest();
  return hasAnswer ? { exampleKey, promptKey, answerKey } : { exampleKey };
}

/** Feeds the two parts; false when the example has no answer part, so prompt and answer keys mean nothing. */
function feedParts(value: JsonObject, format: DatasetFormat, prompt: Hasher, answer: Hasher): boolean {
  switch (format) {
    case 'chat':
      return feedChat(value, prompt, answer);
    case 'rft': {
      let references = 0;
      feedJson(prompt, value['messages']);
      feedJson(prompt, value['tools']);
      for (const key of Object.keys(value).sort()) {
        if (key === 'messages' || key === 'tools') continue;
        answer.string(key);
        feedJson(answer, value[key]);
        references++;
      }
      return references > 0;
    }
    case 'completion':
      feedOtherKeys(value, 'completion', prompt);
      feedJson(answer, value['completion']);
      return typeof value['prompt'] === 'string' && typeof value['completion'] === 'string';
    case 'preference':
      feedJson(prompt, value);
      return false;
  }
}

function feedChat(value: JsonObject, prompt: Hasher, answer: Hasher): boolean {
  const messages = value['messages'];
  const last = Array.isArray(messages) ? lastAssistantIndex(messages) : -1;
  if (!Array.isArray(messages) || last === -1) {
    feedJson(prompt, value);
    return false;
  }
  for (let i = 0; i < last; i++) feedJson(prompt, messages[i]);
  feedOtherKeys(value, 'messages', prompt);
  for (let i = last; i < messages.length; i++) feedJson(answer, messages[i]);
  return true;
}

const OTHER_KEYS_MARK = 0x20000;

function feedOtherKeys(value: JsonObject, skipped: string, hasher: Hasher): void {
  hasher.word(OTHER_KEYS_MARK);
  for (const key of Object.keys(value).sort()) {
    if (key === skipped) continue;
    hasher.string(key);
    feedJson(hasher, value[key]);
  }
}

function lastAssistantIndex(messages: readonly unknown[]): number {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (typeof message !== 'object' || message === null) continue;
    const role = (message as JsonObject)['role'];
    if (role === 'assistant' || (typeof role === 'string' && role.toLowerCase() === 'assistant')) return i;
  }
  return -1;
}
