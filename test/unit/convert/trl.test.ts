import * as assert from 'node:assert/strict';
import { chat, convertText, jsonl } from './helpers';

const preference = (input: [string, string][], chosen: string, rejected: string) => ({
  input: { messages: input.map(([role, content]) => ({ role, content })) },
  preferred_output: [{ role: 'assistant', content: chosen }],
  non_preferred_output: [{ role: 'assistant', content: rejected }],
});

describe('TRL and OpenAI preference', () => {
  it('TRL → chat: copies messages rows, joins prompt-completion, keeps the chosen answer of preference rows', async () => {
    const messagesRow = '{"messages": [{"role": "user", "content": "Q"}, {"role": "assistant", "content": "A"}]}';
    const text = [
      messagesRow,
      JSON.stringify({ prompt: 'What is 2+2?', completion: '4' }),
      JSON.stringify({
        prompt: [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'Q' },
        ],
        completion: [{ role: 'assistant', content: 'A' }],
      }),
      JSON.stringify({ prompt: 'Q', chosen: 'good', rejected: 'bad' }),
      JSON.stringify({ text: 'plain language modelling' }),
    ].join('\n');
    const { lines, values, report } = await convertText(text, { from: 'trl', to: 'chat' });
    assert.equal(lines[0], messagesRow);
    assert.deepEqual(values.slice(1), [
      chat(['user', 'What is 2+2?'], ['assistant', '4']),
      chat(['system', 'S'], ['user', 'Q'], ['assistant', 'A']),
      chat(['user', 'Q'], ['assistant', 'good']),
    ]);
    assert.deepEqual(report.skipped, [{ line: 5, reason: 'plain "text" rows have no turns to convert' }]);
    assert.deepEqual(report.warnings, [
      'preference rows were converted with their chosen answer only; convert to preference to keep the rejected one',
    ]);
  });

  it('TRL preference → OpenAI preference: explicit prompt (strings or messages) and implicit prompt', async () => {
    const rows = [
      { prompt: 'Capital of France?', chosen: 'Paris', rejected: 'Lyon' },
      {
        prompt: [{ role: 'user', content: 'Hi' }],
        chosen: [{ role: 'assistant', content: 'Hello!' }],
        rejected: [{ role: 'assistant', content: 'What.' }],
      },
      {
        chosen: [
          { role: 'user', content: 'Sky colour?' },
          { role: 'assistant', content: 'Blue' },
        ],
        rejected: [
          { role: 'user', content: 'Sky colour?' },
          { role: 'assistant', content: 'Green' },
        ],
      },
      { chosen: 'no prompt', rejected: 'at all' },
      {
        prompt: 'Q',
        chosen: [
          { role: 'assistant', content: 'a' },
          { role: 'assistant', content: 'b' },
        ],
        rejected: 'c',
      },
      {
        messages: [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: 'A' },
        ],
      },
    ];
    const { values, report } = await convertText(jsonl(rows), { from: 'trl', to: 'preference' });
    assert.deepEqual(values, [
      preference([['user', 'Capital of France?']], 'Paris', 'Lyon'),
      preference([['user', 'Hi']], 'Hello!', 'What.'),
      preference([['user', 'Sky colour?']], 'Blue', 'Green'),
    ]);
    assert.deepEqual(report.skipped, [
      { line: 4, reason: 'no "prompt" for the text answers' },
      { line: 5, reason: '"chosen" must hold exactly one assistant message' },
      { line: 6, reason: 'not a preference row (needs "chosen" and "rejected")' },
    ]);
  });

  it('OpenAI preference → TRL conversational preference, and preference → preference copies valid lines', async () => {
    const row = preference(
      [
        ['system', 'S'],
        ['user', 'Q'],
      ],
      'good',
      'bad',
    );
    const { values } = await convertText(jsonl([row]), { from: 'preference', to: 'trl' });
    assert.deepEqual(values, [
      {
        prompt: [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'Q' },
        ],
        chosen: [{ role: 'assistant', content: 'good' }],
        rejected: [{ role: 'assistant', content: 'bad' }],
      },
    ]);
    const spaced =
      '{"input": {"messages": [{"role": "user", "content": "Q"}]}, "preferred_output": [{"role": "assistant", "content": "y"}], "non_preferred_output": [{"role": "assistant", "content": "n"}]}';
    const copied = await convertText(`${spaced}\n{"input":{}}\n`, { from: 'preference', to: 'preference' });
    assert.deepEqual(copied.lines, [spaced]);
    assert.deepEqual(copied.report.skipped, [{ line: 2, reason: 'input message list is not a list' }]);
  });

  it('chat → TRL copies valid lines byte for byte', async () => {
    const line =
      '{"messages":[{"role":"user","content":"Q"},{"role":"assistant","content":"A","weight":1}],"tools":[]}';
    const { lines } = await convertText(`${line}\n`, { from: 'chat', to: 'trl' });
    assert.deepEqual(lines, [line]);
  });
});
