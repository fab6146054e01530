// A batch run's results file for the Evaluation view's bench: support prompts asked of two models, built with the
// core's record types and written as the batch run writes them, so the view reads what a real run leaves.
import { writeFileSync } from 'node:fs';
import type { BatchPrompt, ModelSpec, PromptTurn, ResultRecord } from '../../src/core/batch/batchTypes';
import { promptKey } from '../../src/core/batch/promptSource';
import { serializeResult } from '../../src/core/batch/resultsFile';
import { chatExampleLine } from '../generate/chatExample';
import { BenchRandom } from './random';

/** The two models of the run: a base model and its fine-tune, as the batch command labels them. */
export const RESULT_MODELS: readonly ModelSpec[] = [
  { label: 'gpt-4o-mini', connection: 'openai', model: 'gpt-4o-mini', parameters: { temperature: 0.2 } },
  {
    label: 'ft:gpt-4o-mini:acme::support1',
    connection: 'openai',
    model: 'ft:gpt-4o-mini:acme::support1',
    parameters: { temperature: 0.2 },
  },
];

const FINISHED_AT = Date.UTC(2026, 11, 1, 9, 0, 0);
/** Share of answers a token limit cut off, and of pairs that failed (a real run has a few of each). */
const CUT_RATE = 0.02;
const ERROR_RATE = 0.005;

interface Message {
  readonly role: string;
  readonly content: unknown;
}

/** The first turns of a generated support chat: its system prompt, the customer's message and the agent's reply. */
function firstExchange(index: number, random: BenchRandom): { turns: PromptTurn[]; answer: string } {
  for (;;) {
    const line = chatExampleLine(index, random);
    let messages: Message[];
    try {
      messages = (JSON.parse(line) as { messages: Message[] }).messages;
    } catch {
      continue; // one of the generator's deliberate mistakes: draw another
    }
    const [system, user, assistant] = messages;
    if (
      system?.role === 'system' &&
      user?.role === 'user' &&
      assistant?.role === 'assistant' &&
      typeof system.content === 'string' &&
      typeof user.content === 'string' &&
      typeof assistant.content === 'string'
    ) {
      return {
        turns: [
          { role: 'system', content: system.content },
          { role: 'user', content: user.content },
        ],
        answer: assistant.content,
      };
    }
  }
}

function recordOf(prompt: BatchPrompt, model: ModelSpec, answer: string, random: BenchRandom): ResultRecord {
  const request = {
    model: model.model,
    messages: prompt.turns.map((turn) => ({ role: turn.role, content: turn.content })),
    temperature: model.parameters.temperature,
  };
  const latencyMs = random.int(350, 4_000);
  const finishedAt = new Date(FINISHED_AT + prompt.index * 1_000).toISOString();
  if (random.chance(ERROR_RATE)) {
    return {
      v: 1,
      prompt,
      model,
      request,
      latencyMs,
      error: { message: '429 Rate limit reached for requests', status: 429 },
      finishedAt,
    };
  }
  const promptTokens = Math.ceil(prompt.turns.reduce((sum, turn) => sum + turn.content.length, 0) / 4);
  const completionTokens = Math.ceil(answer.length / 4);
  return {
    v: 1,
    prompt,
    model,
    request,
    response: {
      text: answer,
      finishReason: random.chance(CUT_RATE) ? 'length' : 'stop',
      usage: { promptTokens, completionTokens, totalTokens: promptTokens + completionTokens },
      id: `chatcmpl-${prompt.index}-${model.label.length}`,
      model: model.model,
    },
    latencyMs,
    finishedAt,
  };
}

/**
 * Writes `prompts` single-turn support prompts (system + customer), each with the dataset's answer as reference and
 * an answer of each model: the fine-tune's is the reference or close to it, the base model's another agent reply of
 * similar length. Returns the file's size in bytes.
 */
export function writeResultsFile(path: string, prompts: number, seed: number): number {
  const random = new BenchRandom(seed);
  const lines: string[] = [];
  for (let index = 0; index < prompts; index++) {
    const { turns, answer } = firstExchange(index, random);
    const prompt: BatchPrompt = { index, source: `line ${index + 1}`, key: promptKey(turns), turns, reference: answer };
    const other = firstExchange(index, random).answer;
    const tuned = random.chance(0.3)
      ? answer
      : `${answer.slice(0, Math.floor(answer.length * 0.8))} ${other.slice(0, 80)}`;
    lines.push(serializeResult(recordOf(prompt, RESULT_MODELS[0]!, other, random)));
    lines.push(serializeResult(recordOf(prompt, RESULT_MODELS[1]!, tuned, random)));
  }
  const text = `${lines.join('\n')}\n`;
  writeFileSync(path, text);
  return Buffer.byteLength(text);
}
