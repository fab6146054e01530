import type { DatasetFormat } from '../format/datasetFormat';
import { feedJson } from './canonicalJson';
import { Hasher } from './hasher';
import type { JsonObject } from './jsonValue';
import { SketchPart } from './valueSketch';

/** Hashes that find duplicate examples and prompts answered in different ways. */
export interface Fingerprints {
  /** Canonical hash of the whole example (keys are 64-bit hashes in four UTF-16 code units; compare for equality). */
  readonly exampleKey: string;
  /** Hash of what the model is given; set only where an answer is defined. */
  readonly promptKey?: string;
  /** Hash of what the model should produce for that prompt. */
  readonly answerKey?: string;
}

/**
 * Sketches (see valueSketch) of an example and of its prompt: equal examples and equal prompts always share them,
 * so only lines whose sketches repeat can be duplicates or conflicts, and only those need exact fingerprints.
 */
export interface Sketches {
  readonly example: number;
  /** Set only where an answer is defined, as for {@link Fingerprints.promptKey}. */
  readonly prompt: number | undefined;
}

/** What the split of an example feeds: an exact canonical hash or a sketch. */
interface PartFeed {
  json(value: unknown): void;
  text(value: string): void;
  word(value: number): void;
}

class ExactPart implements PartFeed {
  readonly hasher: Hasher;

  constructor(seed: number) {
    this.hasher = new Hasher(seed);
  }

  json(value: unknown): void {
    feedJson(this.hasher, value);
  }

  text(value: string): void {
    this.hasher.string(value);
  }

  word(value: number): void {
    this.hasher.word(value);
  }
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
  const prompt = new ExactPart(FORMAT_SEEDS[format]);
  const answer = new ExactPart(FORMAT_SEEDS[format] + 16);
  const hasAnswer = feedParts(value, format, prompt, answer);
  const promptKey = prompt.hasher.digest();
  const answerKey = answer.hasher.digest();
  const combined = new Hasher(FORMAT_SEEDS[format] + 32);
  combined.word(prompt.hasher.high);
  combined.word(prompt.hasher.low);
  combined.word(answer.hasher.high);
  combined.word(answer.hasher.low);
  const exampleKey = combined.digest();
  return hasAnswer ? { exampleKey, promptKey, answerKey } : { exampleKey };
}

/** The {@link Sketches} of an example checked as `format`, split as {@link fingerprint} splits it. */
export function sketch(value: JsonObject, format: DatasetFormat): Sketches {
  const prompt = new SketchPart(FORMAT_SEEDS[format]);
  const answer = new SketchPart(FORMAT_SEEDS[format] + 16);
  const hasAnswer = feedParts(value, format, prompt, answer);
  const promptSketch = prompt.digest();
  const example = new SketchPart(FORMAT_SEEDS[format] + 32);
  example.word(promptSketch);
  example.word(answer.digest());
  return { example: example.digest(), prompt: hasAnswer ? promptSketch : undefined };
}

/** Feeds the two parts; false when the example has no answer part, so prompt and answer keys mean nothing. */
function feedParts(value: JsonObject, format: DatasetFormat, prompt: PartFeed, answer: PartFeed): boolean {
  switch (format) {
    case 'chat':
      return feedChat(value, prompt, answer);
    case 'rft': {
      let references = 0;
      prompt.json(value['messages']);
      prompt.json(value['tools']);
      for (const key of Object.keys(value).sort()) {
        if (key === 'messages' || key === 'tools') continue;
        answer.text(key);
        answer.json(value[key]);
        references++;
      }
      return references > 0;
    }
    case 'completion':
      feedOtherKeys(value, 'completion', prompt);
      answer.json(value['completion']);
      return typeof value['prompt'] === 'string' && typeof value['completion'] === 'string';
    case 'preference':
      prompt.json(value);
      return false;
  }
}

function feedChat(value: JsonObject, prompt: PartFeed, answer: PartFeed): boolean {
  const messages = value['messages'];
  const last = Array.isArray(messages) ? lastAssistantIndex(messages) : -1;
  if (!Array.isArray(messages) || last === -1) {
    prompt.json(value);
    return false;
  }
  for (let i = 0; i < last; i++) prompt.json(messages[i]);
  feedOtherKeys(value, 'messages', prompt);
  for (let i = last; i < messages.length; i++) answer.json(messages[i]);
  return true;
}

const OTHER_KEYS_MARK = 0x20000;

function feedOtherKeys(value: JsonObject, skipped: string, part: PartFeed): void {
  part.word(OTHER_KEYS_MARK);
  for (const key of Object.keys(value).sort()) {
    if (key === skipped) continue;
    part.text(key);
    part.json(value[key]);
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
