import * as assert from 'node:assert/strict';
import { BadRequestError, NotFoundError } from 'openai';
import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { rejectionOf } from './rejectionOf';
import { useSimulator } from './useSimulator';

const conversation = [
  { role: 'system' as const, content: 'Be brief.' },
  { role: 'user' as const, content: 'first question' },
  { role: 'assistant' as const, content: 'first answer' },
  { role: 'user' as const, content: 'How do I reset my password?' },
];

async function collect(stream: AsyncIterable<ChatCompletionChunk>): Promise<ChatCompletionChunk[]> {
  const chunks: ChatCompletionChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const contentOf = (chunks: ChatCompletionChunk[]): string =>
  chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');

describe('simulator: chat completions', () => {
  const { client } = useSimulator();

  it('sim-chat answers the last user message, with usage counted in words', async () => {
    const completion = await client().chat.completions.create({ model: 'sim-chat', messages: conversation });
    assert.equal(completion.object, 'chat.completion');
    assert.equal(completion.model, 'sim-chat');
    assert.deepEqual(completion.choices[0]?.message, {
      role: 'assistant',
      content: 'Simulated reply to: How do I reset my password?',
      refusal: null,
    });
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
    // 2 + 2 + 2 + 6 words in, 9 words out.
    assert.deepEqual(completion.usage, { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 });
  });

  it('the fine-tuned model answers differently from its base', async () => {
    const completion = await client().chat.completions.create({
      model: 'ft:sim-chat:studio::sim001',
      messages: [{ role: 'user', content: 'hello' }],
    });
    assert.equal(completion.choices[0]?.message.content, '[fine-tuned] Simulated reply to: hello');
  });

  it('reads the text parts of a message given as an array of parts', async () => {
    const completion = await client().chat.completions.create({
      model: 'sim-chat',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'look' },
            { type: 'image_url', image_url: { url: 'data:image/png;base64,AAAA' } },
            { type: 'text', text: 'here' },
          ],
        },
      ],
    });
    assert.equal(completion.choices[0]?.message.content, 'Simulated reply to: look\nhere');
  });

  it('max_tokens cuts the reply after that many words with finish_reason "length"', async () => {
    const completion = await client().chat.completions.create({
      model: 'sim-chat',
      messages: conversation,
      max_tokens: 4,
    });
    assert.equal(completion.choices[0]?.message.content, 'Simulated reply to: How');
    assert.equal(completion.choices[0]?.finish_reason, 'length');
    assert.equal(completion.usage?.completion_tokens, 4);
  });

  it('max_completion_tokens wins over max_tokens, as on the real API', async () => {
    const completion = await client().chat.completions.create({
      model: 'sim-chat',
      messages: conversation,
      max_completion_tokens: 2,
      max_tokens: 5,
    });
    assert.equal(completion.choices[0]?.message.content, 'Simulated reply');
  });

  it('a stop sequence ends the reply before it with finish_reason "stop"', async () => {
    const completion = await client().chat.completions.create({
      model: 'sim-chat',
      messages: conversation,
      stop: ['password', 'reset'],
    });
    assert.equal(completion.choices[0]?.message.content, 'Simulated reply to: How do I ');
    assert.equal(completion.choices[0]?.finish_reason, 'stop');
  });

  it('streams a role chunk, one chunk per word, a finish chunk and, with include_usage, a usage chunk', async () => {
    const chunks = await collect(
      await client().chat.completions.create({
        model: 'sim-chat',
        messages: conversation,
        stream: true,
        stream_options: { include_usage: true },
      }),
    );
    assert.deepEqual(chunks[0]?.choices[0]?.delta, { role: 'assistant', content: '', refusal: null });
    assert.deepEqual(
      chunks.slice(1, -2).map((chunk) => chunk.choices[0]?.delta.content),
      ['Simulated', ' reply', ' to:', ' How', ' do', ' I', ' reset', ' my', ' password?'],
    );
    assert.equal(contentOf(chunks), 'Simulated reply to: How do I reset my password?');
    const finish = chunks.at(-2);
    assert.equal(finish?.choices[0]?.finish_reason, 'stop');
    const usage = chunks.at(-1);
    assert.deepEqual(usage?.choices, []);
    assert.deepEqual(usage?.usage, { prompt_tokens: 12, completion_tokens: 9, total_tokens: 21 });
    assert.ok(chunks.slice(0, -1).every((chunk) => chunk.usage === null && chunk.object === 'chat.completion.chunk'));
    assert.ok(chunks.every((chunk) => chunk.id === chunks[0]?.id));
  });

  it('streams without a usage chunk when include_usage is not asked for', async () => {
    const chunks = await collect(
      await client().chat.completions.create({ model: 'sim-chat', messages: conversation, stream: true }),
    );
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'stop');
    assert.ok(chunks.every((chunk) => !('usage' in chunk)));
  });

  it('a streamed reply cut by max_tokens ends with finish_reason "length"', async () => {
    const chunks = await collect(
      await client().chat.completions.create({
        model: 'sim-chat',
        messages: conversation,
        stream: true,
        max_tokens: 3,
      }),
    );
    assert.equal(contentOf(chunks), 'Simulated reply to:');
    assert.equal(chunks.at(-1)?.choices[0]?.finish_reason, 'length');
  });

  it('echo streams the last user message back verbatim in chunks of at most 3 characters', async () => {
    const message = 'Line one\n\n```ts\nconst x = 1;\n```\n- **bold** 👍🏽 é  ';
    const chunks = await collect(
      await client().chat.completions.create({
        model: 'echo',
        messages: [{ role: 'user', content: message }],
        stream: true,
      }),
    );
    const pieces = chunks.slice(1, -1).map((chunk) => chunk.choices[0]?.delta.content ?? '');
    assert.equal(pieces.join(''), message);
    assert.equal(pieces.length, Math.ceil(Array.from(message).length / 3));
    assert.ok(pieces.every((piece) => piece.length > 0 && Array.from(piece).length <= 3));
  });

  it('echo without streaming answers the message verbatim', async () => {
    const completion = await client().chat.completions.create({
      model: 'echo',
      messages: [{ role: 'user', content: '  spaced  out  ' }],
    });
    assert.equal(completion.choices[0]?.message.content, '  spaced  out  ');
  });

  it('answers the completion model with 400 on the chat endpoint', async () => {
    const error = await rejectionOf(
      client().chat.completions.create({ model: 'sim-completion', messages: conversation }),
    );
    assert.ok(error instanceof BadRequestError, String(error));
    assert.equal(error.param, 'model');
    assert.match(error.message, /not a chat model/);
  });

  it('answers an unknown model with 404 model_not_found', async () => {
    const error = await rejectionOf(client().chat.completions.create({ model: 'gpt-x', messages: conversation }));
    assert.ok(error instanceof NotFoundError, String(error));
    assert.equal(error.code, 'model_not_found');
  });

  it('refuses stream_options without stream, and empty messages, with a 400 naming the parameter', async () => {
    const withoutStream = await rejectionOf(
      client().chat.completions.create({
        model: 'sim-chat',
        messages: conversation,
        stream_options: { include_usage: true },
      }),
    );
    assert.ok(withoutStream instanceof BadRequestError, String(withoutStream));
    assert.equal(withoutStream.param, 'stream_options');
    const empty = await rejectionOf(client().chat.completions.create({ model: 'sim-chat', messages: [] }));
    assert.ok(empty instanceof BadRequestError, String(empty));
    assert.equal(empty.param, 'messages');
  });
});
