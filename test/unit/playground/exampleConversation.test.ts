import * as assert from 'node:assert/strict';
import {
  mayBeConversationLine,
  readExampleConversation,
  type ExampleConversation,
} from '../../../src/core/playground/exampleConversation';

const line = (value: unknown) => JSON.stringify(value);
const system = (content: unknown) => ({ role: 'system', content });
const user = (content: unknown) => ({ role: 'user', content });
const assistant = (content: unknown) => ({ role: 'assistant', content });

function read(value: unknown): ExampleConversation {
  const result = readExampleConversation(line(value));
  if (typeof result === 'string') assert.fail(`refused: ${result}`);
  return result;
}

function refusal(text: string): string {
  const result = readExampleConversation(text);
  if (typeof result !== 'string') assert.fail(`opened: ${JSON.stringify(result)}`);
  return result;
}

const toolCall = { id: 'call_1', type: 'function', function: { name: 'lookup', arguments: '{}' } };

describe('readExampleConversation', () => {
  describe('chat examples', () => {
    it('takes the last assistant turn out as the reference', () => {
      const example = read({
        messages: [system('Be brief.'), user('Hi'), assistant('Hello!'), user('Bye?'), assistant('Bye.')],
      });
      assert.deepEqual(example, {
        systemPrompt: 'Be brief.',
        turns: [
          { role: 'user', content: 'Hi' },
          { role: 'assistant', content: 'Hello!' },
          { role: 'user', content: 'Bye?' },
        ],
        reference: 'Bye.',
      });
    });

    it('has an empty system prompt without a system message', () => {
      assert.deepEqual(read({ messages: [user('Hi'), assistant('Hello')] }), {
        systemPrompt: '',
        turns: [{ role: 'user', content: 'Hi' }],
        reference: 'Hello',
      });
    });

    it('has no reference when the conversation ends with a user turn (RFT)', () => {
      const example = read({ messages: [system('S'), user('Solve 2+2')], reference_answer: '4' });
      assert.deepEqual(example, { systemPrompt: 'S', turns: [{ role: 'user', content: 'Solve 2+2' }] });
      assert.equal('reference' in example, false);
    });

    it('joins several leading system and developer messages as paragraphs', () => {
      const example = read({
        messages: [system('First.'), { role: 'developer', content: 'Second.' }, user('Q'), assistant('A')],
      });
      assert.equal(example.systemPrompt, 'First.\n\nSecond.');
    });

    it('refuses a system message after the conversation started', () => {
      const reason = refusal(line({ messages: [user('Q'), system('Now be rude.'), assistant('A')] }));
      assert.match(reason, /^message 2 is a system message after the conversation started/);
    });

    it('joins the text parts of array content', () => {
      const example = read({
        messages: [
          system([{ type: 'text', text: 'Sys' }]),
          user([
            { type: 'text', text: 'Part one.' },
            { type: 'text', text: 'Part two.' },
          ]),
          assistant([{ type: 'text', text: 'Answer' }]),
        ],
      });
      assert.deepEqual(example, {
        systemPrompt: 'Sys',
        turns: [{ role: 'user', content: 'Part one.\nPart two.' }],
        reference: 'Answer',
      });
    });

    it('refuses images, audio and unknown content parts with the message number', () => {
      const image = { type: 'image_url', image_url: { url: 'https://example.com/a.png' } };
      assert.equal(
        refusal(line({ messages: [user([{ type: 'text', text: 'What is this?' }, image]), assistant('A cat')] })),
        'message 1 has an image; images are not supported in the playground yet',
      );
      const audio = { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } };
      assert.equal(
        refusal(line({ messages: [system('S'), user([audio]), assistant('Heard')] })),
        'message 2 has audio; audio is not supported in the playground yet',
      );
      assert.equal(
        refusal(line({ messages: [user([{ type: 'file', file: {} }]), assistant('A')] })),
        'message 1 has a content part of type "file", which the playground cannot show',
      );
      assert.equal(
        refusal(line({ messages: [user([{ text: 'no type' }]), assistant('A')] })),
        'message 1 has a content part without a "type"',
      );
      assert.equal(
        refusal(line({ messages: [user([{ type: 'text', text: 3 }]), assistant('A')] })),
        'message 1 has a text part without text',
      );
      assert.equal(
        refusal(line({ messages: [user(['bare string']), assistant('A')] })),
        'message 1 has a content part that is not an object',
      );
    });

    it('refuses tool calls, tool messages and tool definitions rather than dropping them', () => {
      const toolsReason = 'tool calls are not supported in the playground yet';
      const withCall = {
        messages: [
          user('Weather?'),
          { role: 'assistant', content: null, tool_calls: [toolCall] },
          { role: 'tool', tool_call_id: 'call_1', content: 'Sunny' },
          assistant('It is sunny.'),
        ],
      };
      assert.equal(refusal(line(withCall)), toolsReason);
      const legacyCall = {
        messages: [user('Q'), { role: 'assistant', function_call: { name: 'f', arguments: '{}' } }, assistant('A')],
      };
      assert.equal(refusal(line(legacyCall)), toolsReason);
      const functionResult = { messages: [user('Q'), { role: 'function', name: 'f', content: '1' }, assistant('A')] };
      assert.equal(refusal(line(functionResult)), toolsReason);
      const offersTools = { messages: [user('Hi'), assistant('Hello')], tools: [{ type: 'function', function: {} }] };
      assert.equal(refusal(line(offersTools)), 'it defines tools; tools are not supported in the playground yet');
    });

    it('opens an example whose tool list is empty', () => {
      assert.equal(read({ messages: [user('Hi'), assistant('Hello')], tools: [] }).reference, 'Hello');
    });

    it('ignores weight, message names and other fields', () => {
      const example = read({
        messages: [
          { role: 'user', name: 'ann', content: 'Hi' },
          { role: 'assistant', content: 'Hello', weight: 0 },
        ],
        metadata: { id: 7 },
      });
      assert.deepEqual(example, { systemPrompt: '', turns: [{ role: 'user', content: 'Hi' }], reference: 'Hello' });
    });

    it('reads a miscased role by what it says', () => {
      assert.equal(read({ messages: [user('Q'), { role: 'Assistant', content: 'A' }] }).reference, 'A');
    });

    it('refuses conversations the playground cannot answer', () => {
      assert.equal(refusal(line({ messages: [] })), 'it has no messages');
      assert.equal(refusal(line({ messages: [system('S'), assistant('A')] })), 'it has no user message');
      assert.equal(refusal(line({ messages: [system('Only a prompt')] })), 'it has no user message');
      assert.equal(
        refusal(line({ messages: [user('Q'), assistant('A1'), assistant('A2')] })),
        'its last two messages are both from the assistant; the playground answers a user message',
      );
    });

    it('refuses broken messages, naming the message', () => {
      assert.equal(refusal(line({ messages: 'hello' })), 'its message list is missing or not a list');
      assert.equal(refusal(line({ messages: [user('Q'), 'A'] })), 'message 2 is not an object');
      assert.equal(refusal(line({ messages: [{ content: 'Q' }, assistant('A')] })), 'message 1 has no role');
      assert.equal(
        refusal(line({ messages: [{ role: 'narrator', content: 'Q' }, assistant('A')] })),
        'message 1 has the unknown role "narrator"',
      );
      assert.equal(refusal(line({ messages: [user('Q'), assistant(null)] })), 'message 2 has no text content');
      assert.equal(refusal(line({ messages: [user(42), assistant('A')] })), 'message 1 has no text content');
    });
  });

  describe('preference examples', () => {
    const pair = (extra: Record<string, unknown> = {}) => ({
      input: { messages: [system('Be kind.'), user('Rate my poem')] },
      preferred_output: [assistant('It has a lovely rhythm.')],
      non_preferred_output: [assistant('Bad.')],
      ...extra,
    });

    it('opens the input conversation with the preferred answer as the reference', () => {
      assert.deepEqual(read(pair()), {
        systemPrompt: 'Be kind.',
        turns: [{ role: 'user', content: 'Rate my poem' }],
        reference: 'It has a lovely rhythm.',
      });
    });

    it('reads a preferred answer in content parts', () => {
      const example = read(pair({ preferred_output: [assistant([{ type: 'text', text: 'Parts' }])] }));
      assert.equal(example.reference, 'Parts');
    });

    it('refuses a broken preferred answer or input', () => {
      assert.equal(
        refusal(line(pair({ preferred_output: [] }))),
        '"preferred_output" is not a list holding one message',
      );
      assert.equal(
        refusal(line(pair({ preferred_output: [user('X')] }))),
        'the preferred_output message is not from the assistant',
      );
      assert.equal(refusal(line(pair({ preferred_output: ['X'] }))), 'the preferred_output message is not an object');
      assert.equal(
        refusal(line(pair({ preferred_output: [{ role: 'assistant', tool_calls: [toolCall] }] }))),
        'tool calls are not supported in the playground yet',
      );
      assert.equal(
        refusal(line({ input: { messages: [user('Q')] }, non_preferred_output: [assistant('B')] })),
        'it has no "preferred_output"',
      );
      assert.equal(
        refusal(line({ input: { messages: [user('Q')] }, preferred_completion: [assistant('A')] })),
        'it has "preferred_completion", the old name of "preferred_output"; rename it',
      );
      assert.equal(refusal(line(pair({ input: 'Q' }))), 'it has no "input" object');
      assert.equal(refusal(line(pair({ input: {} }))), 'its input message list is missing or not a list');
      assert.equal(
        refusal(line(pair({ input: { messages: [user('Q'), assistant('A')] } }))),
        'its input ends with an assistant message; the preferred answer must follow a user message',
      );
      assert.equal(refusal(line(pair({ input: { messages: [system('S')] } }))), 'its input has no user message');
      assert.equal(
        refusal(line(pair({ input: { messages: [user('Q')], tools: [{ type: 'function' }] } }))),
        'it defines tools; tools are not supported in the playground yet',
      );
      assert.equal(
        refusal(line(pair({ input: { messages: [user([{ type: 'image_url', image_url: { url: 'x' } }])] } }))),
        'input message 1 has an image; images are not supported in the playground yet',
      );
    });
  });

  describe('lines that are no example', () => {
    it('refuses bad JSON with the parser message', () => {
      assert.match(refusal('{"messages": [}'), /^it is not valid JSON \(.+\)$/);
    });

    it('refuses blank lines, non-objects and other layouts', () => {
      assert.equal(refusal('   '), 'the line is empty');
      assert.equal(refusal('[1, 2]'), 'it is not a JSON object');
      assert.equal(refusal('"messages"'), 'it is not a JSON object');
      assert.equal(refusal('null'), 'it is not a JSON object');
      assert.equal(
        refusal(line({ prompt: 'Q', completion: 'A' })),
        'it is a prompt/completion example; the playground opens chat and preference examples',
      );
      assert.equal(
        refusal(line({ instruction: 'Q', input: '', output: 'A' })),
        'it is not a chat or preference example',
      );
      assert.equal(refusal(line({ text: 'hello' })), 'it is not a chat or preference example');
    });
  });
});

describe('mayBeConversationLine', () => {
  it('passes chat, RFT and preference lines, also after leading blanks', () => {
    assert.equal(mayBeConversationLine(line({ messages: [user('Q'), assistant('A')] })), true);
    assert.equal(mayBeConversationLine(`  \t${line({ messages: [user('Q')] })}`), true);
    assert.equal(mayBeConversationLine('{"input": {"messages": []}, "preferred_output": []}'), true);
    assert.equal(mayBeConversationLine('{"preferred_output": [], "input": {}}'), true);
  });

  it('fails lines that are no object or mention neither key', () => {
    assert.equal(mayBeConversationLine(''), false);
    assert.equal(mayBeConversationLine('   '), false);
    assert.equal(mayBeConversationLine('["messages"]'), false);
    assert.equal(mayBeConversationLine(line({ prompt: 'Q', completion: 'A' })), false);
    // A quoted word inside a string is escaped, so it is no key.
    assert.equal(mayBeConversationLine(line({ text: 'the "messages" key' })), false);
    assert.equal(mayBeConversationLine(line({ non_preferred_output: [] })), false);
  });

  it('passes every line readExampleConversation opens', () => {
    const opened = [
      { messages: [user('Q'), assistant('A')] },
      { messages: [user('Q')] },
      { input: { messages: [user('Q')] }, preferred_output: [assistant('A')] },
    ];
    for (const value of opened) {
      assert.equal(typeof readExampleConversation(line(value)), 'object');
      assert.equal(mayBeConversationLine(line(value)), true);
    }
  });
});
