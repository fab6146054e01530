import * as assert from 'node:assert/strict';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import type { BatchPrompt } from '../../../src/core/batch/batchTypes';
import { buildJudgeRequest, DEFAULT_RUBRIC, parseJudgeVerdict } from '../../../src/core/batch/judgePrompt';
import { judgeVerdict } from '../../../simulator/judgeVerdict';
import { countTokens, replyText } from '../../../simulator/replies';
import { useSimulator } from './useSimulator';

const BASE = 'sim-chat';
const TUNED = 'ft:sim-chat:studio::sim001';

/** The user turn of a judge prompt with these two answers, shaped as buildJudgeRequest shapes it. */
const judgePrompt = (first: string, second: string): string =>
  `<conversation>\n[user]\nHi?\n</conversation>\n\n<answer_1>\n${first}\n</answer_1>\n\n<answer_2>\n${second}\n</answer_2>\n\nWhich answer is better?`;

const verdictOf = (reply: string | undefined): { winner: string; reason: string } =>
  JSON.parse(reply ?? 'null') as { winner: string; reason: string };

function batchPrompt(index: number): BatchPrompt {
  return {
    index,
    source: `line ${index + 1}`,
    key: `judgekey${index}`,
    turns: [{ role: 'user', content: `Q${index}?` }],
  };
}

describe('simulator: sim-judge verdicts', () => {
  it('the answer starting with [fine-tuned] wins, shown first or second, even when it is shorter', () => {
    const tuned = '[fine-tuned] Hi.';
    const long = 'A much longer answer from the base model.';
    assert.equal(verdictOf(judgeVerdict(judgePrompt(tuned, long))).winner, '1');
    assert.equal(verdictOf(judgeVerdict(judgePrompt(long, tuned))).winner, '2');
    assert.match(verdictOf(judgeVerdict(judgePrompt(long, tuned))).reason, /fine-tuned/);
  });

  it('otherwise the longer answer wins, and equal lengths tie', () => {
    assert.equal(verdictOf(judgeVerdict(judgePrompt('longer one', 'short'))).winner, '1');
    assert.equal(verdictOf(judgeVerdict(judgePrompt('short', 'longer one'))).winner, '2');
    assert.equal(verdictOf(judgeVerdict(judgePrompt('same', 'size'))).winner, 'tie');
    // Both fine-tuned: the mark decides nothing, the length does.
    assert.equal(verdictOf(judgeVerdict(judgePrompt('[fine-tuned] a', '[fine-tuned] abc'))).winner, '2');
    // Lengths count characters, not UTF-16 units: one emoji is as long as one letter.
    assert.equal(verdictOf(judgeVerdict(judgePrompt('👍', 'a'))).winner, 'tie');
  });

  it('replies exactly the JSON object the judge prompt asks for, its reason one sentence', () => {
    assert.equal(
      judgeVerdict(judgePrompt('short', 'longer one')),
      '{"winner": "2", "reason": "Answer 2 is longer (10 characters against 5)."}',
    );
    for (const [first, second] of [
      ['[fine-tuned] x', 'y'],
      ['ab', 'cd'],
      ['a', 'bcd'],
    ] as const) {
      const reply = judgeVerdict(judgePrompt(first, second))!;
      assert.match(reply, /^\{"winner": "(1|2|tie)", "reason": "[^".]+\."\}$/, reply);
    }
  });

  it('a message without both answer tags gets no verdict (the model chats as sim-chat)', () => {
    assert.equal(judgeVerdict('Hello there'), undefined);
    assert.equal(judgeVerdict('<answer_1>\nonly one\n</answer_1>'), undefined);
    assert.equal(judgeVerdict('<answer_1>open <answer_2>also open'), undefined);
    assert.equal(replyText('pairwise-judge', 'Hello there'), 'Simulated reply to: Hello there');
  });
});

describe('simulator: sim-judge through the SDK', () => {
  const { client } = useSimulator();

  /** Judge requests for prompts 0…n of the simulator's base and fine-tuned answers. */
  const requests = (n: number) =>
    Array.from({ length: n }, (_, i) => {
      const prompt = batchPrompt(i);
      const question = prompt.turns[0]!.content;
      return buildJudgeRequest({
        prompt,
        answers: [
          { label: BASE, text: replyText('simulated-chat', question) },
          { label: TUNED, text: replyText('fine-tuned-chat', question) },
        ],
        rubric: DEFAULT_RUBRIC,
        seed: 13,
      });
    });

  it('a judge request built by buildJudgeRequest parses to the fine-tuned model, whichever order it is shown in', async () => {
    const built = requests(8);
    const orders = new Set(built.map((request) => request.order[0]));
    assert.deepEqual([...orders].sort(), [BASE, TUNED].sort(), 'both orders among the prompts');
    for (const request of built) {
      const completion = await client().chat.completions.create({
        model: 'sim-judge',
        messages: request.messages,
        temperature: 0,
      });
      const text = completion.choices[0]?.message.content ?? '';
      const verdict = parseJudgeVerdict(text, request.order);
      assert.ok('winner' in verdict, text);
      assert.equal(verdict.winner, TUNED, `shown first: ${request.order[0]}`);
      assert.equal(completion.usage?.completion_tokens, countTokens(text));
    }
  });

  it('streams the verdict word by word with usage, like the other chat models', async () => {
    const request = requests(1)[0]!;
    const stream = await client().chat.completions.create({
      model: 'sim-judge',
      messages: request.messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    const verdict = parseJudgeVerdict(text, request.order);
    assert.ok('winner' in verdict && verdict.winner === TUNED, text);
    assert.equal(chunks.slice(1, -2).length, countTokens(text));
    assert.equal(chunks.at(-2)?.choices[0]?.finish_reason, 'stop');
    assert.equal(chunks.at(-1)?.usage?.completion_tokens, countTokens(text));
  });

  it('chats as sim-chat when the message is not a judge prompt', async () => {
    const completion = await client().chat.completions.create({
      model: 'sim-judge',
      messages: [{ role: 'user', content: 'Hello there' }],
    });
    assert.equal(completion.choices[0]?.message.content, 'Simulated reply to: Hello there');
  });
});
