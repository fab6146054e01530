import * as assert from 'node:assert/strict';
import {
  buildChatRequest,
  buildCompletionPrompt,
  buildCompletionRequest,
} from '../../../src/core/connections/buildRequest';

describe('connections: request building', () => {
  it('chat: only the parameters that are set, system prompt first', () => {
    assert.deepEqual(buildChatRequest({ model: 'm', turns: [{ role: 'user', content: 'hi' }], parameters: {} }), {
      model: 'm',
      messages: [{ role: 'user', content: 'hi' }],
    });
    assert.deepEqual(
      buildChatRequest({
        model: 'ft:m:x::1',
        systemPrompt: 'Be brief.',
        turns: [
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: 'a1' },
          { role: 'user', content: 'q2' },
        ],
        parameters: {
          temperature: 0,
          topP: 0.5,
          maxTokens: 10,
          stop: ['END'],
          seed: 7,
          presencePenalty: -1,
          frequencyPenalty: 0.5,
        },
      }),
      {
        model: 'ft:m:x::1',
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'user', content: 'q1' },
          { role: 'assistant', content: 'a1' },
          { role: 'user', content: 'q2' },
        ],
        temperature: 0,
        top_p: 0.5,
        max_tokens: 10,
        stop: ['END'],
        seed: 7,
        presence_penalty: -1,
        frequency_penalty: 0.5,
      },
    );
  });

  it('chat: a blank system prompt and an empty stop list are left out; max_completion_tokens on request', () => {
    const request = buildChatRequest({
      model: 'o4-mini',
      systemPrompt: '  ',
      turns: [{ role: 'user', content: 'hi' }],
      parameters: { stop: [], maxTokens: 5 },
      maxTokensField: 'max_completion_tokens',
    });
    assert.deepEqual(request, {
      model: 'o4-mini',
      messages: [{ role: 'user', content: 'hi' }],
      max_completion_tokens: 5,
    });
  });

  it('completion: the legacy defaults and template', () => {
    assert.deepEqual(buildCompletionRequest({ model: 'c', turns: [{ role: 'user', content: 'Hello?' }] }), {
      model: 'c',
      prompt: 'Human:Hello?\nAI:',
      temperature: 0.9,
      top_p: 1,
      max_tokens: 150,
      stop: ['\nHuman'],
    });
  });

  it('completion: the running chat is rebuilt into the template every turn', () => {
    const turns = [
      { role: 'user', content: 'q1' },
      { role: 'assistant', content: ' a1' },
      { role: 'user', content: 'q2' },
    ] as const;
    assert.equal(buildCompletionPrompt(turns), 'Human:q1\nAI: a1\nHuman:q2\nAI:');
    assert.equal(buildCompletionPrompt(turns, 'Q: {question}\nA:'), 'Q: q1\nA: a1\nQ: q2\nA:');
    assert.equal(
      buildCompletionPrompt([
        { role: 'user', content: 'unanswered' },
        { role: 'user', content: 'again' },
      ]),
      'Human:unanswered\nAI:\nHuman:again\nAI:',
    );
  });

  it('completion: each parameter is editable, and unset ones keep their defaults', () => {
    const request = buildCompletionRequest({
      model: 'c',
      template: '{question} ->',
      turns: [{ role: 'user', content: 'x' }],
      parameters: { temperature: 0, maxTokens: undefined, stop: [], seed: 3 },
    });
    assert.deepEqual(request, { model: 'c', prompt: 'x ->', temperature: 0, top_p: 1, max_tokens: 150, seed: 3 });
  });

  it('completion: refuses a template without {question} and a chat that does not end with a question', () => {
    assert.throws(() => buildCompletionPrompt([{ role: 'user', content: 'x' }], 'Human:'), /\{question\}/);
    assert.throws(() => buildCompletionPrompt([]), /end with a user message/);
    assert.throws(
      () =>
        buildCompletionPrompt([
          { role: 'user', content: 'q' },
          { role: 'assistant', content: 'a' },
        ]),
      /end with a user message/,
    );
  });
});
