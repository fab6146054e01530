import * as assert from 'node:assert/strict';
import { chat, convertText, jsonl } from './helpers';

describe('ShareGPT', () => {
  it('converts human/gpt/system turns (and user/assistant) with a top-level system', async () => {
    const rows = [
      {
        id: 'a1',
        conversations: [
          { from: 'human', value: 'Hi' },
          { from: 'gpt', value: 'Hello!' },
          { from: 'human', value: 'Bye' },
          { from: 'gpt', value: 'Bye 👋' },
        ],
      },
      {
        system: 'Be brief.',
        conversations: [
          { from: 'User', value: 'Q' },
          { from: 'assistant', value: 'A' },
        ],
      },
      {
        conversations: [
          { from: 'system', value: 'S' },
          { from: 'human', value: 'Q' },
          { from: 'chatgpt', value: 'A' },
        ],
      },
    ];
    const { values, report } = await convertText(jsonl(rows), { from: 'sharegpt', to: 'chat' });
    assert.deepEqual(values, [
      chat(['user', 'Hi'], ['assistant', 'Hello!'], ['user', 'Bye'], ['assistant', 'Bye 👋']),
      chat(['system', 'Be brief.'], ['user', 'Q'], ['assistant', 'A']),
      chat(['system', 'S'], ['user', 'Q'], ['assistant', 'A']),
    ]);
    assert.equal(report.skippedCount, 0);
  });

  it('skips unknown speakers, missing text and examples without an answer, naming the turn', async () => {
    const rows = [
      {
        conversations: [
          { from: 'human', value: 'Q' },
          { from: 'function_call', value: '{}' },
        ],
      },
      { conversations: [{ from: 'human', value: 'Q' }, { from: 'gpt' }] },
      { conversations: [{ from: 'human', value: 'Q' }] },
      { conversations: [] },
    ];
    const { report } = await convertText(jsonl(rows), { from: 'sharegpt', to: 'chat' });
    assert.deepEqual(report.skipped, [
      { line: 1, reason: 'turn 2 has speaker "function_call"; known are human, gpt and system' },
      { line: 2, reason: 'turn 2 has no text "value"' },
      { line: 3, reason: 'no non-empty assistant message' },
      { line: 4, reason: 'no "conversations" list' },
    ]);
  });

  it('exports chat to ShareGPT, warning about dropped fields and skipping tool calls', async () => {
    const rows = [
      {
        messages: [
          { role: 'system', content: 'S' },
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: 'A', weight: 0 },
        ],
      },
      {
        messages: [
          { role: 'user', content: 'Q' },
          { role: 'assistant', content: null, tool_calls: [{ id: 'x' }] },
          { role: 'tool', content: '1' },
          { role: 'assistant', content: 'A' },
        ],
      },
    ];
    const { values, report } = await convertText(jsonl(rows), { from: 'chat', to: 'sharegpt' });
    assert.deepEqual(values, [
      {
        conversations: [
          { from: 'system', value: 'S' },
          { from: 'human', value: 'Q' },
          { from: 'gpt', value: 'A' },
        ],
      },
    ]);
    assert.deepEqual(report.skipped, [{ line: 2, reason: 'message 2 has tool calls' }]);
    assert.deepEqual(report.warnings, ['dropped field "weight": ShareGPT has no place for it']);
  });
});
