import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { loadEncoding } from '../../../src/core/tokens/encoding';
import { countExampleTokens } from '../../../src/core/tokens/exampleTokens';
import { HIGH_DETAIL_IMAGE_TOKENS, LOW_DETAIL_IMAGE_TOKENS } from '../../../src/core/tokens/imageTokens';
import { TOY_CHAT_EXAMPLES } from './cookbookToyData';

const cl100k = loadEncoding('cl100k_base');
const o200k = loadEncoding('o200k_base');

const chat = (...messages: object[]): unknown => ({ messages });

describe('example token counts', () => {
  describe('chat, by the cookbook formula', () => {
    it('adds 3 per message, every value, and 3 for the reply priming', () => {
      // 3 × (3 + 1 for the role) + 6 + 2 + 2 + 3
      const example = chat(
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: 'Hello world' },
        { role: 'assistant', content: 'Hello!' },
      );
      assert.deepEqual(countExampleTokens(example, 'chat', cl100k), {
        total: 25,
        assistant: 2,
        messages: 3,
        hasSystem: true,
        hasUser: true,
      });
    });

    it('uses the encoding it is given', () => {
      const example = chat(
        { role: 'system', content: 'You are a helpful assistant.' },
        { role: 'user', content: "What's the capital of France?" },
        { role: 'assistant', content: 'Paris' },
      );
      assert.equal(countExampleTokens(example, 'chat', cl100k)?.total, 9 + 3 + 6 + 7 + 1 + 3);
      assert.equal(countExampleTokens(example, 'chat', o200k)?.total, 9 + 3 + 6 + 6 + 1 + 3);
    });

    it('adds 1 for a name on top of its text', () => {
      // 3 + user 1 + Ann 1 + name 1 + Hi 1 + 3
      assert.equal(countExampleTokens(chat({ role: 'user', name: 'Ann', content: 'Hi' }), 'chat', cl100k)?.total, 10);
    });

    it('matches the cookbook on its toy dataset', () => {
      const counts = TOY_CHAT_EXAMPLES.map((example) => countExampleTokens(example, 'chat', cl100k)!);
      assert.deepEqual(
        counts.map((count) => count.total),
        [45, 111, 26, 28, 8032],
      );
      assert.deepEqual(
        counts.map((count) => count.assistant),
        [10, 28, 9, 4, 8000],
      );
      assert.deepEqual(
        counts.map((count) => count.messages),
        [3, 9, 2, 2, 3],
      );
      assert.deepEqual(
        counts.map((count) => count.hasSystem),
        [true, true, false, true, true],
      );
      assert.deepEqual(
        counts.map((count) => count.hasUser),
        [true, true, true, false, true],
      );
    });

    it('agrees with a literal transcription of num_tokens_from_messages on string messages', () => {
      const message = fc.record({
        role: fc.constantFrom('system', 'user', 'assistant'),
        content: fc.string({ unit: 'grapheme', maxLength: 40 }),
      });
      const named = fc
        .tuple(message, fc.option(fc.string({ minLength: 1, maxLength: 8 }), { nil: undefined }))
        .map(([m, name]) => (name === undefined ? m : { ...m, name }));
      fc.assert(
        fc.property(fc.array(named, { maxLength: 6 }), (messages) => {
          let expected = 0;
          for (const m of messages as Record<string, string>[]) {
            expected += 3;
            for (const [key, value] of Object.entries(m)) {
              expected += cl100k.encode(value).length;
              if (key === 'name') expected += 1;
            }
          }
          expected += 3;
          const assistant = (messages as Record<string, string>[])
            .filter((m) => m.role === 'assistant')
            .reduce((sum, m) => sum + cl100k.encode(m.content!).length, 0);
          const counted = countExampleTokens({ messages }, 'chat', cl100k)!;
          assert.equal(counted.total, expected);
          assert.equal(counted.assistant, assistant);
        }),
        { numRuns: 200 },
      );
    });
  });

  describe('chat, beyond plain strings', () => {
    const toolCalls = [
      { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
    ];
    const tools = [
      {
        type: 'function',
        function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
      },
    ];

    it('counts the JSON of tool calls as assistant output', () => {
      assert.equal(cl100k.count(JSON.stringify(toolCalls)), 29);
      const counted = countExampleTokens(
        chat({ role: 'assistant', content: null, tool_calls: toolCalls }),
        'chat',
        cl100k,
      );
      assert.equal(counted?.total, 3 + 1 + 29 + 3);
      assert.equal(counted?.assistant, 29);
    });

    it('counts the JSON of tool definitions once', () => {
      assert.equal(cl100k.count(JSON.stringify(tools)), 29);
      const counted = countExampleTokens({ tools, messages: [{ role: 'user', content: 'Hi' }] }, 'chat', cl100k);
      assert.equal(counted?.total, 29 + 3 + 1 + 1 + 3);
      assert.equal(counted?.assistant, 0);
    });

    it('counts text parts and a fixed estimate per image by detail', () => {
      const withImage = (detail?: string): unknown =>
        chat({
          role: 'user',
          content: [
            { type: 'text', text: 'Look at this' },
            {
              type: 'image_url',
              image_url:
                detail === undefined
                  ? { url: 'https://example.com/a.png' }
                  : { url: 'https://example.com/a.png', detail },
            },
          ],
        });
      assert.equal(LOW_DETAIL_IMAGE_TOKENS, 85);
      assert.equal(HIGH_DETAIL_IMAGE_TOKENS, 765);
      assert.equal(countExampleTokens(withImage('low'), 'chat', cl100k)?.total, 3 + 1 + 3 + 85 + 3);
      assert.equal(countExampleTokens(withImage('high'), 'chat', cl100k)?.total, 3 + 1 + 3 + 765 + 3);
      assert.equal(countExampleTokens(withImage(), 'chat', cl100k)?.total, 3 + 1 + 3 + 765 + 3);
    });

    it('ignores values the model does not read (weight, null content)', () => {
      assert.equal(
        countExampleTokens(chat({ role: 'assistant', content: 'Hi', weight: 0 }), 'chat', cl100k)?.total,
        3 + 1 + 1 + 3,
      );
      assert.equal(countExampleTokens(chat({ role: 'assistant', content: null }), 'chat', cl100k)?.total, 3 + 1 + 3);
    });

    it('counts an empty conversation as the reply priming only', () => {
      assert.deepEqual(countExampleTokens(chat(), 'chat', cl100k), {
        total: 3,
        assistant: 0,
        messages: 0,
        hasSystem: false,
        hasUser: false,
      });
    });
  });

  it('returns undefined instead of overflowing the stack on a tool schema nested 100,000 levels deep', () => {
    const deep: unknown = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    const example = {
      messages: [
        { role: 'user', content: 'q' },
        { role: 'assistant', content: 'a' },
      ],
      tools: [{ type: 'function', function: { name: 'f', parameters: deep } }],
    };
    assert.equal(countExampleTokens(example, 'chat', cl100k), undefined);
  });

  describe('other formats', () => {
    const preference = (nonPreferred: string, input: object[] = [{ role: 'user', content: 'Hi' }]): unknown => ({
      input: { messages: input },
      preferred_output: [{ role: 'assistant', content: 'Hello!' }],
      non_preferred_output: [{ role: 'assistant', content: nonPreferred }],
    });

    it('preference: input plus the preferred output, as one chat', () => {
      // (3 + 1 + 1) + (3 + 1 + 2) + 3
      assert.deepEqual(countExampleTokens(preference('Go away'), 'preference', cl100k), {
        total: 14,
        assistant: 2,
        messages: 2,
        hasSystem: false,
        hasUser: true,
      });
      assert.equal(
        countExampleTokens(preference('Go away, and do not come back soon'), 'preference', cl100k)?.total,
        14,
      );
    });

    it('preference: assistant turns in the input are context, not output', () => {
      const multiTurn = preference('No', [
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: 'Hello!' },
        { role: 'user', content: 'Hi' },
      ]);
      assert.equal(countExampleTokens(multiTurn, 'preference', cl100k)?.assistant, 2);
      assert.equal(countExampleTokens(multiTurn, 'preference', cl100k)?.total, 5 + 6 + 5 + 6 + 3);
    });

    it('rft: messages as in chat; reference fields are for the grader', () => {
      const example = {
        messages: [
          { role: 'system', content: 'Say hi' },
          { role: 'user', content: 'Hi' },
        ],
        reference_answer: 'Hello there, a long reference the model never sees',
      };
      assert.deepEqual(countExampleTokens(example, 'rft', cl100k), {
        total: 14,
        assistant: 0,
        messages: 2,
        hasSystem: true,
        hasUser: true,
      });
      const developer = {
        messages: [
          { role: 'developer', content: 'Say hi' },
          { role: 'user', content: 'Hi' },
        ],
      };
      assert.equal(
        countExampleTokens(developer, 'rft', cl100k)?.hasSystem,
        true,
        'developer is the o-series system role',
      );
    });

    it('completion: prompt plus completion, no overhead', () => {
      assert.deepEqual(countExampleTokens({ prompt: 'Two plus two is', completion: ' four' }, 'completion', cl100k), {
        total: 5,
        assistant: 1,
        messages: 0,
        hasSystem: false,
        hasUser: true,
      });
      assert.equal(countExampleTokens({ prompt: '', completion: ' four' }, 'completion', cl100k)?.hasUser, false);
    });

    it('is undefined for values without the format shape', () => {
      for (const value of [
        null,
        'x',
        [],
        {},
        { messages: 'x' },
        { messages: [1] },
        { messages: [null] },
        { messages: [[]] },
      ]) {
        assert.equal(countExampleTokens(value, 'chat', cl100k), undefined, JSON.stringify(value));
        assert.equal(countExampleTokens(value, 'rft', cl100k), undefined, JSON.stringify(value));
      }
      assert.equal(countExampleTokens({ input: { messages: [] } }, 'preference', cl100k), undefined);
      assert.equal(countExampleTokens({ input: [], preferred_output: [] }, 'preference', cl100k), undefined);
      assert.equal(
        countExampleTokens({ input: { messages: [] }, preferred_output: ['x'] }, 'preference', cl100k),
        undefined,
      );
      assert.equal(countExampleTokens({ prompt: 'a' }, 'completion', cl100k), undefined);
      assert.equal(countExampleTokens({ prompt: 'a', completion: 1 }, 'completion', cl100k), undefined);
      assert.equal(countExampleTokens({ messages: [] }, 'completion', cl100k), undefined);
    });
  });
});
